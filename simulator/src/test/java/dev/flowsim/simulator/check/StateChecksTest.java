package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.SimulationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The state checkers on purpose-built pipelines: each anomaly appears where its mechanism is
 * present and not in a control that differs only in that mechanism; every finding's witnesses are
 * re-verified against the trace.
 */
class StateChecksTest {

  private static SimulationResult checked(String body) {
    SimulationResult r = run(spec(body));
    StateWitnesses.verify(r);
    return r;
  }

  private static long count(SimulationResult r, AnomalyKind k) {
    return r.findings().count(k);
  }

  private static List<Finding> of(SimulationResult r, AnomalyKind k) {
    return r.findings().of(k);
  }

  // ---------------------------------------------------------------- replication lag

  private static String replicated(String lag) {
    return "'seed': 5, 'duration': '10s', 'components': ["
        + "{'id': 'edits', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 50}},"
        + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': 'async',"
        + " 'replicationLag': '"
        + lag
        + "'}],"
        + "'connections': [{'from': 'edits', 'to': 'db'}]";
  }

  @Test
  void aFollowerSteadilyBehindIsOneLagEpisodeFromThresholdToCatchUp() {
    SimulationResult r = checked(replicated("1500ms"));
    List<Finding> lag = of(r, AnomalyKind.REPLICATION_LAG);
    assertEquals(2, lag.size(), "one episode per follower: " + lag);
    for (Finding f : lag) {
      assertEquals(List.of("db"), f.components());
      // from the first commit + 1 s to the last commit + 1.5 s: about 10 s - 1 s + 1.5 s
      assertTrue(f.durationMicros() > 10_000_000 && f.durationMicros() < 11_000_000, f.toString());
      assertTrue(f.atMicros() >= 1_000_000 && f.atMicros() < 1_100_000, f.toString());
      assertTrue(f.explanation().contains("at worst 1.500 s behind"), f.explanation());
    }
  }

  @Test
  void aFollowerWithinTheThresholdIsNoLag() {
    assertEquals(0, count(checked(replicated("uniform(5ms,200ms)")), AnomalyKind.REPLICATION_LAG));
  }

  // ---------------------------------------------------------------- reads of followers

  private static String followerReads(String replication, String routing) {
    return "'seed': 17, 'duration': '20s', 'components': ["
        + "{'id': 'edits', 'type': 'producer', 'rate': '50/s', 'keys': {'count': 50,"
        + " 'prefix': 'user'}},"
        + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': '"
        + replication
        + "', 'replicationLag': 'uniform(50ms,800ms)'},"
        + "{'id': 'page', 'type': 'reader', 'rate': '300/s', 'sameUsersAs': 'edits',"
        + " 'routing': '"
        + routing
        + "', 'recentWindow': '2s'}],"
        + "'connections': [{'from': 'edits', 'to': 'db'}, {'from': 'db', 'to': 'page'}]";
  }

  @Test
  void randomAsyncFollowersBreakReadYourWritesAndMonotonicReadsAndAreStale() {
    SimulationResult r = checked(followerReads("async", "random-follower"));
    assertTrue(
        count(r, AnomalyKind.READ_YOUR_WRITES_VIOLATION) > 50, r.findings().counts()::toString);
    assertTrue(
        count(r, AnomalyKind.MONOTONIC_READ_VIOLATION) > 10, r.findings().counts()::toString);
    assertTrue(count(r, AnomalyKind.STALE_READ) > 50, r.findings().counts()::toString);
    Finding ryw = of(r, AnomalyKind.READ_YOUR_WRITES_VIOLATION).get(0);
    assertEquals(List.of("page", "db"), ryw.components());
    assertTrue(ryw.explanation().contains("follower replica"), ryw.explanation());
    assertTrue(ryw.explanation().contains("acknowledged with version"), ryw.explanation());
    assertTrue(ryw.explanation().contains("random-follower routing"), ryw.explanation());
    assertEquals(1, ryw.events().size());
    Finding stale = of(r, AnomalyKind.STALE_READ).get(0);
    assertTrue(stale.durationMicros() > 0);
    assertTrue(stale.explanation().contains("async replication"), stale.explanation());
  }

  @Test
  void leaderReadsAreNeitherStaleNorBehindTheUser() {
    SimulationResult r = checked(followerReads("async", "leader"));
    assertEquals(0, count(r, AnomalyKind.READ_YOUR_WRITES_VIOLATION));
    assertEquals(0, count(r, AnomalyKind.MONOTONIC_READ_VIOLATION));
    assertEquals(0, count(r, AnomalyKind.STALE_READ));
  }

  @Test
  void syncReplicationAcknowledgesOnlyWhatEveryFollowerHas() {
    SimulationResult r = checked(followerReads("sync", "random-follower"));
    assertEquals(0, count(r, AnomalyKind.READ_YOUR_WRITES_VIOLATION));
    assertTrue(count(r, AnomalyKind.STALE_READ) > 0, "followers still trail the leader");
  }

  @Test
  void stickyFollowersKeepReadsMonotonicAndWaitingForTheVersionKeepsYourWrites() {
    SimulationResult sticky = checked(followerReads("async", "sticky-follower"));
    assertEquals(0, count(sticky, AnomalyKind.MONOTONIC_READ_VIOLATION));
    assertTrue(count(sticky, AnomalyKind.READ_YOUR_WRITES_VIOLATION) > 0);
    SimulationResult waiting = checked(followerReads("async", "wait-for-version"));
    assertEquals(0, count(waiting, AnomalyKind.READ_YOUR_WRITES_VIOLATION));
  }

  // ---------------------------------------------------------------- derived stores

  private static final String USERS =
      "{'id': 'users', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 20,"
          + " 'prefix': 'user'}},";

  private static String dualWrite(String order) {
    return "'seed': 8, 'duration': '20s', 'components': ["
        + USERS
        + "{'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write', 'writeOrder': '"
        + order
        + "', 'failureProbability': 0.05, 'retries': 0},"
        + "{'id': 'db', 'type': 'database'},"
        + "{'id': 'index', 'type': 'search-index', 'applyLatency': 'uniform(1ms,5ms)'},"
        + "{'id': 'search', 'type': 'reader', 'rate': '50/s', 'keys': {'count': 20,"
        + " 'prefix': 'user'}}],"
        + "'connections': [{'from': 'users', 'to': 'app'},"
        + " {'from': 'app', 'to': 'db', 'latency': 'uniform(1ms,30ms)', 'fifo': false},"
        + " {'from': 'app', 'to': 'index', 'latency': 'uniform(1ms,30ms)', 'fifo': false},"
        + " {'from': 'index', 'to': 'search'}]";
  }

  private static final String CDC =
      "'seed': 8, 'duration': '20s', 'components': ["
          + USERS
          + "{'id': 'app', 'type': 'service', 'writeStrategy': 'single-write',"
          + " 'failureProbability': 0.05, 'retries': 0},"
          + "{'id': 'db', 'type': 'database'},"
          + "{'id': 'changes', 'type': 'topic', 'partitions': 2, 'partitioner': 'key-hash'},"
          + "{'id': 'index', 'type': 'search-index', 'applyLatency': 'uniform(1ms,5ms)'},"
          + "{'id': 'search', 'type': 'reader', 'rate': '50/s', 'keys': {'count': 20,"
          + " 'prefix': 'user'}}],"
          + "'connections': [{'from': 'users', 'to': 'app'},"
          + " {'from': 'app', 'to': 'db', 'latency': 'uniform(1ms,30ms)', 'fifo': false},"
          + " {'from': 'db', 'to': 'changes', 'latency': 'uniform(1ms,30ms)'},"
          + " {'from': 'changes', 'to': 'index'}, {'from': 'index', 'to': 'search'}]";

  @Test
  void aDualWriteWithFailuresAndRacesDivergesAndNamesTheMechanism() {
    for (String order : List.of("parallel", "sequential")) {
      SimulationResult r = checked(dualWrite(order));
      List<Finding> d = of(r, AnomalyKind.DIVERGENCE);
      assertTrue(d.size() > 0, order + ": " + r.findings().counts());
      for (Finding f : d) {
        assertEquals(List.of("index", "db", "app"), f.components());
        assertTrue(
            f.explanation().contains("failed in `app`")
                || f.explanation().contains("opposite orders")
                || f.explanation().contains("different last writes"),
            f.explanation());
      }
      assertTrue(
          d.stream().anyMatch(f -> f.explanation().contains("was not retried (retries: 0)")),
          order + ": a failed write is among the causes");
      assertTrue(count(r, AnomalyKind.STALE_READ) > 0, "the index trails the database");
    }
  }

  @Test
  void aStoreDerivedFromTheChangeStreamConverges() {
    SimulationResult r = checked(CDC);
    assertEquals(0, count(r, AnomalyKind.DIVERGENCE), () -> r.findings().all().toString());
    assertTrue(count(r, AnomalyKind.STALE_READ) > 0, "while it is behind, reads are stale");
    Finding stale = of(r, AnomalyKind.STALE_READ).get(0);
    assertEquals(List.of("search", "index", "db"), stale.components());
    assertTrue(stale.explanation().contains("change stream through `changes`"));
  }

  @Test
  void aFailoverLosesWritesTheChangeStreamAlreadyPublished() {
    String body =
        "'seed': 9, 'duration': '10s', 'components': ["
            + "{'id': 'orders', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 2000}},"
            + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': 'async',"
            + " 'replicationLag': 'uniform(100ms,400ms)', 'failoverAfter': '1s'},"
            + "{'id': 'changes', 'type': 'topic', 'partitions': 2, 'partitioner': 'key-hash'},"
            + "{'id': 'cache', 'type': 'cache'}],"
            + "'connections': [{'from': 'orders', 'to': 'db'}, {'from': 'db', 'to': 'changes'},"
            + " {'from': 'changes', 'to': 'cache'}],"
            + "'faults': [{'type': 'crash', 'component': 'db', 'at': '5s'}]";
    SimulationResult r = checked(body);
    assertTrue(count(r, AnomalyKind.LOST_WRITE) > 20, r.findings().counts()::toString);
    List<Finding> d = of(r, AnomalyKind.DIVERGENCE);
    assertTrue(d.size() > 10, r.findings().counts()::toString);
    assertTrue(
        d.stream().allMatch(f -> f.explanation().contains("the database lost the write")),
        d.get(0).explanation());
  }

  // ---------------------------------------------------------------- lost writes

  private static String failover(String replication) {
    return "'seed': 21, 'duration': '10s', 'components': ["
        + "{'id': 'orders', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 50}},"
        + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': '"
        + replication
        + "', 'replicationLag': 'uniform(5ms,80ms)', 'failoverAfter': '1s'}],"
        + "'connections': [{'from': 'orders', 'to': 'db', 'latency': 'uniform(1ms,10ms)'}],"
        + "'faults': [{'type': 'crash', 'component': 'db', 'at': '4s'}]";
  }

  @Test
  void asyncFailoverLosesAcknowledgedWritesSemiSyncAndSyncDoNot() {
    SimulationResult async = checked(failover("async"));
    List<Finding> lost = of(async, AnomalyKind.LOST_WRITE);
    assertTrue(lost.size() > 0, async.findings().counts()::toString);
    for (Finding f : lost) {
      assertEquals(5_000_000, f.atMicros(), "at the failover, 1 s after the crash");
      assertEquals(1, f.events().size());
      assertTrue(f.explanation().contains("crashed at 4.000 s"), f.explanation());
      assertTrue(f.explanation().contains("async replication"), f.explanation());
    }
    assertEquals(0, count(checked(failover("semi-sync")), AnomalyKind.LOST_WRITE));
    assertEquals(0, count(checked(failover("sync")), AnomalyKind.LOST_WRITE));
  }

  // ---------------------------------------------------------------- constraints

  private static String claims(String enforcedBy) {
    return "'seed': 4, 'duration': '5s', 'components': ["
        + "{'id': 'eu', 'type': 'producer', 'rate': '40/s', 'operation': 'claim',"
        + " 'keys': {'count': 10, 'prefix': 'name'}},"
        + "{'id': 'us', 'type': 'producer', 'rate': '40/s', 'operation': 'claim',"
        + " 'keys': {'count': 10, 'prefix': 'name'}},"
        + "{'id': 'accounts', 'type': 'database', 'followers': 1, 'replication': 'semi-sync'}],"
        + "'connections': [{'from': 'eu', 'to': 'accounts', 'latency': 'uniform(1ms,10ms)'},"
        + "{'from': 'us', 'to': 'accounts', 'latency': 'uniform(60ms,120ms)'}],"
        + "'constraints': [{'id': 'unique-name', 'type': 'unique', 'store': 'accounts'"
        + enforcedBy
        + "}]";
  }

  @Test
  void unenforcedUniqueClaimsBothSucceedEnforcedOnesDoNot() {
    SimulationResult r = checked(claims(""));
    List<Finding> v = of(r, AnomalyKind.CONSTRAINT_VIOLATION);
    assertTrue(v.size() > 10, r.findings().counts()::toString);
    for (Finding f : v) {
      assertEquals(2, f.events().size(), "the claim that held the name and the one replacing it");
      assertTrue(f.explanation().contains("Nothing enforces it"), f.explanation());
    }
    assertEquals(
        0, count(checked(claims(", 'enforcedBy': 'accounts'")), AnomalyKind.CONSTRAINT_VIOLATION));
  }

  private static String balances(String enforcedBy) {
    return "'seed': 3, 'duration': '10s', 'components': ["
        + "{'id': 'wallet', 'type': 'producer', 'rate': '50/s', 'operation': 'transfer',"
        + " 'keys': {'count': 5, 'prefix': 'account'}},"
        + "{'id': 'moves', 'type': 'topic', 'partitions': 2},"
        + "{'id': 'ledger', 'type': 'processor'},"
        + "{'id': 'balances', 'type': 'materialized-view'}],"
        + "'connections': [{'from': 'wallet', 'to': 'moves'}, {'from': 'moves', 'to': 'ledger'},"
        + " {'from': 'ledger', 'to': 'balances'}],"
        + "'constraints': [{'id': 'no-overdraft', 'type': 'non-negative', 'store': 'balances'"
        + enforcedBy
        + "}]";
  }

  @Test
  void unenforcedBalancesGoNegativeEnforcedOnesDoNot() {
    SimulationResult r = checked(balances(""));
    List<Finding> v = of(r, AnomalyKind.CONSTRAINT_VIOLATION);
    assertTrue(v.size() > 0, r.findings().counts()::toString);
    for (Finding f : v) {
      assertEquals(1, f.events().size());
      assertTrue(f.explanation().contains("below zero"), f.explanation());
    }
    assertEquals(
        0, count(checked(balances(", 'enforcedBy': 'ledger'")), AnomalyKind.CONSTRAINT_VIOLATION));
  }

  // ---------------------------------------------------------------- late events

  private static String windows(String window) {
    return "'seed': 21, 'duration': '20s', 'components': ["
        + "{'id': 'mobile', 'type': 'producer', 'rate': '50/s', 'keys': {'count': 6,"
        + " 'prefix': 'page'}, 'clock': {'skew': '-2s'}},"
        + "{'id': 'web', 'type': 'producer', 'rate': '150/s', 'keys': {'count': 6,"
        + " 'prefix': 'page'}},"
        + "{'id': 'views', 'type': 'topic', 'partitions': 2},"
        + "{'id': 'counts', 'type': 'processor', 'parallelism': 2, 'serviceTime': '200us',"
        + " 'operator': {'type': 'window', 'window': 'tumbling', 'size': '5s', "
        + window
        + "}},"
        + "{'id': 'table', 'type': 'warehouse'}],"
        + "'connections': [{'from': 'mobile', 'to': 'views', 'latency': 'uniform(1ms,20ms)'},"
        + " {'from': 'web', 'to': 'views', 'latency': 'uniform(1ms,20ms)'},"
        + " {'from': 'views', 'to': 'counts'}, {'from': 'counts', 'to': 'table'}]";
  }

  @Test
  void lateEventsDroppedOrSentAsideAreFindingsCorrectedOnesAreNot() {
    SimulationResult dropped = checked(windows("'watermarkDelay': '0s', 'latePolicy': 'drop'"));
    List<Finding> late = of(dropped, AnomalyKind.LATE_EVENT);
    assertTrue(late.size() > 50, dropped.findings().counts()::toString);
    for (Finding f : late) {
      assertEquals(List.of("counts", "mobile"), f.components());
      assertTrue(f.explanation().contains("dropped (late policy drop)"), f.explanation());
      assertTrue(f.explanation().contains("2.000 s behind"), f.explanation());
    }
    assertTrue(late.stream().anyMatch(f -> f.events().size() == 2), "the missed window result");

    SimulationResult aside =
        checked(windows("'watermarkDelay': '0s', 'latePolicy': 'side-output'"));
    assertEquals(late.size(), count(aside, AnomalyKind.LATE_EVENT), "the same events are late");
    assertTrue(of(aside, AnomalyKind.LATE_EVENT).get(0).explanation().contains("side output"));

    SimulationResult corrected =
        checked(
            windows(
                "'watermarkDelay': '0s', 'allowedLateness': '10s', 'latePolicy': 'correction'"));
    assertEquals(0, count(corrected, AnomalyKind.LATE_EVENT));
    SimulationResult waited = checked(windows("'watermarkDelay': '3s', 'latePolicy': 'drop'"));
    assertEquals(0, count(waited, AnomalyKind.LATE_EVENT));
  }

  // ---------------------------------------------------------------- determinism

  @Test
  void findingsRepeatExactly() {
    for (String body :
        List.of(followerReads("async", "random-follower"), dualWrite("parallel"), CDC)) {
      assertEquals(run(spec(body)).findings().all(), run(spec(body)).findings().all());
    }
  }
}
