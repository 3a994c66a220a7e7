package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.FlowChecks.q;

import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.Iterator;
import java.util.List;

/**
 * CONSISTENT_PREFIX_VIOLATION: a reader saw an effect whose cause was not visible where it read.
 *
 * <p><b>What counts.</b> A READ by a reader (not a join's table lookup) of a store replica (the
 * READ's partition; 0 for a derived store) whose value is the effect of a set or claim event V of
 * that key (the value is V's own id) when V has a cause C that replica had not applied yet. As
 * replicas only ever add events, a cause missing when the reader got the answer was missing when
 * the replica answered. It is confirmed when C is applied at that replica later (APPLY, or
 * REPLICATE at a follower); when the run has drained, a read still waiting is reported only if C
 * should have reached the store (as for CAUSALITY_VIOLATION) and never did. One finding per effect
 * and replica (the first read that saw it), so a reader polling a key does not repeat it.
 *
 * <p><b>Witness.</b> The effect V and its cause C. The replica can only have applied V without C
 * because its store took the effect before the cause (at a database, the leader committed them in
 * that order and followers replay the leader's order).
 *
 * <p><b>Horizon.</b> Reads still waiting for a cause the history forgets (no step mentioned it for
 * {@link FlowChecks.History#HORIZON_MICROS}) are judged then, as at the end of the run; a read of
 * an effect or cause already forgotten is not judged.
 *
 * <p>State: per store replica a bitset of the effects already judged, per store the causes awaited
 * (a bitset) and the reads waiting for each, all over the history's window of events; O(1) per
 * step.
 */
final class ConsistentPrefixChecker extends Checker implements FlowChecks.History.Forget {
  private final FlowChecks.Topology topology;
  private final FlowChecks.History history;
  private final Events events;
  private final EventSet[][] judged;

  /** Reads that saw an effect without its cause: cause → [reader, replica, effect, time, key]. */
  private final CauseWaits waiting;

  ConsistentPrefixChecker(
      CheckContext ctx, FlowChecks.Topology topology, FlowChecks.History history) {
    super(ctx);
    this.topology = topology;
    this.history = history;
    this.events = ctx.events();
    int n = topology.size();
    judged = new EventSet[n][];
    waiting = new CauseWaits(n, topology::isStore);
    for (int i = 0; i < n; i++) {
      if (topology.isStore(i)) {
        judged[i] = new EventSet[topology.replicas(i)];
        for (int r = 0; r < judged[i].length; r++) {
          judged[i][r] = new EventSet();
        }
      }
    }
  }

  @Override
  public void onStep(TraceStep s) {
    StepKind kind = s.kind();
    if (kind == StepKind.APPLY || kind == StepKind.REPLICATE) {
      applied(s);
    } else if (kind == StepKind.READ) {
      read(s);
    }
  }

  private void applied(TraceStep s) {
    int store = s.component();
    long e = s.eventId();
    if (e <= 0 || !waiting.tracks(store) || !waiting.awaits(store, e)) {
      return;
    }
    int replica = history.replicaOf(store, s.partition());
    List<long[]> reads = waiting.waiters(store, e);
    Iterator<long[]> it = reads.iterator();
    while (it.hasNext()) {
      long[] r = it.next();
      if (r[1] == replica) {
        it.remove();
        report(store, r, e, s.timeMicros());
      }
    }
    if (reads.isEmpty()) {
      waiting.done(store, e);
    }
  }

  private void read(TraceStep s) {
    int reader = s.component();
    int store = topology.readerSource(reader);
    if (!waiting.tracks(store)) {
      return;
    }
    long v = s.value();
    if (v <= 0 || v > events.count() || !FlowChecks.overwrites(events.op(v))) {
      return;
    }
    if (events.value(v) != v || events.key(v) != s.key()) {
      return; // the value is not the effect of one event of this key
    }
    long cause = events.cause(v);
    int replica = history.replicaOf(store, s.partition());
    if (cause <= 0
        || history.forgotten(cause)
        || history.forgotten(v)
        || history.applied(store, replica, cause)
        || !topology.feeds(events.producer(cause), store)) {
      return;
    }
    if (!judged[store][replica].add(v)) {
      return;
    }
    waiting.add(store, cause, new long[] {reader, replica, v, s.timeMicros(), s.key()});
  }

  @Override
  public void finish(long endMicros) {
    waiting.finish(this::neverCame);
  }

  /**
   * The history is about to forget {@code e}: reads still waiting for it as a cause are judged now
   * as at the end of the run, and it is forgotten as a cause and as a judged effect. O(replicas)
   * and no allocation when nothing waits for it.
   */
  @Override
  public void forgetting(long e) {
    waiting.forget(e, this::neverCame);
    for (EventSet[] replicas : judged) {
      if (replicas != null) {
        for (EventSet set : replicas) {
          set.forgetBelow(e + 1);
        }
      }
    }
  }

  /** Reports the reads at {@code store} that saw an effect whose cause never came there. */
  private void neverCame(int store, long cause, List<long[]> reads) {
    if (!topology.expects(events.producer(cause), store)
        || !history.accepted(cause)
        || history.excused(cause)
        || history.reached(store, cause)) {
      return;
    }
    for (long[] r : reads) {
      report(store, r, cause, -1);
    }
  }

  /** Reports read {@code r} ([reader, replica, effect, time, key]); {@code causeAt} -1: never. */
  private void report(int store, long[] r, long cause, long causeAt) {
    long at = r[3];
    if (FlowChecks.countOnly(ctx, AnomalyKind.CONSISTENT_PREFIX_VIOLATION, at)) {
      return;
    }
    String reader = ctx.name((int) r[0]);
    int replica = (int) r[1];
    long effect = r[2];
    String key = ctx.key((int) r[4]);
    String causeKey = ctx.key(events.key(cause));
    String storeName = ctx.name(store);
    String where =
        topology.replicas(store) > 1 ? "replica " + replica + " of " + q(storeName) : q(storeName);
    String explanation =
        q(reader)
            + " read "
            + key
            + " from "
            + where
            + " at "
            + FlowChecks.time(at)
            + " and saw "
            + Finding.event(effect)
            + " (from "
            + q(ctx.name(events.producer(effect)))
            + "), but the event it depends on, "
            + Finding.event(cause)
            + " ("
            + causeKey
            + ", from "
            + q(ctx.name(events.producer(cause)))
            + "), "
            + (causeAt >= 0
                ? "was applied there only at "
                    + FlowChecks.time(causeAt)
                    + " ("
                    + FlowChecks.span(causeAt - at)
                    + " later)"
                : "never was (it was lost on the way: see MESSAGE_LOSS)")
            + ": "
            + q(storeName)
            + (topology.isDatabase(store)
                ? " committed the effect before its cause, and its replicas replay that order"
                : " applied the effect before its cause (see CAUSALITY_VIOLATION)")
            + ", so the reader saw an answer without its question.";
    String fix =
        "apply causes before their effects at "
            + q(storeName)
            + " (send dependent events through one partition keyed by what they share), or read"
            + " at a consistent snapshot";
    FlowChecks.report(
        ctx,
        AnomalyKind.CONSISTENT_PREFIX_VIOLATION,
        at,
        List.of(reader, storeName),
        key.equals(causeKey) ? List.of(key) : List.of(key, causeKey),
        List.of(Finding.event(effect), Finding.event(cause)),
        explanation,
        fix);
  }
}
