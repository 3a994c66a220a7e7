package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.StateChecks.at;
import static dev.flowsim.simulator.check.StateChecks.quote;
import static dev.flowsim.simulator.check.StateChecks.span;

import dev.flowsim.model.Database;
import dev.flowsim.simulator.check.StateChecks.Db;
import dev.flowsim.simulator.check.StateChecks.Stores;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.List;

/**
 * LOST_WRITE: at a FAILOVER step (partition = the promoted replica, offset = its last version, old
 * value = the old leader's last version), every write the old leader had acknowledged (an ACK step
 * of the database, offset = its version) with a version above the promoted replica's last version
 * is gone: one finding per lost write, at the failover, with that write as witness. Writes
 * committed but not yet acknowledged (semi-sync or sync, waiting for a follower) are lost too, but
 * nobody was told they succeeded, so they are not findings.
 */
final class LostWriteChecker extends Checker {
  private final Stores stores;

  LostWriteChecker(CheckContext ctx, Stores stores) {
    super(ctx);
    this.stores = stores;
  }

  @Override
  public void onStep(TraceStep s) {
    if (s.kind() != StepKind.FAILOVER) {
      return;
    }
    Db d = stores.db(s.component());
    if (d == null) {
      return;
    }
    long kept = s.offset();
    long last = s.oldValue();
    int old = d.leader;
    for (long v = kept + 1; v <= last; v++) {
      int slot = d.log.slot(v);
      if (slot < 0 || d.log.ackTime(slot) < 0) {
        continue;
      }
      if (StateChecks.countOnly(ctx, AnomalyKind.LOST_WRITE, s.timeMicros(), 0)) {
        continue;
      }
      long event = d.log.event(slot);
      int k = d.log.key(slot);
      long ackedAt = d.log.ackTime(slot);
      StringBuilder b = new StringBuilder();
      b.append(quote(d.id()))
          .append(" acknowledged ")
          .append(Finding.event(event))
          .append(" (")
          .append(ctx.key(k))
          .append(") as version ")
          .append(v)
          .append(" at ")
          .append(at(ackedAt))
          .append(", but its leader (replica ")
          .append(old)
          .append(") crashed");
      if (d.crashedAt >= 0) {
        b.append(" at ").append(at(d.crashedAt));
      }
      b.append(" before any follower that survived had applied it; replica ")
          .append(s.partition())
          .append(", promoted at ")
          .append(at(s.timeMicros()))
          .append(", had only reached version ")
          .append(kept)
          .append(", so versions ")
          .append(kept + 1)
          .append(" to ")
          .append(last)
          .append(" are gone and the new leader numbers new writes from ")
          .append(kept + 1)
          .append(" again. ");
      if (d.spec.replication() == Database.Replication.ASYNC) {
        b.append("With ")
            .append(d.replication())
            .append(", the leader acknowledges a write before any follower has it; this one was ")
            .append(span(Math.max(0, (d.crashedAt >= 0 ? d.crashedAt : s.timeMicros()) - ackedAt)))
            .append(" old when the leader crashed.");
      } else {
        b.append("The database uses ")
            .append(d.replication())
            .append(", but the follower that had the write was not the one promoted or had")
            .append(" crashed.");
      }
      ctx.report(
          AnomalyKind.LOST_WRITE,
          s.timeMicros(),
          List.of(d.id()),
          List.of(ctx.key(k)),
          List.of(Finding.event(event)),
          b.toString(),
          AnomalyKind.LOST_WRITE.usualFix(),
          0);
    }
  }
}
