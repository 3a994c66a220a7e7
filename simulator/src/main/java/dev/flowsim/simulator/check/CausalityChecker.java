package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.FlowChecks.q;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Topic;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.List;

/**
 * CAUSALITY_VIOLATION: an event took effect at a store before the event it depends on.
 *
 * <p><b>What counts.</b> An event E with a cause C ({@link Events#cause}: e.g. a message that
 * depends on an unfriend) applied at a store (the database's leader, or a derived store) while that
 * store had not applied C yet, when some route leads from C's producer to that store (a cause that
 * never comes there — another store's data, or a window's or join's input behind a derived result —
 * is not awaited). It is confirmed when C's APPLY at that store comes later (the finding's time is
 * E's apply). When the run has drained, an E still waiting is reported only if C was expected at
 * that store (see {@link MessageLossChecker}), the system accepted C, nobody deliberately dropped
 * it, and it never reached the store: E took effect and its cause never did (C is also a
 * MESSAGE_LOSS). A cause the store deliberately ignored (SKIP) is no violation. A second apply of E
 * (a duplicate) is not judged again.
 *
 * <p><b>Witness.</b> The event and its cause. The explanation compares their routes from their
 * producers to the store: the links and brokers only one of them took (nothing orders two routes
 * against each other), or, on a shared route, what can reorder it.
 *
 * <p><b>Horizon.</b> The history forgets an event once no step has mentioned it for its horizon
 * ({@link FlowChecks.History#HORIZON_MICROS}): effects still waiting for a cause it forgets are
 * judged then, as at the end of the run; an effect whose cause is already forgotten is not awaited,
 * nor is a forgotten effect judged.
 *
 * <p>State: per store, the causes awaited (a bitset over the history's window, so an APPLY costs
 * one bit test) and the effects waiting for each; allocation only when an event arrives before its
 * cause.
 */
final class CausalityChecker extends Checker implements FlowChecks.History.Forget {
  private final FlowChecks.Topology topology;
  private final FlowChecks.History history;
  private final Events events;

  /** The effects applied at each store before their causes: cause → [effect, time] records. */
  private final CauseWaits waiting;

  CausalityChecker(CheckContext ctx, FlowChecks.Topology topology, FlowChecks.History history) {
    super(ctx);
    this.topology = topology;
    this.history = history;
    this.events = ctx.events();
    waiting = new CauseWaits(topology.size(), topology::isStore);
  }

  @Override
  public void onStep(TraceStep s) {
    if (s.kind() != StepKind.APPLY) {
      return;
    }
    int store = s.component();
    long e = s.eventId();
    if (e <= 0 || !waiting.tracks(store)) {
      return;
    }
    long now = s.timeMicros();
    List<long[]> early = waiting.done(store, e);
    if (early != null) {
      for (long[] effect : early) {
        report(store, effect[0], e, effect[1], now);
      }
    }
    if (history.forgotten(e) || history.applied(store, s.partition(), e)) {
      return;
    }
    long cause = events.cause(e);
    if (cause <= 0
        || history.forgotten(cause)
        || history.applied(store, s.partition(), cause)
        || !topology.feeds(events.producer(cause), store)) {
      return; // no cause, applied already, or one that never comes here (a window's input)
    }
    waiting.add(store, cause, new long[] {e, now});
  }

  @Override
  public void finish(long endMicros) {
    waiting.finish(this::neverCame);
  }

  /**
   * The history is about to forget {@code cause}: the effects still waiting for it are judged now
   * as at the end of the run (it has been quiet for the horizon, so it is not coming), and
   * forgotten. O(stores) and no allocation when nothing waits for it.
   */
  @Override
  public void forgetting(long cause) {
    waiting.forget(cause, this::neverCame);
  }

  private void neverCame(int store, long cause, List<long[]> effects) {
    if (!topology.expects(events.producer(cause), store)
        || !history.accepted(cause)
        || history.excused(cause)
        || history.reached(store, cause)) {
      return;
    }
    for (long[] effect : effects) {
      report(store, effect[0], cause, effect[1], -1);
    }
  }

  /**
   * Reports {@code effect}, applied at {@code store} at {@code at}, before its {@code cause},
   * applied there at {@code causeAt} (-1: never).
   */
  private void report(int store, long effect, long cause, long at, long causeAt) {
    if (FlowChecks.countOnly(ctx, AnomalyKind.CAUSALITY_VIOLATION, at)) {
      return;
    }
    String storeName = ctx.name(store);
    int effectOrigin = events.producer(effect);
    int causeOrigin = events.producer(cause);
    String effectKey = ctx.key(events.key(effect));
    String causeKey = ctx.key(events.key(cause));
    List<String> components = new ArrayList<>();
    components.add(storeName);
    List<String> fixes = new ArrayList<>();
    String why = routes(store, effect, cause, components, fixes);
    long before = events.createdAt(effect) - events.createdAt(cause);
    String explanation =
        q(storeName)
            + " applied "
            + Finding.event(effect)
            + " ("
            + effectKey
            + ", from "
            + q(ctx.name(effectOrigin))
            + ") at "
            + FlowChecks.time(at)
            + ", before the event it depends on, "
            + Finding.event(cause)
            + " ("
            + causeKey
            + ", from "
            + q(ctx.name(causeOrigin))
            + ", produced "
            + FlowChecks.span(before)
            + " earlier), "
            + (causeAt >= 0
                ? "which took effect there only at "
                    + FlowChecks.time(causeAt)
                    + " ("
                    + FlowChecks.span(causeAt - at)
                    + " later)"
                : "which never took effect there (it was lost on the way: see MESSAGE_LOSS)")
            + ". "
            + why;
    List<String> keys =
        effectKey.equals(causeKey) ? List.of(effectKey) : List.of(effectKey, causeKey);
    FlowChecks.report(
        ctx,
        AnomalyKind.CAUSALITY_VIOLATION,
        at,
        components,
        keys,
        List.of(Finding.event(effect), Finding.event(cause)),
        explanation,
        fixes.isEmpty() ? AnomalyKind.CAUSALITY_VIOLATION.usualFix() : fixes.get(0));
  }

  /** Why the two events can reach the store in either order: their routes, compared. */
  private String routes(
      int store, long effect, long cause, List<String> components, List<String> fixes) {
    int effectOrigin = events.producer(effect);
    int causeOrigin = events.producer(cause);
    FlowChecks.Route effectRoute = topology.route(effectOrigin, store);
    FlowChecks.Route causeRoute = topology.route(causeOrigin, store);
    List<Connection> onlyCause = only(causeRoute, effectRoute);
    List<Connection> onlyEffect = only(effectRoute, causeRoute);
    String storeName = ctx.name(store);
    String merge = storeName;
    for (Component c : effectRoute.nodes()) {
      if (causeRoute.contains(c.id())
          && topology.index(c.id()) != effectOrigin
          && topology.index(c.id()) != causeOrigin) {
        merge = c.id();
        break;
      }
    }
    if (!onlyCause.isEmpty() || !onlyEffect.isEmpty()) {
      for (Connection c : onlyCause) {
        components.add(c.label());
      }
      for (Connection c : onlyEffect) {
        components.add(c.label());
      }
      fixes.add(
          "send the events of "
              + q(ctx.name(causeOrigin))
              + (causeOrigin == effectOrigin ? "" : " and " + q(ctx.name(effectOrigin)))
              + " through one topic partitioned by the key they share, so a cause and its"
              + " effects stay in one partition, or let "
              + q(merge)
              + " hold an event back until its cause has been applied (causal metadata)");
      return "They came by different routes, and nothing orders one route against the other: "
          + Finding.event(cause)
          + " over "
          + describe(onlyCause)
          + ", "
          + Finding.event(effect)
          + " over "
          + describe(onlyEffect)
          + ".";
    }
    List<String> reasons = new ArrayList<>();
    for (Component c : effectRoute.nodes()) {
      if (c instanceof Topic t
          && t.partitions() > 1
          && t.partitioner() == Topic.Partitioner.KEY_HASH
          && events.key(effect) != events.key(cause)) {
        reasons.add(
            q(t.id())
                + " keeps order only within a partition, and the two events have different keys,"
                + " which it may place in different partitions");
        components.add(t.id());
        fixes.add(
            "partition "
                + q(t.id())
                + " by a key the two events share, or carry causal metadata and hold an event"
                + " back until its cause has been applied");
      }
    }
    if (history.flag(cause, FlowChecks.History.REDELIVERED)) {
      reasons.add("the cause " + Finding.event(cause) + " was redelivered by a queue");
    }
    if (history.flag(cause, FlowChecks.History.RESENT)) {
      reasons.add(
          "the cause "
              + Finding.event(cause)
              + " was re-sent by "
              + q(ctx.name(causeOrigin))
              + " after a retry timeout");
    }
    reasons.addAll(topology.reorderPoints(effectRoute, store, components, fixes));
    return reasons.isEmpty()
        ? "They came by the same route and simply arrived in this order."
        : "They came by the same route, which can reorder them: "
            + String.join("; ", reasons)
            + ".";
  }

  private static List<Connection> only(FlowChecks.Route route, FlowChecks.Route other) {
    List<Connection> out = new ArrayList<>();
    for (Connection c : route.hops()) {
      if (!other.hops().contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private static String describe(List<Connection> hops) {
    if (hops.isEmpty()) {
      return "the shared links only";
    }
    List<String> parts = new ArrayList<>();
    for (Connection c : hops) {
      parts.add(q(c.label()) + " (" + CheckContext.describe(c) + ")");
    }
    return String.join(", ", parts);
  }
}
