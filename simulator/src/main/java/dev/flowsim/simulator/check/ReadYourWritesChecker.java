package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.StateChecks.at;
import static dev.flowsim.simulator.check.StateChecks.quote;
import static dev.flowsim.simulator.check.StateChecks.replica;
import static dev.flowsim.simulator.check.StateChecks.routing;

import dev.flowsim.model.Reader;
import dev.flowsim.simulator.check.StateChecks.Db;
import dev.flowsim.simulator.check.StateChecks.ReaderSource;
import dev.flowsim.simulator.check.StateChecks.Readers;
import dev.flowsim.simulator.check.StateChecks.Stores;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.List;

/**
 * READ_YOUR_WRITES_VIOLATION: a reader acting as the users of a producer read a key and got an
 * older version than the one the user's own writes of that key had been acknowledged with when the
 * read was sent: a READ step of a reader with old value (the user's acknowledged version) above its
 * offset (the version seen).
 *
 * <p>Judged only where versions are comparable: reads from a database replica, and reads from a
 * derived store whose writes carry a database's commit versions (fed by its change stream, or
 * written after it by a sequential dual write). The witness is the user's write acknowledged with
 * that version (the ACK step of the database), or, if the checker no longer knows it, the user's
 * last write of the key (the READ's event).
 */
final class ReadYourWritesChecker extends Checker {
  private final Readers readers;

  ReadYourWritesChecker(CheckContext ctx, Stores stores) {
    super(ctx);
    this.readers = new Readers(ctx, stores);
  }

  @Override
  public void onStep(TraceStep s) {
    if (s.kind() != StepKind.READ) {
      return;
    }
    long own = s.oldValue();
    if (own == TraceStep.NO_VALUE || own <= 0 || s.offset() >= own) {
      return;
    }
    ReaderSource rs = readers.of(s.component());
    if (rs == null || rs.versionSources.isEmpty()) {
      return;
    }
    if (StateChecks.countOnly(ctx, AnomalyKind.READ_YOUR_WRITES_VIOLATION, s.timeMicros(), 0)) {
      return;
    }
    int k = s.key();
    Db src = rs.versionSources.get(0);
    long event = 0;
    long ackedAt = -1;
    for (Db d : rs.versionSources) {
      if (d.ackVersion.get(k) == own) {
        src = d;
        event = d.ackEvent.get(k);
        ackedAt = d.ackTime.get(k);
        break;
      }
      int slot = d.log.slot(own);
      if (slot >= 0 && d.log.key(slot) == k) {
        src = d;
        event = d.log.event(slot);
        ackedAt = d.log.ackTime(slot);
        break;
      }
    }
    if (event == 0) {
      event = s.eventId() > 0 ? s.eventId() : 0;
    }
    Reader reader = rs.spec;
    String key = ctx.key(k);
    StringBuilder b = new StringBuilder();
    b.append(quote(reader.id())).append(" read ").append(key).append(" from ");
    if (rs.db != null) {
      b.append(replica(rs.db, s.partition())).append(" of ").append(quote(rs.db.id()));
    } else {
      b.append(quote(rs.store()));
    }
    b.append(" at ").append(at(s.timeMicros()));
    b.append(s.offset() > 0 ? " and got version " + s.offset() : " and got nothing (version 0)");
    b.append(", but the user's own write");
    if (event > 0) {
      b.append(' ').append(Finding.event(event));
    }
    b.append(" had been acknowledged");
    if (rs.db == null) {
      b.append(" by ").append(quote(src.id()));
    }
    b.append(" with version ").append(own);
    if (ackedAt >= 0) {
      b.append(" at ").append(at(ackedAt));
    }
    b.append(": ");
    String fix;
    boolean lost = src.lostVersion.get(k) == own && src.lostAt.get(k) >= 0;
    if (lost) {
      b.append("that write was lost when ")
          .append(quote(src.id()))
          .append(" failed over at ")
          .append(at(src.lostAt.get(k)))
          .append(" (")
          .append(src.replication())
          .append("), so no replica will ever show it.");
      fix = AnomalyKind.LOST_WRITE.usualFix();
    } else if (rs.db != null) {
      b.append("the follower had not applied it yet (")
          .append(rs.db.replication())
          .append("), and ")
          .append(routing(reader))
          .append(" sent the read there.");
      fix =
          reader.routing() == Reader.Routing.READ_YOUR_WRITES
              ? "lengthen the reader's recentWindow (now "
                  + reader.recentWindow()
                  + ") beyond the replication lag, or use wait-for-version routing"
              : "route reads of keys the user wrote recently to the leader (read-your-writes"
                  + " routing) or let the follower wait for the version (wait-for-version)";
    } else {
      b.append(quote(rs.store()))
          .append(" is derived from ")
          .append(quote(src.id()))
          .append(" asynchronously and had not applied the write yet.");
      fix =
          "read keys the user wrote recently from the source database, or wait until the derived"
              + " store has the version the user was acknowledged";
    }
    ctx.report(
        AnomalyKind.READ_YOUR_WRITES_VIOLATION,
        s.timeMicros(),
        List.of(reader.id(), rs.store()),
        List.of(key),
        event > 0 ? List.of(Finding.event(event)) : List.of(),
        b.toString(),
        fix,
        0);
  }
}
