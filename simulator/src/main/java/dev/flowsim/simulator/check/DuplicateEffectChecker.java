package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.FlowChecks.q;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.List;

/**
 * DUPLICATE_EFFECT: one event's effect was applied more than once at a store.
 *
 * <p><b>What counts.</b> An APPLY of event E at a store replica that had already applied E (the
 * database's current leader, or a derived store) when the second apply had an effect: the event is
 * an increment or a transfer (each apply adds again), or it changed the value (a replayed set that
 * puts back an older value). A repeated set of the value the key already holds changes nothing and
 * is not reported; a version-checked store that ignores the copy records SKIP, not APPLY. After a
 * failover the new leader's own history counts, so a retried write that the old leader had
 * committed and lost is not a duplicate. Join tables are not judged: a restored checkpoint applies
 * their changelog again by design (exactly-once state).
 *
 * <p><b>Witness.</b> The event; one finding per repeated apply. The explanation names where the
 * second copy came from: a retry by its producer (it sent the event more than once), a queue's
 * redelivery, a crash of a consumer on the route that resumed from its last commit or checkpoint, a
 * duplicating link, a service's retried write, or a topic re-sending unacknowledged records.
 *
 * <p><b>Horizon.</b> A store's applied events are remembered while a copy could still arrive: for
 * {@link FlowChecks.History#HORIZON_MICROS} (10 minutes of simulated time) after the last step that
 * mentioned the event anywhere (a send, delivery, append, consume, apply, redelivery, ...). The
 * trade-off: a duplicate arriving later than that (a topic replaying a record kept by retention for
 * longer, with no step mentioning it in between) is not reported; in return the memory is
 * proportional to the events of the last ten minutes, not to the length of the run.
 *
 * <p>State: the history's per-replica bitsets of applied events, over its window; O(1) per step.
 */
final class DuplicateEffectChecker extends Checker {
  private final FlowChecks.Topology topology;
  private final FlowChecks.History history;
  private final Events events;

  DuplicateEffectChecker(
      CheckContext ctx, FlowChecks.Topology topology, FlowChecks.History history) {
    super(ctx);
    this.topology = topology;
    this.history = history;
    this.events = ctx.events();
  }

  @Override
  public void onStep(TraceStep s) {
    if (s.kind() != StepKind.APPLY) {
      return;
    }
    int c = s.component();
    long e = s.eventId();
    if (e <= 0 || !topology.isStore(c) || !history.applied(c, s.partition(), e)) {
      return;
    }
    if (FlowChecks.overwrites(events.op(e)) && s.value() == s.oldValue()) {
      return; // the same value again: no second effect
    }
    long at = s.timeMicros();
    if (FlowChecks.countOnly(ctx, AnomalyKind.DUPLICATE_EFFECT, at)) {
      return;
    }
    report(c, e, s.key(), at, s.oldValue(), s.value());
  }

  private void report(int store, long e, int keyIndex, long at, long old, long now) {
    String storeName = ctx.name(store);
    String key = ctx.key(keyIndex);
    int origin = events.producer(e);
    FlowChecks.Route route = topology.route(origin, store);
    List<String> components = new ArrayList<>();
    components.add(storeName);
    String idempotent =
        "make "
            + q(storeName)
            + " idempotent: version-check its writes (a replayed record carries the same offset or"
            + " version) or deduplicate by request id before it";
    String how;
    String fix = idempotent;
    Component producer = topology.component(origin);
    if (history.flag(e, FlowChecks.History.RESENT) && producer instanceof Producer p) {
      how =
          q(p.id())
              + " sent "
              + Finding.event(e)
              + " again after its "
              + (p.retry() == null ? "" : p.retry().timeout() + " ")
              + "retry timeout, because no acknowledgement had come back in time, and both copies"
              + " reached "
              + q(storeName)
              + (p.requestIds()
                  ? "; the copies carry one request id, but nothing on the way deduplicates it"
                  : "; without request ids nothing downstream can tell the copies apart");
      components.add(p.id());
      fix =
          p.requestIds()
              ? "deduplicate by request id before "
                  + q(storeName)
                  + " (a dedupe processor), or version-check the writes at "
                  + q(storeName)
              : "give "
                  + q(p.id())
                  + "'s requests ids that its retries keep and deduplicate them (a dedupe"
                  + " processor), or version-check the writes at "
                  + q(storeName);
    } else if (history.flag(e, FlowChecks.History.REDELIVERED) && queueOn(route) != null) {
      Queue queue = queueOn(route);
      how =
          q(queue.id())
              + " redelivered "
              + Finding.event(e)
              + " when no ack came within its "
              + queue.ackTimeout()
              + " ack timeout, while the first delivery was still being processed, and both"
              + " copies were applied";
      components.add(queue.id());
    } else {
      how = crashReplay(route, store, e, at, components);
      if (how == null) {
        how = otherCopy(route, storeName, e, components);
      }
    }
    String explanation =
        q(storeName)
            + " applied "
            + Finding.event(e)
            + " to "
            + key
            + " a second time at "
            + FlowChecks.time(at)
            + " ("
            + key
            + ": "
            + FlowChecks.value(events, e, old)
            + " -> "
            + FlowChecks.value(events, e, now)
            + (FlowChecks.overwrites(events.op(e))
                ? ", an older value put back"
                : ", the same amount added again")
            + "): "
            + how
            + ".";
    FlowChecks.report(
        ctx,
        AnomalyKind.DUPLICATE_EFFECT,
        at,
        components,
        List.of(key),
        List.of(Finding.event(e)),
        explanation,
        fix);
  }

  private static Queue queueOn(FlowChecks.Route route) {
    for (Component c : route.nodes()) {
      if (c instanceof Queue queue) {
        return queue;
      }
    }
    return null;
  }

  /** A crash of a component on the route since the event was created, explained; or null. */
  private String crashReplay(
      FlowChecks.Route route, int store, long e, long at, List<String> components) {
    Component crashed = null;
    long when = -1;
    for (Component c : route.nodes()) {
      long t = history.crashBetween(topology.index(c.id()), events.createdAt(e), at);
      if (t > when) {
        when = t;
        crashed = c;
      }
    }
    if (crashed == null) {
      return null;
    }
    int index = topology.index(crashed.id());
    long up = history.upAfter(index, when);
    components.add(crashed.id());
    String restarted = up < 0 ? "" : " and restarted at " + FlowChecks.time(up);
    Connection input = topology.brokerInput(route, crashed.id());
    if (crashed instanceof Processor p && p.operator().isStateful()) {
      return q(p.id())
          + " crashed at "
          + FlowChecks.time(when)
          + restarted
          + ": it restored its last checkpoint and emitted again what it had emitted since";
    }
    if (input != null && topology.component(topology.index(input.from())) instanceof Topic) {
      Connection.Consumer consumer = input.consumerOrDefault();
      String policy =
          consumer.commit() == Connection.CommitPolicy.AUTO
              ? "commits offsets automatically every " + consumer.autoCommitInterval()
              : "commits offsets " + FlowChecks.spec(consumer.commit());
      components.add(input.from());
      return q(crashed.id())
          + " crashed at "
          + FlowChecks.time(when)
          + restarted
          + "; its input "
          + q(input.label())
          + " "
          + policy
          + ", so "
          + q(input.from())
          + " replayed from the last commit the records it had already "
          + (crashed.id().equals(ctx.name(store)) ? "applied" : "passed on");
    }
    if (input != null) {
      components.add(input.from());
      return q(crashed.id())
          + " crashed at "
          + FlowChecks.time(when)
          + restarted
          + ", and "
          + q(input.from())
          + " redelivered the messages it had not acknowledged yet";
    }
    return q(crashed.id())
        + " crashed at "
        + FlowChecks.time(when)
        + restarted
        + ", and what it had in flight was sent again";
  }

  /** A duplicating link, a retrying service or a topic re-sending records, explained. */
  private String otherCopy(
      FlowChecks.Route route, String storeName, long e, List<String> components) {
    for (Connection c : route.hops()) {
      if (c.duplication() > 0) {
        components.add(c.label());
        return q(c.label()) + " is " + CheckContext.describe(c) + ", and it duplicated the message";
      }
    }
    for (Component c : route.nodes()) {
      if (c instanceof Service svc && svc.retries() > 0) {
        components.add(svc.id());
        return q(svc.id())
            + " retried a write whose first attempt had been applied (its acknowledgement was"
            + " late or lost)";
      }
    }
    for (Component c : route.nodes()) {
      if (c instanceof Topic t) {
        components.add(t.id());
        return q(t.id())
            + " delivered "
            + Finding.event(e)
            + " to a consumer again (a rebalance or a fetch timeout re-sends the records not yet"
            + " acknowledged)";
      }
    }
    return "a second copy of " + Finding.event(e) + " reached " + q(storeName);
  }
}
