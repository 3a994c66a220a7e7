package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.FlowChecks.q;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Retention;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.simulator.engine.Events;
import java.util.ArrayList;
import java.util.List;

/**
 * MESSAGE_LOSS: an event the system had accepted never reached a store it should have reached.
 *
 * <p><b>What counts</b>, judged once the run has drained. The stores an event should reach are
 * those downstream of its producer along the routes of {@link FlowChecks.Topology} (through
 * brokers, services and stateless processors; not through windows and joins, which turn events into
 * others; where one of several consumers gets the event, only the stores all of them lead to). An
 * event reached a store when the store applied it or deliberately ignored it (APPLY or SKIP there,
 * at any replica). Not lost: an event deliberately not passed on somewhere (SKIP at a processor —
 * filtered, a duplicate request id, refused by a constraint, dropped late — or refused by a
 * database's constraint), a set or claim removed by a topic's compaction (a later value of its key
 * supersedes it), and an event the system never accepted: a producer's event counts only once a
 * broker appended it, a store applied it, a processor or broker passed it on, or a write of it was
 * acknowledged (events created inside the system, window and join results, are accepted from the
 * start). So a write refused by a down database, or a service write that failed before any store
 * took it (its requester is not acknowledged), is unavailability the writer is told about, not a
 * silent loss; a dual write that took effect at one store and was given up for another is a loss at
 * the other. A write the database committed and then lost in a failover reached it: that is
 * LOST_WRITE.
 *
 * <p><b>Witness.</b> The event; one finding per lost event, naming the stores it did not reach and
 * where it was lost when the trace shows it: the last DROP or EXPIRE of it (a retention deletion
 * before its consumer read it, a compaction, a drop on a link — while the link was cut or the
 * receiver down, or by the link's loss —, an overflowing or crashed in-memory queue, a service that
 * gave up its write), or else the crash of the last component that took it (a consumer that commits
 * before processing, or one whose input cannot replay).
 *
 * <p><b>When.</b> An event is judged when its loss is decided: as soon as it settled (it reached
 * every store it should, or was deliberately dropped: nothing to report), or once no step has
 * mentioned it for the history's horizon ({@link FlowChecks.History#HORIZON_MICROS}, 10 minutes of
 * simulated time) while it is not waiting in a broker — then it is judged at that moment, with the
 * time of its last drop or deletion, or else that moment, as the finding's time — and otherwise
 * when the run has drained. A run shorter than the horizon is judged entirely at its end.
 *
 * <p>State: the history's window of events (see {@link FlowChecks.History}); O(stores) per event.
 */
final class MessageLossChecker extends Checker implements FlowChecks.History.Judge {
  private final FlowChecks.Topology topology;
  private final FlowChecks.History history;
  private final Events events;

  MessageLossChecker(CheckContext ctx, FlowChecks.Topology topology, FlowChecks.History history) {
    super(ctx);
    this.topology = topology;
    this.history = history;
    this.events = ctx.events();
  }

  @Override
  public void finish(long endMicros) {
    long n = events.count();
    for (long e = history.firstUndecided(); e <= n; e++) {
      judge(e, endMicros);
    }
  }

  /**
   * Judges {@code e} once its loss is decided: at the end of the run, or earlier when the history's
   * loss cursor passes it (it settled, or it has been quiet for the horizon outside any broker; see
   * {@link FlowChecks.History}). O(stores) and no allocation unless it reports.
   */
  @Override
  public void judge(long e, long endMicros) {
    int[] stores = topology.expected(events.producer(e));
    if (stores.length == 0 || !history.accepted(e) || history.excused(e)) {
      return;
    }
    int missing = 0;
    for (int s : stores) {
      if (!history.reached(s, e)) {
        missing++;
      }
    }
    if (missing == 0) {
      return;
    }
    long at = history.lossKind(e) != 0 ? history.lossTime(e) : endMicros;
    if (FlowChecks.countOnly(ctx, AnomalyKind.MESSAGE_LOSS, at)) {
      return;
    }
    List<Integer> lost = new ArrayList<>();
    for (int s : stores) {
      if (!history.reached(s, e)) {
        lost.add(s);
      }
    }
    report(e, lost, endMicros);
  }

  private void report(long e, List<Integer> stores, long end) {
    int origin = events.producer(e);
    String key = ctx.key(events.key(e));
    List<String> components = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int s : stores) {
      components.add(ctx.name(s));
      names.add(q(ctx.name(s)));
    }
    FlowChecks.Route route = topology.route(origin, stores.get(0));
    String[] fix = {AnomalyKind.MESSAGE_LOSS.usualFix()};
    long[] at = {end};
    String where = where(e, route, components, fix, at, end);
    String explanation =
        join(names)
            + " never received "
            + Finding.event(e)
            + " ("
            + key
            + ", produced by "
            + q(ctx.name(origin))
            + " at "
            + FlowChecks.time(events.createdAt(e))
            + ") although the system had accepted it: "
            + where
            + ".";
    FlowChecks.report(
        ctx,
        AnomalyKind.MESSAGE_LOSS,
        at[0],
        components,
        List.of(key),
        List.of(Finding.event(e)),
        explanation,
        fix[0]);
  }

  /** Whether trace component {@code index} (a component or a link) lies on {@code route}. */
  private boolean onRoute(int index, FlowChecks.Route route) {
    String name = ctx.name(index);
    if (route.contains(name)) {
      return true;
    }
    for (Connection c : route.hops()) {
      if (c.label().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String join(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  /** Where and how {@code e} was lost, as a clause; fills the components, fix and time. */
  private String where(
      long e, FlowChecks.Route route, List<String> components, String[] fix, long[] at, long end) {
    byte how = history.lossKind(e);
    int place = history.lossAt(e);
    long when = history.lossTime(e);
    int held = history.heldBy(e);
    // the history keeps one loss per event: when it happened on another branch (a copy going to
    // another consumer group), it does not explain this store's loss
    if (how != 0 && !onRoute(place, route)) {
      how = 0;
    }
    if (held >= 0 && !onRoute(held, route)) {
      held = -1;
    }
    // a consumer took it after the broker had it: its crash explains the loss better than a
    // later deletion of the broker's copy
    if ((how == FlowChecks.History.RETENTION || how == FlowChecks.History.COMPACTION)
        && held >= 0
        && held != place) {
      String crash = crashed(e, held, route, components, fix, at, end);
      if (crash != null) {
        return crash;
      }
    }
    at[0] = how != 0 ? when : end;
    switch (how) {
      case FlowChecks.History.RETENTION, FlowChecks.History.COMPACTION -> {
        String topic = ctx.name(place);
        components.add(topic);
        List<String> readers = new ArrayList<>();
        for (Connection c : route.hops()) {
          if (c.from().equals(topic)) {
            readers.add(q(c.to()));
            components.add(c.to());
          }
        }
        String who = readers.isEmpty() ? "its consumer" : join(readers);
        if (how == FlowChecks.History.COMPACTION) {
          fix[0] = "do not compact " + q(topic) + ": its entries do not supersede each other";
          return q(topic)
              + " compacted it away at "
              + FlowChecks.time(when)
              + " (a later entry of its key superseded it) before "
              + who
              + " read it";
        }
        Retention r =
            topology.component(place) instanceof Topic t ? t.retention() : Retention.FOREVER;
        fix[0] =
            "keep "
                + who
                + " within the retention of "
                + q(topic)
                + ": scale it out (one instance per partition) or speed it up, raise the"
                + " retention, and alert on consumer lag";
        return q(topic)
            + " deleted it by retention ("
            + retention(r)
            + ") at "
            + FlowChecks.time(when)
            + " before "
            + who
            + " had read it: "
            + (readers.size() == 1 ? "it was" : "they were")
            + " further behind than the retention";
      }
      case FlowChecks.History.LOST_ON_LINK -> {
        return onLink(place, when, components, fix);
      }
      case FlowChecks.History.LOST_AT_QUEUE -> {
        String queue = ctx.name(place);
        components.add(queue);
        Queue spec = topology.component(place) instanceof Queue qq ? qq : null;
        long down = history.downSince(place, when);
        if (down == when) {
          fix[0] = "make " + q(queue) + " persistent (durability: persistent)";
          return q(queue)
              + " is an in-memory queue and crashed at "
              + FlowChecks.time(when)
              + ", losing every message it held";
        }
        fix[0] =
            "let "
                + q(queue)
                + " push back when full (overflow: backpressure), or give it more capacity or"
                + " faster consumers";
        return q(queue)
            + " was full"
            + (spec != null && spec.capacity() != null ? " (capacity " + spec.capacity() + ")" : "")
            + " and dropped it at "
            + FlowChecks.time(when)
            + (spec != null ? " (overflow: " + FlowChecks.spec(spec.overflow()) + ")" : "");
      }
      case FlowChecks.History.WRITE_GIVEN_UP -> {
        String svc = ctx.name(place);
        components.add(svc);
        int retries = topology.component(place) instanceof Service s ? s.retries() : 0;
        fix[0] =
            "retry the writes of "
                + q(svc)
                + " (idempotently), or write only the database and derive the other stores from"
                + " its change stream (CDC)";
        List<String> elsewhere = new ArrayList<>();
        for (int s : topology.expected(events.producer(e))) {
          if (history.reached(s, e)) {
            elsewhere.add(q(ctx.name(s)));
          }
        }
        return q(svc)
            + " gave up a write of it at "
            + FlowChecks.time(when)
            + (retries == 0
                ? " (the write failed and it does not retry)"
                : " after " + retries + " retries")
            + (elsewhere.isEmpty()
                ? ""
                : ", while its write to " + join(elsewhere) + " had taken effect");
      }
      default -> {
        String crash = held >= 0 ? crashed(e, held, route, components, fix, at, end) : null;
        if (crash != null) {
          return crash;
        }
        if (held >= 0) {
          components.add(ctx.name(held));
          Component c = topology.component(held);
          if (c != null && c.kind().isBroker()) {
            return "it was still waiting in "
                + q(ctx.name(held))
                + " when the run ended (the drain after the run has a time limit)";
          }
          return "no step on its way there shows where it was lost; the last component that took"
              + " it was "
              + q(ctx.name(held));
        }
        return "no step on its way there shows where it was lost (it may have been dropped on a"
            + " link whose drop of another copy of it was recorded last)";
      }
    }
  }

  private static String retention(Retention r) {
    List<String> parts = new ArrayList<>();
    if (r.time() != null) {
      parts.add("time " + r.time());
    }
    if (r.count() != null) {
      parts.add(r.count() + " entries per partition");
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private String onLink(int link, long when, List<String> components, String[] fix) {
    Connection c = topology.link(link);
    String label = ctx.name(link);
    components.add(label);
    String text = "it was dropped on " + q(label) + " at " + FlowChecks.time(when);
    if (c == null) {
      return text;
    }
    long cut = history.downSince(link, when);
    int receiver = topology.index(c.to());
    long down = history.downSince(receiver, when);
    if (cut >= 0) {
      fix[0] =
          "retry with acknowledgements, or keep the messages in a durable broker until the"
              + " partition heals";
      text += ", during a network partition of the link (since " + FlowChecks.time(cut) + ")";
    } else if (down >= 0) {
      components.add(c.to());
      fix[0] =
          "put a durable broker in front of "
              + q(c.to())
              + " (or retry with acknowledgements) so what is sent while it is down is kept";
      text += ", because " + q(c.to()) + " was down (it crashed at " + FlowChecks.time(down) + ")";
    } else if (c.loss() > 0) {
      fix[0] =
          "retry with acknowledgements (and make the retries idempotent), or use a durable"
              + " broker that re-sends";
      text += " (" + CheckContext.describe(c) + ")";
    }
    if (topology.component(topology.index(c.from())) instanceof Topic) {
      text +=
          "; "
              + q(c.from())
              + " does not send a record again once the consumer acknowledged a later one";
    }
    return text;
  }

  /** The crash of the last component that took {@code e}, explained; or null. */
  private String crashed(
      long e,
      int held,
      FlowChecks.Route route,
      List<String> components,
      String[] fix,
      long[] at,
      long end) {
    long when = history.crashBetween(held, events.createdAt(e), end);
    if (when < 0) {
      return null;
    }
    String name = ctx.name(held);
    components.add(name);
    at[0] = when;
    Connection input = topology.brokerInput(route, name);
    if (input == null) {
      for (Connection c : ctx.pipeline().connectionsTo(name)) {
        Component from = topology.component(topology.index(c.from()));
        if (from != null && from.kind().isBroker()) {
          input = c;
          break;
        }
      }
    }
    if (input != null
        && input.consumerOrDefault().commit() == Connection.CommitPolicy.BEFORE_PROCESSING) {
      components.add(input.from());
      fix[0] =
          "commit "
              + q(input.label())
              + " after processing (at-least-once), and make the effect idempotent";
      boolean queue = topology.component(topology.index(input.from())) instanceof Queue;
      return q(name)
          + " took it from "
          + q(input.from())
          + " and crashed at "
          + FlowChecks.time(when)
          + " before it was done with it; "
          + (queue
              ? "it acks on receipt (commit: before-processing), so the queue had already deleted"
                  + " it"
              : "it commits before processing, so after the restart it resumed after it");
    }
    if (input != null) {
      return null; // a broker replays what a crashed consumer had not committed: look elsewhere
    }
    fix[0] =
        "put a durable log in front of "
            + q(name)
            + " and commit after processing, so a crash replays what it held";
    return q(name)
        + " held it (not yet applied or passed on) when it crashed at "
        + FlowChecks.time(when)
        + ", and its input cannot replay it";
  }
}
