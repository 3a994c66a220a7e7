package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.StateChecks.at;
import static dev.flowsim.simulator.check.StateChecks.quote;
import static dev.flowsim.simulator.check.StateChecks.span;

import dev.flowsim.simulator.check.StateChecks.Db;
import dev.flowsim.simulator.check.StateChecks.Stores;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.Arrays;
import java.util.List;

/**
 * REPLICATION_LAG: a database follower more than {@link #THRESHOLD_MICROS} behind its leader.
 *
 * <p>The lag of a write at a follower is the time of its REPLICATE step minus the time of the
 * leader's APPLY of the same version (its commit). A follower is <em>more than the threshold
 * behind</em> at time x when the oldest version it has not applied yet was committed before x −
 * threshold; for a version v committed at c and replicated at t with t − c above the threshold,
 * that is the interval [c + threshold, t]. An <em>episode</em> is a maximal union of such
 * overlapping intervals of one follower: one finding, at its start, with durationMicros = its
 * length, the worst lag in it and the write that had it as witness. A REPLICATE within the
 * threshold ends the open episode; a failover ends the episodes of the old and the new leader;
 * episodes still open are reported when the run has drained. Versions committed by a leader that
 * later lost them in a failover are not counted twice: the trace's REPLICATE steps only name
 * versions of the current leader's log.
 */
final class ReplicationLagChecker extends Checker {
  /**
   * How far behind a follower may be before it counts: 1 s, long enough that ordinary async lag
   * (tens to hundreds of milliseconds) is not an anomaly, short enough that a user notices.
   */
  static final long THRESHOLD_MICROS = 1_000_000L;

  private final Stores stores;
  private final long threshold;

  /** Per (database component, replica): the open episode, or start = -1. */
  private Episode[][] episodes = new Episode[16][];

  private static final class Episode {
    long start = -1;
    long end;
    long worstLag;
    long worstVersion;
    long worstEvent;
    int worstKey;
    long worstCommit;
    long worstAt;
    long writes;
  }

  ReplicationLagChecker(CheckContext ctx, Stores stores) {
    this(ctx, stores, THRESHOLD_MICROS);
  }

  ReplicationLagChecker(CheckContext ctx, Stores stores, long thresholdMicros) {
    super(ctx);
    this.stores = stores;
    this.threshold = thresholdMicros;
  }

  @Override
  public void onStep(TraceStep s) {
    switch (s.kind()) {
      case REPLICATE -> replicate(s);
      case FAILOVER -> {
        Db d = stores.db(s.component());
        if (d != null) {
          close(d, d.leader);
          if (s.partition() >= 0 && s.partition() < d.replicas) {
            close(d, s.partition());
          }
        }
      }
      default -> {}
    }
  }

  private void replicate(TraceStep s) {
    Db d = stores.db(s.component());
    int r = s.partition();
    if (d == null || r < 0 || r >= d.replicas) {
      return;
    }
    int slot = d.log.slot(s.offset());
    if (slot < 0) {
      return;
    }
    long commit = d.log.time(slot);
    long now = s.timeMicros();
    long lag = now - commit;
    Episode e = episode(d, r);
    if (lag <= threshold) {
      if (e.start >= 0) {
        close(d, r);
      }
      return;
    }
    long from = commit + threshold;
    if (e.start >= 0 && from > e.end) {
      close(d, r);
    }
    if (e.start < 0) {
      e.start = from;
      e.worstLag = -1;
      e.writes = 0;
    }
    e.end = now;
    e.writes++;
    if (lag > e.worstLag) {
      e.worstLag = lag;
      e.worstVersion = s.offset();
      e.worstEvent = s.eventId();
      e.worstKey = s.key();
      e.worstCommit = commit;
      e.worstAt = now;
    }
  }

  private Episode episode(Db d, int r) {
    int c = d.component;
    if (c >= episodes.length) {
      episodes = Arrays.copyOf(episodes, Math.max(c + 1, episodes.length * 2));
    }
    if (episodes[c] == null) {
      episodes[c] = new Episode[d.replicas];
      for (int i = 0; i < d.replicas; i++) {
        episodes[c][i] = new Episode();
      }
    }
    return episodes[c][r];
  }

  private void close(Db d, int r) {
    Episode e = episode(d, r);
    if (e.start < 0) {
      return;
    }
    long length = Math.max(0, e.end - e.start);
    if (StateChecks.countOnly(ctx, AnomalyKind.REPLICATION_LAG, e.start, length)) {
      e.start = -1;
      return;
    }
    String db = quote(d.id());
    String text =
        "follower replica "
            + r
            + " of "
            + db
            + " was more than "
            + span(threshold)
            + " behind its leader from "
            + at(e.start)
            + " to "
            + at(e.end)
            + " ("
            + span(length)
            + "): at worst "
            + span(e.worstLag)
            + " behind, when at "
            + at(e.worstAt)
            + " it applied version "
            + e.worstVersion
            + " ("
            + Finding.event(e.worstEvent)
            + ", "
            + ctx.key(e.worstKey)
            + ") that the leader had committed at "
            + at(e.worstCommit)
            + "; "
            + e.writes
            + (e.writes == 1 ? " write" : " writes")
            + " reached it late. The database uses "
            + d.replication()
            + ", and a follower applies the leader's log in order, so one slow write holds back"
            + " every write after it; reads routed to this follower meanwhile see old data.";
    ctx.report(
        AnomalyKind.REPLICATION_LAG,
        e.start,
        List.of(d.id()),
        List.of(ctx.key(e.worstKey)),
        List.of(Finding.event(e.worstEvent)),
        text,
        AnomalyKind.REPLICATION_LAG.usualFix(),
        length);
    e.start = -1;
  }

  @Override
  public void finish(long endMicros) {
    for (Object o : stores.all()) {
      if (o instanceof Db d) {
        for (int r = 0; r < d.replicas; r++) {
          close(d, r);
        }
      }
    }
  }
}
