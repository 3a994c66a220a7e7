package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.StateChecks.at;
import static dev.flowsim.simulator.check.StateChecks.quote;
import static dev.flowsim.simulator.check.StateChecks.replica;
import static dev.flowsim.simulator.check.StateChecks.routing;

import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Reader;
import dev.flowsim.simulator.check.StateChecks.Column;
import dev.flowsim.simulator.check.StateChecks.Db;
import dev.flowsim.simulator.check.StateChecks.ReaderSource;
import dev.flowsim.simulator.check.StateChecks.Readers;
import dev.flowsim.simulator.check.StateChecks.Stores;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MONOTONIC_READ_VIOLATION: a reader (its users) read a key and got an older version than one it
 * had already seen for that key. Per (reader, key) the checker keeps the newest version seen (with
 * when and from which replica); every READ below it is a finding, and it stays the reference (a
 * user who saw version 43 and then 41 and 42 has gone back twice).
 *
 * <p>Judged only where versions are comparable (as for {@link ReadYourWritesChecker}): reads from a
 * database replica, or from a derived store whose writes carry a database's commit versions. The
 * witnesses are the writes of the two versions, when the database's recent history of the key still
 * names them.
 */
final class MonotonicReadChecker extends Checker {
  private final Readers readers;

  /** Per reader component: the newest version seen per key, its time and replica. */
  private Seen[] seen = new Seen[16];

  private static final class Seen {
    final Column version = new Column(0);
    final Column time = new Column(-1);
    final Column replica = new Column(-1);
    final Column event = new Column(0);
  }

  MonotonicReadChecker(CheckContext ctx, Stores stores) {
    super(ctx);
    this.readers = new Readers(ctx, stores);
  }

  @Override
  public void onStep(TraceStep s) {
    if (s.kind() != StepKind.READ) {
      return;
    }
    ReaderSource rs = readers.of(s.component());
    if (rs == null || rs.versionSources.isEmpty()) {
      return;
    }
    Seen st = seen(s.component());
    int k = s.key();
    long newest = st.version.get(k);
    if (s.offset() >= newest) {
      st.version.set(k, s.offset());
      st.time.set(k, s.timeMicros());
      st.replica.set(k, s.partition());
      if (s.offset() > newest) {
        st.event.set(k, eventOf(rs.versionSources.get(0), k, s.offset()));
      }
      return;
    }
    if (StateChecks.countOnly(ctx, AnomalyKind.MONOTONIC_READ_VIOLATION, s.timeMicros(), 0)) {
      return;
    }
    report(s, rs, newest, st.time.get(k), (int) st.replica.get(k), st.event.get(k));
  }

  private Seen seen(int c) {
    if (c >= seen.length) {
      seen = Arrays.copyOf(seen, Math.max(c + 1, seen.length * 2));
    }
    if (seen[c] == null) {
      seen[c] = new Seen();
    }
    return seen[c];
  }

  private void report(
      TraceStep s, ReaderSource rs, long newest, long newestAt, int newestReplica, long newer) {
    int k = s.key();
    Db src = rs.versionSources.get(0);
    long newerEvent = newer > 0 ? newer : eventOf(src, k, newest);
    long olderEvent = eventOf(src, k, s.offset());
    Reader reader = rs.spec;
    String key = ctx.key(k);
    StringBuilder b = new StringBuilder();
    b.append(quote(reader.id())).append(" read ").append(key).append(" at ");
    b.append(at(s.timeMicros())).append(" from ");
    if (rs.db != null) {
      b.append(replica(rs.db, s.partition())).append(" of ").append(quote(rs.db.id()));
    } else {
      b.append(quote(rs.store()));
    }
    b.append(s.offset() > 0 ? " and got version " + s.offset() : " and got nothing (version 0)");
    if (olderEvent > 0) {
      b.append(" (").append(Finding.event(olderEvent)).append(')');
    }
    b.append(", after it had already seen version ").append(newest);
    if (newerEvent > 0) {
      b.append(" (").append(Finding.event(newerEvent)).append(')');
    }
    if (rs.db != null && newestReplica >= 0) {
      b.append(" from replica ").append(newestReplica);
    }
    b.append(" at ").append(at(newestAt)).append(": the user saw newer data, then older. ");
    String fix = AnomalyKind.MONOTONIC_READ_VIOLATION.usualFix();
    boolean lost = src.lostVersion.get(k) == newest && src.lostAt.get(k) >= 0;
    if (lost && src.spec.replication() == Database.Replication.ASYNC) {
      b.append("Version ")
          .append(newest)
          .append(" was lost when ")
          .append(quote(src.id()))
          .append(" failed over at ")
          .append(at(src.lostAt.get(k)))
          .append(" (")
          .append(src.replication())
          .append(").");
      fix = AnomalyKind.LOST_WRITE.usualFix();
    } else if (lost) {
      b.append("Version ")
          .append(newest)
          .append(" had been committed by the old leader, and read there, before any follower")
          .append(" had it, and was lost when ")
          .append(quote(src.id()))
          .append(" failed over at ")
          .append(at(src.lostAt.get(k)))
          .append(": ")
          .append(src.replication())
          .append(" protects only the writes it has acknowledged.");
      fix =
          "let readers see only writes a follower already has, or accept it (the write was never"
              + " acknowledged)";
    } else if (rs.db != null && newestReplica != s.partition()) {
      b.append("The two reads were answered by different replicas that lag by different amounts (")
          .append(rs.db.replication())
          .append(", ")
          .append(routing(reader))
          .append(").");
    } else if (rs.derived != null
        && rs.derived.spec.writeMode() == DerivedStore.WriteMode.LAST_ARRIVAL_WINS) {
      b.append(quote(rs.store()))
          .append(" itself went back: it applies writes last-arrival-wins, and an older write")
          .append(" arrived after a newer one.");
      fix = "make the store version-checked, or derive it from the source's change stream";
    } else {
      b.append("The store went back to an older version between the two reads.");
    }
    List<String> events = new ArrayList<>(2);
    if (newerEvent > 0) {
      events.add(Finding.event(newerEvent));
    }
    if (olderEvent > 0 && olderEvent != newerEvent) {
      events.add(Finding.event(olderEvent));
    }
    ctx.report(
        AnomalyKind.MONOTONIC_READ_VIOLATION,
        s.timeMicros(),
        List.of(reader.id(), rs.store()),
        List.of(key),
        events,
        b.toString(),
        fix,
        0);
  }

  /** The write of version {@code v} of key {@code k} at {@code d}, or 0 when unknown. */
  private static long eventOf(Db d, int k, long v) {
    if (v <= 0) {
      return 0;
    }
    if (d.lostVersion.get(k) == v && d.lostAt.get(k) >= 0 && d.history.ofVersion(k, v) < 0) {
      return d.lostEvent.get(k);
    }
    int i = d.history.ofVersion(k, v);
    if (i >= 0) {
      return d.history.event(k, i);
    }
    int slot = d.log.slot(v);
    return slot >= 0 && d.log.key(slot) == k ? d.log.event(slot) : 0;
  }
}
