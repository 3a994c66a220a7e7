package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicNodeTest {

  private static String pipeline(String topic, String consumer, String extra) {
    return "'seed': 7, 'duration': '20s', 'components': ["
        + "{'id': 'clicks', 'type': 'producer', 'rate': '300/s', 'keys': {'count': 20}},"
        + "{'id': 'events', 'type': 'topic'"
        + topic
        + "},"
        + "{'id': 'agg', 'type': 'processor', 'parallelism': 3, 'serviceTime': 'uniform(1ms,6ms)'},"
        + "{'id': 'view', 'type': 'materialized-view'}],"
        + "'connections': [{'from': 'clicks', 'to': 'events', 'latency': 'uniform(1ms,20ms)',"
        + " 'fifo': false},"
        + "{'from': 'events', 'to': 'agg'"
        + consumer
        + "}, {'from': 'agg', 'to': 'view'}]"
        + extra;
  }

  /** Events of each key as the view applied them, and as the topic appended them. */
  private static Map<String, List<Long>> byKey(List<Step> steps) {
    Map<String, List<Long>> m = new HashMap<>();
    for (Step s : steps) {
      m.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s.event());
    }
    return m;
  }

  @Test
  void orderHoldsWithinAPartitionAndNotAcrossThem() {
    SimulationResult keyed = run(spec(pipeline(", 'partitions': 4", "", "")));
    Map<String, List<Long>> appended = byKey(steps(keyed, "events", StepKind.APPEND));
    Map<String, List<Long>> applied = byKey(steps(keyed, "view", StepKind.APPLY));
    assertEquals(appended, applied, "a key's events stay in one partition, applied in log order");
    Map<String, Integer> partitionOf = new HashMap<>();
    for (Step s : steps(keyed, "events", StepKind.APPEND)) {
      // every event of a key is in the same partition
      assertEquals(partitionOf.computeIfAbsent(s.key(), k -> s.partition()), s.partition());
    }

    SimulationResult spread =
        run(spec(pipeline(", 'partitions': 4, 'partitioner': 'round-robin'", "", "")));
    Map<String, List<Long>> appended2 = byKey(steps(spread, "events", StepKind.APPEND));
    Map<String, List<Long>> applied2 = byKey(steps(spread, "view", StepKind.APPLY));
    assertTrue(
        !appended2.equals(applied2), "round-robin spreads a key over partitions, which reorder it");
  }

  @Test
  void offsetsInAPartitionAreDenseAndIncreasing() {
    SimulationResult r = run(spec(pipeline(", 'partitions': 3", "", "")));
    Map<Integer, Long> next = new HashMap<>();
    for (Step s : steps(r, "events", StepKind.APPEND)) {
      long expected = next.getOrDefault(s.partition(), 0L);
      assertEquals(expected, s.offset());
      next.put(s.partition(), expected + 1);
    }
  }

  private static final String CRASH =
      ", 'faults': [{'type': 'crash', 'component': 'agg', 'at': '8s', 'restartAfter': '1s'}]";

  @Test
  void crashWithCommitAfterProcessingReplaysAndCommitBeforeSkips() {
    SimulationResult after =
        run(
            spec(
                pipeline(
                    ", 'partitions': 2",
                    ", 'consumer': {'commit': 'auto', 'autoCommitInterval': '2s'}",
                    CRASH)));
    List<Step> consumed = steps(after, "agg", StepKind.CONSUME);
    Set<Long> seen = new HashSet<>();
    long duplicates = consumed.stream().filter(s -> !seen.add(s.event())).count();
    assertTrue(duplicates > 0, "records processed after the last commit are consumed again");
    assertEquals(
        steps(after, "events", StepKind.APPEND).size(),
        seen.size(),
        "nothing is lost under at-least-once");

    SimulationResult before =
        run(
            spec(
                pipeline(
                    ", 'partitions': 2", ", 'consumer': {'commit': 'before-processing'}", CRASH)));
    Set<Long> applied = new HashSet<>();
    steps(before, "view", StepKind.APPLY).forEach(s -> applied.add(s.event()));
    long lost =
        steps(before, "events", StepKind.APPEND).stream()
            .filter(s -> !applied.contains(s.event()))
            .count();
    assertTrue(lost > 0, "records committed but not processed before the crash are skipped");
    List<Step> consumedBefore = steps(before, "agg", StepKind.CONSUME);
    Set<Long> seenBefore = new HashSet<>();
    assertEquals(
        0,
        consumedBefore.stream().filter(s -> !seenBefore.add(s.event())).count(),
        "at-most-once never processes a record twice");
  }

  @Test
  void retentionDeletesWhatASlowConsumerHadNotRead() {
    String slow =
        pipeline(", 'retention': {'count': 200}", "", "")
            .replace("'serviceTime': 'uniform(1ms,6ms)'", "'serviceTime': 'uniform(8ms,12ms)'")
            .replace("'parallelism': 3", "'parallelism': 1");
    SimulationResult r = run(spec(slow));
    Set<Long> consumed = new HashSet<>();
    steps(r, "agg", StepKind.CONSUME).forEach(s -> consumed.add(s.event()));
    List<Step> expiredUnread =
        steps(r, "events", StepKind.EXPIRE).stream()
            .filter(s -> !consumed.contains(s.event()))
            .toList();
    assertTrue(expiredUnread.size() > 100, "entries expire before the consumer reaches them");
    assertEquals(
        steps(r, "events", StepKind.APPEND).size(),
        consumed.size() + expiredUnread.size(),
        "every entry is either consumed or deleted unread: nothing else happens to it");
  }

  @Test
  void recordsLostOnTheWayToAConsumerAreFetchedAgainAndTheRunDrains() {
    SimulationResult r = run(spec(pipeline(", 'partitions': 2", ", 'loss': 0.05", "")));
    assertTrue(r.drained(), "a lost record does not stall its partition");
    long dropped =
        steps(r).stream()
            .filter(s -> s.kind() == StepKind.DROP && s.component().equals("events"))
            .count();
    assertTrue(dropped > 0, "the link lost records");
    Set<Long> consumed = new HashSet<>();
    steps(r, "agg", StepKind.CONSUME).forEach(s -> consumed.add(s.event()));
    assertTrue(
        consumed.size() > steps(r, "events", StepKind.APPEND).size() * 0.9,
        "the partition kept flowing after the losses");
  }

  @Test
  void aRewindMakesTheGroupReadRecentEntriesAgain() {
    SimulationResult r =
        run(
            spec(
                pipeline(
                    ", 'partitions': 2",
                    "",
                    ", 'faults': [{'type': 'rewind', 'component': 'events', 'group': 'agg',"
                        + " 'at': '10s', 'by': '4s'}]")));
    List<Step> commits = steps(r, "events", StepKind.COMMIT);
    Map<Integer, Long> last = new HashMap<>();
    boolean wentBack = false;
    for (Step c : commits) {
      Long before = last.put(c.partition(), c.offset());
      wentBack |= before != null && c.offset() < before && c.time() == 10_000_000;
    }
    assertTrue(wentBack, "the reset is a commit to a lower offset at the rewind time");
    Map<Long, Integer> consumed = new HashMap<>();
    for (Step s : steps(r, "agg", StepKind.CONSUME)) {
      consumed.merge(s.event(), 1, Integer::sum);
    }
    long again =
        steps(r, "events", StepKind.APPEND).stream()
            .filter(a -> a.time() >= 6_000_000 && a.time() < 9_900_000)
            .filter(a -> consumed.getOrDefault(a.event(), 0) >= 2)
            .count();
    assertTrue(again > 300, "entries of the last 4 s before the rewind are consumed again");
    long older =
        steps(r, "events", StepKind.APPEND).stream()
            .filter(a -> a.time() < 5_900_000)
            .filter(a -> consumed.getOrDefault(a.event(), 0) >= 2)
            .count();
    assertEquals(0, older, "nothing older than the rewind span is read again");
  }

  @Test
  void compactionKeepsTheLatestEntryPerKey() {
    SimulationResult r = run(spec(pipeline(", 'compaction': true", "", "")));
    Map<String, Long> latest = new HashMap<>();
    for (Step s : steps(r, "events", StepKind.APPEND)) {
      latest.put(s.key(), s.event());
    }
    Set<Long> removed = new HashSet<>();
    for (Step s : steps(r, "events", StepKind.EXPIRE)) {
      removed.add(s.event());
      assertTrue(s.oldValue() > s.offset(), "a compacted entry names the later entry replacing it");
    }
    assertTrue(removed.size() > 1000, "superseded entries are removed");
    for (long keep : latest.values()) {
      assertTrue(!removed.contains(keep), "the latest entry of every key survives");
    }
  }
}
