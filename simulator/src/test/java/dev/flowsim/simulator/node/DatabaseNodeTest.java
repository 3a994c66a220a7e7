package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The system of record: replication and acks, failover, change data capture. */
class DatabaseNodeTest {

  private static String database(String replication, String extra) {
    return "'seed': 21, 'duration': '10s', 'components': ["
        + "{'id': 'orders', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 50}},"
        + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': '"
        + replication
        + "', 'replicationLag': 'uniform(5ms,80ms)', 'failoverAfter': '1s',"
        + " 'writeLatency': 'uniform(1ms,3ms)'}],"
        + "'connections': [{'from': 'orders', 'to': 'db', 'latency': 'uniform(1ms,10ms)'}]"
        + extra;
  }

  /** For each version: the positions in the trace of its APPLY, REPLICATE and ACK steps. */
  private record Timeline(Step apply, List<Integer> replicated, List<Step> replicas, int ack) {}

  private static Map<Long, Timeline> timelines(List<Step> all) {
    Map<Long, Step> applies = new HashMap<>();
    Map<Long, List<Integer>> replicated = new HashMap<>();
    Map<Long, List<Step>> replicas = new HashMap<>();
    Map<Long, Integer> acks = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      Step s = all.get(i);
      if (!s.component().equals("db")) {
        continue;
      }
      switch (s.kind()) {
        case APPLY -> applies.put(s.offset(), s);
        case REPLICATE -> {
          replicated.computeIfAbsent(s.offset(), v -> new ArrayList<>()).add(i);
          replicas.computeIfAbsent(s.offset(), v -> new ArrayList<>()).add(s);
        }
        case ACK -> acks.put(s.offset(), i);
        default -> {}
      }
    }
    Map<Long, Timeline> t = new HashMap<>();
    applies.forEach(
        (v, a) ->
            t.put(
                v,
                new Timeline(
                    a,
                    replicated.getOrDefault(v, List.of()),
                    replicas.getOrDefault(v, List.of()),
                    acks.getOrDefault(v, -1))));
    return t;
  }

  @Test
  void asyncAcksAtCommitSemiSyncAfterOneFollowerSyncAfterAll() {
    for (String mode : List.of("async", "semi-sync", "sync")) {
      List<Step> all = steps(run(spec(database(mode, ""))));
      Map<Long, Timeline> versions = timelines(all);
      assertTrue(versions.size() > 1500);
      for (Map.Entry<Long, Timeline> e : versions.entrySet()) {
        Timeline t = e.getValue();
        assertEquals(2, t.replicated().size(), "both followers apply version " + e.getKey());
        assertTrue(t.ack() >= 0, mode + ": version " + e.getKey() + " is acknowledged");
        Step ack = all.get(t.ack());
        assertEquals(t.apply().event(), ack.event());
        int first = t.replicated().get(0);
        int second = t.replicated().get(1);
        switch (mode) {
          case "async" -> {
            assertEquals(t.apply().time(), ack.time(), "acknowledged at commit");
            assertTrue(t.ack() < first, "before any follower has it");
          }
          case "semi-sync" -> {
            assertTrue(first < t.ack() && t.ack() < second, "after one follower, not both");
            assertEquals(all.get(first).time(), ack.time());
          }
          default -> {
            assertTrue(second < t.ack(), "after every follower");
            assertEquals(all.get(second).time(), ack.time());
          }
        }
      }
    }
  }

  @Test
  void aFollowerAppliesTheLeadersLogInVersionOrder() {
    // a wide lag spread: each write's draw alone would reorder them
    String spec =
        database("async", ", 'faults': [{'type': 'crash', 'component': 'db', 'at': '4s'}]")
            .replace("uniform(5ms,80ms)", "uniform(1ms,500ms)");
    List<Step> all = steps(run(spec(spec)));
    Map<Integer, Long> last = new HashMap<>();
    for (Step s : of(all, "db", StepKind.REPLICATE)) {
      long expected = last.getOrDefault(s.partition(), 0L) + 1;
      assertEquals(expected, s.offset(), "replica " + s.partition() + " gets the next version");
      last.put(s.partition(), s.offset());
    }
    assertEquals(1, of(all, "db", StepKind.FAILOVER).size());
    assertEquals(2, last.size());
    assertTrue(last.values().stream().allMatch(v -> v > 500));
  }

  private static final String CRASH =
      ", 'faults': [{'type': 'crash', 'component': 'db', 'at': '5s', 'restartAfter': '3s'}]";

  @Test
  void failoverWithAsyncReplicationLosesExactlyTheAcknowledgedButUnreplicatedWrites() {
    List<Step> all = steps(run(spec(database("async", CRASH))));
    Step failover = of(all, "db", StepKind.FAILOVER).get(0);
    Step crash = of(all, "db", StepKind.CRASH).get(0);
    assertEquals(6_000_000L, failover.time());
    int promoted = failover.partition();
    long kept = failover.offset();
    long committed = failover.oldValue();
    assertTrue(committed > kept, "the old leader had committed more than the follower applied");

    // the old leader acknowledged every version it committed, before its crash
    List<Step> lost = new ArrayList<>();
    for (Step ack : of(all, "db", StepKind.ACK)) {
      if (ack.time() <= crash.time()) {
        assertTrue(ack.offset() <= committed);
        if (ack.offset() > kept) {
          lost.add(ack);
        }
      }
    }
    assertEquals(committed - kept, lost.size(), "every unreplicated version had been acked");

    // what the promoted follower holds: its replicated writes, which are the leader's commits up
    // to its last version
    Map<String, Long> holds = new HashMap<>();
    Map<String, Long> committedUpTo = new HashMap<>();
    for (Step s : all) {
      if (s.time() > failover.time() || !s.component().equals("db")) {
        continue;
      }
      if (s.kind() == StepKind.REPLICATE && s.partition() == promoted) {
        holds.put(s.key(), s.value());
      }
      if (s.kind() == StepKind.APPLY && s.offset() <= kept) {
        committedUpTo.put(s.key(), s.value());
      }
    }
    assertEquals(committedUpTo, holds);

    // the new leader builds on that state: the next write of a key replaces the value the
    // follower had, never a lost write's value
    Map<String, Step> firstAfter = new LinkedHashMap<>();
    for (Step s : of(all, "db", StepKind.APPLY)) {
      if (s.time() > failover.time()) {
        firstAfter.putIfAbsent(s.key(), s);
      }
    }
    int checked = 0;
    for (Step w : lost) {
      Step next = firstAfter.get(w.key());
      if (next != null) {
        assertEquals(promoted, next.partition(), "written on the new leader");
        assertEquals(holds.getOrDefault(w.key(), TraceStep.NO_VALUE), next.oldValue());
        assertNotEquals(w.value(), next.oldValue(), "acknowledged write " + w.event() + " lost");
        checked++;
      }
    }
    assertTrue(checked > 5);
    // and versions continue from the new leader's last one
    long firstVersion =
        of(all, "db", StepKind.APPLY).stream()
            .filter(s -> s.time() > failover.time())
            .findFirst()
            .orElseThrow()
            .offset();
    assertEquals(kept + 1, firstVersion);
  }

  @Test
  void failoverWithSyncOrSemiSyncReplicationLosesNoAcknowledgedWrite() {
    for (String mode : List.of("semi-sync", "sync")) {
      List<Step> all = steps(run(spec(database(mode, CRASH))));
      Step failover = of(all, "db", StepKind.FAILOVER).get(0);
      long kept = failover.offset();
      assertTrue(failover.oldValue() > kept, mode + ": unreplicated writes exist");
      List<Step> acked =
          of(all, "db", StepKind.ACK).stream().filter(s -> s.time() < failover.time()).toList();
      assertTrue(acked.size() > 500);
      for (Step ack : acked) {
        assertTrue(ack.offset() <= kept, mode + ": acknowledged version on the new leader");
      }
    }
  }

  private static String cdc(boolean fifo) {
    return "'seed': 8, 'duration': '10s', 'components': ["
        + "{'id': 'users', 'type': 'producer', 'rate': '300/s', 'keys': {'count': 20}},"
        + "{'id': 'db', 'type': 'database', 'writeLatency': 'uniform(1ms,3ms)'},"
        + "{'id': 'changes', 'type': 'topic', 'partitions': 3}],"
        + "'connections': [{'from': 'users', 'to': 'db', 'latency': 'uniform(1ms,20ms)',"
        + " 'fifo': false},"
        + "{'from': 'db', 'to': 'changes', 'latency': 'uniform(1ms,20ms)', 'fifo': "
        + fifo
        + "}]";
  }

  private static Map<String, List<Long>> perKey(List<Step> steps) {
    Map<String, List<Long>> m = new HashMap<>();
    for (Step s : steps) {
      m.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s.event());
    }
    return m;
  }

  @Test
  void changeDataCapturePublishesCommitsInCommitOrder() {
    SimulationResult r = run(spec(cdc(true)));
    List<Step> all = steps(r);
    List<Step> applied = of(all, "db", StepKind.APPLY);
    assertTrue(applied.size() > 2500);
    assertEquals(perKey(applied), perKey(of(all, "changes", StepKind.APPEND)));
    // the commit order differs from the order the writes were produced in (a jittery link), and
    // CDC follows the commit order, not the production order
    assertNotEquals(
        perKey(of(all, "users", StepKind.PRODUCE)), perKey(of(all, "changes", StepKind.APPEND)));

    // the order comes from the FIFO link: a jittery one would reorder the change stream
    List<Step> reordered = steps(run(spec(cdc(false))));
    assertNotEquals(
        perKey(of(reordered, "db", StepKind.APPLY)),
        perKey(of(reordered, "changes", StepKind.APPEND)));
  }

  @Test
  void aLeaderThatRestartsBeforeFailoverKeepsItsDataAndItsFollowersCatchUp() {
    String spec =
        database(
            "async",
            ", 'faults': [{'type': 'crash', 'component': 'db', 'at': '5s', 'restartAfter': '500ms'}]");
    SimulationResult r = run(spec(spec));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    assertTrue(of(all, "db", StepKind.FAILOVER).isEmpty());
    assertEquals(1, of(all, "db", StepKind.RESTART).size());
    List<Step> applied = of(all, "db", StepKind.APPLY);
    long last = applied.get(applied.size() - 1).offset();
    for (int replica = 1; replica <= 2; replica++) {
      int f = replica;
      List<Step> replicated =
          of(all, "db", StepKind.REPLICATE).stream().filter(s -> s.partition() == f).toList();
      assertEquals(last, replicated.size(), "follower " + f + " applied every version once");
    }
    assertFalse(applied.stream().anyMatch(s -> s.partition() != 0), "the leader stayed");
  }
}
