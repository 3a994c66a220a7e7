package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.StateChecks.at;
import static dev.flowsim.simulator.check.StateChecks.quote;
import static dev.flowsim.simulator.check.StateChecks.routing;
import static dev.flowsim.simulator.check.StateChecks.span;

import dev.flowsim.model.Component;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Reader;
import dev.flowsim.simulator.check.StateChecks.Db;
import dev.flowsim.simulator.check.StateChecks.Derived;
import dev.flowsim.simulator.check.StateChecks.KeyHistory;
import dev.flowsim.simulator.check.StateChecks.ReaderSource;
import dev.flowsim.simulator.check.StateChecks.Readers;
import dev.flowsim.simulator.check.StateChecks.Stores;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * STALE_READ: a read returned an older version of a key than its source of truth held. Judged, at
 * the READ step (for a reader: when the answer reached it), for three kinds of read:
 *
 * <ul>
 *   <li>a reader's read from a database <b>follower</b>: the source is the current leader; stale
 *       when the leader's version of the key is above the version seen;
 *   <li>a reader's read from a <b>derived store</b>: the sources are the databases it derives from
 *       (their change stream reaches it through brokers, services and map/enrich/dedupe processors)
 *       or shares a writer with (a dual write); the first of them (in component order) that holds
 *       the key decides. When the store's writes carry that database's commit versions and the read
 *       saw a version, stale when the database's version is above it; otherwise by value: stale
 *       when the read saw nothing, or a value the database held before its current one (a value the
 *       database never held in its recent history is not judged here — see DIVERGENCE);
 *   <li>a <b>stream-table join</b>'s READ at a processor (the table row an event met): the sources
 *       are the databases whose change stream feeds the table. An unversioned join is compared with
 *       the database now; a versioned join with the database as of the stream event's own time (its
 *       stamped event time): the version the database had committed last at or before it, so a
 *       correct versioned join is never stale even though the database has moved on.
 * </ul>
 *
 * <p>durationMicros is how long the source had already held a newer version: from the database's
 * commit of the first version newer than the one seen to the read (for a versioned join, to the
 * event's time). The witness is that newer write (and, for a join, the stream event). The
 * database's last {@link KeyHistory#H} commits per key are kept; when the version seen is older
 * than all of them the duration is a lower bound (the explanation says "at least").
 */
final class StaleReadChecker extends Checker {
  private final Stores stores;
  private final Readers readers;
  private Object[] joins = new Object[16];
  private static final Object NOT_A_JOIN = new Object();

  /** A stream-table join and the databases behind its table. */
  private record Join(Processor spec, Operator.Join op, List<Db> sources) {}

  StaleReadChecker(CheckContext ctx, Stores stores) {
    super(ctx);
    this.stores = stores;
    this.readers = new Readers(ctx, stores);
  }

  @Override
  public void onStep(TraceStep s) {
    if (s.kind() != StepKind.READ) {
      return;
    }
    ReaderSource rs = readers.of(s.component());
    if (rs != null) {
      if (rs.db != null) {
        followerRead(s, rs);
      } else {
        derivedRead(s, rs);
      }
      return;
    }
    Join j = join(s.component());
    if (j != null) {
      joinRead(s, j);
    }
  }

  private Join join(int c) {
    if (c < 0) {
      return null;
    }
    if (c >= joins.length) {
      joins = Arrays.copyOf(joins, Math.max(c + 1, joins.length * 2));
    }
    Object o = joins[c];
    if (o == null) {
      o = NOT_A_JOIN;
      Component comp = ctx.component(c);
      if (comp instanceof Processor p
          && p.operator() instanceof Operator.Join op
          && op.join() == Operator.JoinType.STREAM_TABLE
          && op.table() != null) {
        o = new Join(p, op, stores.dbs(StateChecks.cdcSources(ctx.pipeline(), op.table())));
      }
      joins[c] = o;
    }
    return o instanceof Join j ? j : null;
  }

  // ---------------------------------------------------------------- followers

  private void followerRead(TraceStep s, ReaderSource rs) {
    Db d = rs.db;
    int k = s.key();
    if (s.partition() == d.leader || d.version(k) <= s.offset()) {
      return;
    }
    int i = d.history.firstAbove(k, s.offset());
    if (i < 0) {
      return;
    }
    if (StateChecks.countOnly(
        ctx, AnomalyKind.STALE_READ, s.timeMicros(), s.timeMicros() - d.history.time(k, i))) {
      return;
    }
    long since = d.history.time(k, i);
    boolean atLeast = i == 0 && d.history.truncated(k);
    String text =
        quote(rs.spec.id())
            + " read "
            + ctx.key(k)
            + " from follower replica "
            + s.partition()
            + " of "
            + quote(d.id())
            + " at "
            + at(s.timeMicros())
            + (s.offset() > 0 ? " and got version " + s.offset() : " and got nothing (version 0)")
            + ", while the leader already held version "
            + d.version(k)
            + newer(d, k, i, since, s.timeMicros(), atLeast)
            + ": the follower lagged behind ("
            + d.replication()
            + "), and "
            + routing(rs.spec)
            + " sent the read there. It converges once the follower catches up.";
    ctx.report(
        AnomalyKind.STALE_READ,
        s.timeMicros(),
        List.of(rs.spec.id(), d.id()),
        List.of(ctx.key(k)),
        List.of(Finding.event(d.history.event(k, i))),
        text,
        rs.spec.routing() == Reader.Routing.WAIT_FOR_VERSION
            ? "read from the leader when the latest data matters (wait-for-version only"
                + " guarantees the user's own writes)"
            : "read from the leader when freshness matters, or wait for the version"
                + " (wait-for-version routing)",
        s.timeMicros() - since);
  }

  /** ", committing a newer version (42, e-1040) at 12.280 s, 20 ms before". */
  private static String newer(Db d, int k, int i, long since, long until, boolean atLeast) {
    return " (it had committed the newer version "
        + d.history.version(k, i)
        + ", "
        + Finding.event(d.history.event(k, i))
        + ", "
        + (atLeast ? "no later than " : "at ")
        + at(since)
        + ", "
        + (atLeast ? "at least " : "")
        + span(until - since)
        + " before)";
  }

  // ---------------------------------------------------------------- derived stores

  private void derivedRead(TraceStep s, ReaderSource rs) {
    Derived st = rs.derived;
    int k = s.key();
    for (int n = 0; n < rs.sources.size(); n++) {
      Db d = rs.sources.get(n);
      if (!d.holds(k)) {
        continue;
      }
      int i;
      if (s.offset() > 0 && rs.versionSources.contains(d)) {
        if (d.version(k) <= s.offset()) {
          return;
        }
        i = d.history.firstAbove(k, s.offset());
      } else if (s.value() == d.value(k)) {
        return;
      } else if (s.value() == TraceStep.NO_VALUE) {
        i = d.history.count(k) > 0 ? 0 : -1;
      } else {
        int held = d.history.withValue(k, s.value());
        i = held >= 0 && held + 1 < d.history.count(k) ? held + 1 : -1;
      }
      if (i < 0) {
        return;
      }
      if (StateChecks.countOnly(
          ctx, AnomalyKind.STALE_READ, s.timeMicros(), s.timeMicros() - d.history.time(k, i))) {
        return;
      }
      long since = d.history.time(k, i);
      boolean atLeast = i == 0 && d.history.truncated(k);
      String seen =
          s.offset() > 0
              ? "version " + s.offset()
              : s.value() == TraceStep.NO_VALUE ? "nothing" : "value " + s.value();
      String text =
          quote(rs.spec.id())
              + " read "
              + ctx.key(k)
              + " from "
              + quote(st.id())
              + " at "
              + at(s.timeMicros())
              + " and got "
              + seen
              + ", while its source "
              + quote(d.id())
              + " held version "
              + d.version(k)
              + newer(d, k, i, since, s.timeMicros(), atLeast)
              + ": "
              + quote(st.id())
              + " is derived from it asynchronously ("
              + how(d.id(), st.id())
              + ") and had not applied that write yet. It converges once the write arrives.";
      ctx.report(
          AnomalyKind.STALE_READ,
          s.timeMicros(),
          List.of(rs.spec.id(), st.id(), d.id()),
          List.of(ctx.key(k)),
          List.of(Finding.event(d.history.event(k, i))),
          text,
          AnomalyKind.STALE_READ.usualFix(),
          s.timeMicros() - since);
      return;
    }
  }

  /** How a store gets a database's data: "its change stream through `x`" or a dual write. */
  private String how(String db, String store) {
    String writer = StateChecks.sharedWriter(ctx.pipeline(), db, store);
    if (writer != null) {
      return "written by " + quote(writer) + " in a dual write";
    }
    Optional<List<String>> path = ctx.graph().path(db, store);
    if (path.isEmpty() || path.get().size() <= 2) {
      return "from its change stream";
    }
    List<String> mid = path.get().subList(1, path.get().size() - 1);
    StringBuilder b = new StringBuilder("from its change stream through ");
    for (int i = 0; i < mid.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(quote(mid.get(i)));
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- joins

  private void joinRead(TraceStep s, Join j) {
    int k = s.key();
    long event = s.eventId();
    long eventTime = event > 0 ? ctx.events().eventTime(event) : s.timeMicros();
    boolean versioned = j.op().versioned();
    for (int n = 0; n < j.sources().size(); n++) {
      Db d = j.sources().get(n);
      if (!d.holds(k) && d.history.count(k) == 0) {
        continue;
      }
      long expected;
      if (versioned) {
        int e = d.history.asOf(k, eventTime);
        if (e < 0) {
          if (d.history.truncated(k)) {
            return; // older than what is kept: not judged
          }
          expected = 0;
        } else {
          expected = d.history.version(k, e);
        }
      } else {
        expected = d.version(k);
      }
      if (expected <= s.offset()) {
        return;
      }
      int i = d.history.firstAbove(k, s.offset());
      if (i < 0) {
        return;
      }
      if (StateChecks.countOnly(
          ctx,
          AnomalyKind.STALE_READ,
          s.timeMicros(),
          Math.max(0, (versioned ? eventTime : s.timeMicros()) - d.history.time(k, i)))) {
        return;
      }
      long since = d.history.time(k, i);
      long until = versioned ? eventTime : s.timeMicros();
      boolean atLeast = i == 0 && d.history.truncated(k);
      String table = j.op().table();
      StringBuilder b = new StringBuilder();
      b.append(quote(j.spec().id()))
          .append(" joined ")
          .append(Finding.event(event))
          .append(" (")
          .append(ctx.key(k));
      if (versioned) {
        b.append(", event time ").append(at(eventTime));
      }
      b.append(") at ").append(at(s.timeMicros())).append(" with ");
      b.append(s.offset() > 0 ? "version " + s.offset() + " of" : "no version of");
      b.append(" its table row, but ");
      b.append(quote(d.id()))
          .append(versioned ? " already held version " : " held version ")
          .append(expected)
          .append(versioned ? " as of the event's time" : "");
      b.append(newer(d, k, i, since, until, atLeast)).append(": the table follows ");
      b.append(quote(d.id())).append("'s change stream through ").append(quote(table));
      String fix;
      if (versioned) {
        b.append(", which had not delivered that change when the join stopped waiting (maxWait ")
            .append(j.op().maxWait())
            .append(").");
        fix = "raise the join's maxWait above the table's lag";
      } else {
        b.append(", which lags, and the join is not versioned: it uses whatever the table holds")
            .append(" when the event arrives, so the result carries the wrong row for good.");
        fix =
            "make the join versioned (the row as of each event's time) and let it wait (maxWait)"
                + " for the table to reach the event's time";
      }
      ctx.report(
          AnomalyKind.STALE_READ,
          s.timeMicros(),
          List.of(j.spec().id(), d.id(), table),
          List.of(ctx.key(k)),
          List.of(Finding.event(d.history.event(k, i)), Finding.event(event)),
          b.toString(),
          fix,
          Math.max(0, until - since));
      return;
    }
  }
}
