package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.FlowChecks.q;

import dev.flowsim.model.Component;
import dev.flowsim.model.Database;
import dev.flowsim.model.Queue;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * OUT_OF_ORDER: a store applied the events of one key in another order than they were produced.
 *
 * <p><b>What counts.</b> At a database (its leader's APPLY steps), a derived store, or a join
 * processor's table (APPLY at the processor), an APPLY of an order-sensitive event (set, claim) of
 * key K whose producer had produced a later event of K that this store applied before. Increments
 * and transfers commute and are never out of order. The order that must hold is the order of
 * production, per producer (the order a client sends its events in; events of different producers
 * are concurrent and a store may apply them in either order) — except at a store fed by a
 * database's change stream, which must follow the database's commit order instead (the database, as
 * system of record, decides the order of what it commits; when it committed a key's events in
 * another order than they were produced, the finding is at the database). An event the store had
 * applied before (a replayed duplicate) is DUPLICATE_EFFECT, not out of order; a version-checked
 * store that ignores the older write records SKIP, not APPLY, so there is no finding. A database
 * failover forgets the order seen so far at that database (the new leader lacks the lost writes).
 * An event the history has forgotten (no step mentioned it for {@link
 * FlowChecks.History#HORIZON_MICROS}) is not judged: a copy of it arriving that late is a replay,
 * not a new write.
 *
 * <p><b>Witness.</b> The two events in the order the store applied them: the later-produced one
 * (applied first), then the earlier-produced one (applied now, which now holds the key). One
 * finding per late APPLY. The explanation names what on the route can reorder a key's events:
 * redelivery by a queue or a retry by the producer of that very event, then non-FIFO links, unkeyed
 * multi-partition topics, load-balanced queues with concurrent consumers, services that handle
 * requests concurrently, several links into the store.
 *
 * <p>State: per checked store, per (key, producer) the latest-produced event applied so far: O(1)
 * per step, no allocation except when the arrays grow.
 */
final class OutOfOrderChecker extends Checker {
  private final FlowChecks.Topology topology;
  private final FlowChecks.History history;
  private final Events events;
  private final int[] slotOf;
  private final int slots;
  private final Order[] orders;

  /** The latest-produced event applied per (key, producer slot), by id and by commit rank. */
  private static final class Order {
    long[] maxEvent = new long[64];
    int[] maxRank = new int[64];
    long[] maxRankEvent = new long[64];

    void ensure(int i) {
      if (i >= maxEvent.length) {
        int n = Math.max(i + 1, maxEvent.length * 2);
        maxEvent = Arrays.copyOf(maxEvent, n);
        maxRank = Arrays.copyOf(maxRank, n);
        maxRankEvent = Arrays.copyOf(maxRankEvent, n);
      }
    }

    void clear() {
      Arrays.fill(maxEvent, 0L);
      Arrays.fill(maxRank, 0);
      Arrays.fill(maxRankEvent, 0L);
    }
  }

  OutOfOrderChecker(CheckContext ctx, FlowChecks.Topology topology, FlowChecks.History history) {
    super(ctx);
    this.topology = topology;
    this.history = history;
    this.events = ctx.events();
    int n = topology.size();
    slotOf = new int[n];
    orders = new Order[n];
    int next = 0;
    for (int i = 0; i < n; i++) {
      // the components that create events: producers, and processors (window and join results)
      slotOf[i] = topology.isProducer(i) || topology.isProcessor(i) ? next++ : -1;
      if (topology.isStore(i) || topology.isProcessor(i)) {
        orders[i] = new Order();
      }
    }
    slots = Math.max(1, next);
  }

  @Override
  public void onStep(TraceStep s) {
    int c = s.component();
    if (c < 0 || c >= orders.length || orders[c] == null) {
      return;
    }
    if (s.kind() == StepKind.FAILOVER) {
      orders[c].clear();
      return;
    }
    if (s.kind() != StepKind.APPLY) {
      return;
    }
    long e = s.eventId();
    int key = s.key();
    if (e <= 0 || key < 0 || !FlowChecks.overwrites(events.op(e))) {
      return;
    }
    if (history.forgotten(e) || history.applied(c, s.partition(), e)) {
      return; // a replayed duplicate (DUPLICATE_EFFECT judges it), or one beyond the horizon
    }
    int producer = events.producer(e);
    int slot = producer >= 0 && producer < slotOf.length ? slotOf[producer] : -1;
    if (slot < 0) {
      return;
    }
    int i = key * slots + slot;
    Order o = orders[c];
    o.ensure(i);
    int rank = topology.cdcDownstream(c) ? history.dbRank(e) : 0;
    if (rank > 0) {
      if (o.maxRank[i] > rank) {
        report(s, o.maxRankEvent[i], e, true);
      } else {
        o.maxRank[i] = rank;
        o.maxRankEvent[i] = e;
      }
    } else if (o.maxEvent[i] > e) {
      report(s, o.maxEvent[i], e, false);
    } else {
      o.maxEvent[i] = e;
    }
  }

  private void report(TraceStep s, long first, long late, boolean byCommitOrder) {
    int store = s.component();
    long at = s.timeMicros();
    if (FlowChecks.countOnly(ctx, AnomalyKind.OUT_OF_ORDER, at)) {
      return;
    }
    String storeName = ctx.name(store);
    String key = ctx.key(s.key());
    int origin = events.producer(late);
    List<String> components = new ArrayList<>();
    components.add(storeName);
    List<String> fixes = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    FlowChecks.Route route = topology.route(origin, store);
    String database = null;
    if (byCommitOrder) {
      for (Component c : route.nodes()) {
        if (c instanceof Database) {
          database = c.id();
          route = topology.route(topology.index(c.id()), store);
          break;
        }
      }
    }
    if (history.flag(late, FlowChecks.History.REDELIVERED)) {
      for (Component c : route.nodes()) {
        if (c instanceof Queue queue) {
          reasons.add(
              q(queue.id())
                  + " redelivered "
                  + Finding.event(late)
                  + " when no ack came within its "
                  + queue.ackTimeout()
                  + " ack timeout, after newer messages of "
                  + key
                  + " had gone to other consumers");
          components.add(queue.id());
          fixes.add(
              "replace "
                  + q(queue.id())
                  + " by a topic partitioned by key with one consumer per partition, or"
                  + " version-check the writes at "
                  + q(storeName));
        }
      }
    }
    if (!byCommitOrder && history.flag(late, FlowChecks.History.RESENT)) {
      reasons.add(
          q(ctx.name(origin))
              + " re-sent "
              + Finding.event(late)
              + " after its retry timeout, so a copy of it arrived after "
              + Finding.event(first));
      components.add(ctx.name(origin));
      fixes.add(
          "keep a key's requests in order (one in flight per key), or version-check the writes at "
              + q(storeName));
    }
    reasons.addAll(topology.reorderPoints(route, store, components, fixes));
    components.add(byCommitOrder && database != null ? database : ctx.name(origin));
    long earlier = events.createdAt(first) - events.createdAt(late);
    String d = database != null ? q(database) : "the database upstream";
    String explanation =
        q(storeName)
            + " applied "
            + Finding.event(late)
            + " to "
            + key
            + " at "
            + FlowChecks.time(at)
            + " after it had applied "
            + Finding.event(first)
            + (byCommitOrder
                ? ", although "
                    + d
                    + " committed "
                    + Finding.event(late)
                    + " first"
                    + " (the order its change stream carries)"
                : ", which "
                    + q(ctx.name(origin))
                    + " produced "
                    + FlowChecks.span(earlier)
                    + " later")
            + ": the older write took effect last, so "
            + q(storeName)
            + " now holds "
            + key
            + " = "
            + FlowChecks.value(events, late, s.value())
            + " instead of "
            + FlowChecks.value(events, first, events.value(first))
            + ". "
            + (reasons.isEmpty()
                ? "Nothing on the route explains it by itself; the two events simply arrived in"
                    + " this order."
                : "Why: " + String.join("; ", reasons) + ".");
    String fix = fixes.isEmpty() ? AnomalyKind.OUT_OF_ORDER.usualFix() : fixes.get(0);
    FlowChecks.report(
        ctx,
        AnomalyKind.OUT_OF_ORDER,
        at,
        components,
        List.of(key),
        List.of(Finding.event(first), Finding.event(late)),
        explanation,
        fix);
  }
}
