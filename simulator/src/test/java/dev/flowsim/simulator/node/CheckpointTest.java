package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckpointTest {

  /**
   * Page views counted in 1 s windows by a processor checkpointing every 2 s that crashes at 5.5 s
   * and restarts at 6.5 s; {@code broker} is the type (and settings) of the component between.
   */
  private static String counting(String broker, String consumer) {
    return "'seed': 31, 'duration': '12s', 'components': ["
        + "{'id': 'views', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 6}},"
        + "{'id': 'in', "
        + broker
        + "},"
        + "{'id': 'counts', 'type': 'processor', 'parallelism': 2, 'serviceTime': '200us',"
        + " 'checkpointInterval': '2s',"
        + " 'operator': {'type': 'window', 'size': '1s', 'watermarkDelay': '100ms'}},"
        + "{'id': 'table', 'type': 'warehouse'}],"
        + "'connections': [{'from': 'views', 'to': 'in', 'latency': 'uniform(1ms,20ms)',"
        + " 'fifo': false},"
        + "{'from': 'in', 'to': 'counts'"
        + consumer
        + "}, {'from': 'counts', 'to': 'table'}],"
        + "'faults': [{'type': 'crash', 'component': 'counts', 'at': '5.5s',"
        + " 'restartAfter': '1s'}]";
  }

  private static final String TOPIC = "'type': 'topic', 'partitions': 2";

  /** The last emission of each window (key@start) and how often each was emitted. */
  private static Map<String, Step> last(List<Step> all, Map<String, Integer> times) {
    Map<String, Step> last = new LinkedHashMap<>();
    for (Step s : of(all, "counts", StepKind.WINDOW_EMIT)) {
      last.put(s.key() + "@" + s.offset(), s);
      times.merge(s.key() + "@" + s.offset(), 1, Integer::sum);
    }
    return last;
  }

  private static long truth(List<Step> all, Step window) {
    return of(all, "views", StepKind.PRODUCE).stream()
        .filter(p -> p.key().equals(window.key()))
        .filter(p -> p.clock() >= window.offset() && p.clock() <= window.clock())
        .count();
  }

  @Test
  void aRestartRestoresTheLastCheckpointAndReplaysFromItsPositions() {
    // commit-before-processing would lose records; a stateful processor commits at checkpoints
    SimulationResult r =
        run(spec(counting(TOPIC, ", 'consumer': {'commit': 'before-processing'}")));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    List<Step> checkpoints = of(all, "counts", StepKind.CHECKPOINT);
    Map<Long, List<Step>> byNumber = new LinkedHashMap<>();
    for (Step c : checkpoints) {
      byNumber.computeIfAbsent(c.value(), n -> new ArrayList<>()).add(c);
      assertEquals(0, c.oldValue(), "the first (only) input");
    }
    List<Long> at = byNumber.values().stream().map(l -> l.get(0).time()).toList();
    assertEquals(List.of(2_000_000L, 4_000_000L), at.subList(0, 2), "every 2 s until the crash");
    assertEquals(8_500_000L, at.get(2), "and again 2 s after the restart");

    // the topic's commits are exactly the checkpoints' positions
    List<Step> commits = of(all, "in", StepKind.COMMIT);
    for (Step c : commits) {
      boolean checkpointed =
          checkpoints.stream()
              .anyMatch(k -> k.partition() == c.partition() && k.offset() == c.offset());
      assertTrue(checkpointed, "commit " + c + " is a checkpoint's position");
    }

    // after the restart each partition is read again from the second checkpoint's position
    Map<Integer, Long> restored = new HashMap<>();
    for (Step c : byNumber.get(2L)) {
      restored.put(c.partition(), c.offset());
    }
    Map<Integer, Long> firstAfter = new HashMap<>();
    for (Step s : of(all, "counts", StepKind.CONSUME)) {
      if (s.time() > 6_500_000L) {
        firstAfter.putIfAbsent(s.partition(), s.offset());
      }
    }
    assertEquals(restored, firstAfter);

    // restored state + replay = exactly-once state: every window ends with the true count
    Map<String, Integer> emissions = new HashMap<>();
    Map<String, Step> last = last(all, emissions);
    for (Step w : last.values()) {
      assertEquals(truth(all, w), w.value(), w.toString());
    }
    assertTrue(
        emissions.values().stream().anyMatch(n -> n > 1),
        "windows emitted between the checkpoint and the crash are emitted again");
    Map<String, Long> rows = new HashMap<>();
    of(all, "table", StepKind.APPLY).forEach(s -> rows.put(s.key(), s.value()));
    for (Step w : last.values()) {
      assertEquals(
          w.value(), rows.get(w.key() + "@" + dev.flowsim.model.Duration.ofMicros(w.offset())));
    }
  }

  @Test
  void aQueueCannotReplaySoTheStateSinceTheCheckpointIsLost() {
    SimulationResult r = run(spec(counting("'type': 'queue', 'prefetch': 20", "")));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    assertTrue(
        of(all, "counts", StepKind.CHECKPOINT).stream()
            .allMatch(c -> c.partition() == TraceStep.NONE),
        "a queue has no positions to checkpoint");
    Map<String, Step> last = last(all, new HashMap<>());
    long shortOfTruth = last.values().stream().filter(w -> w.value() < truth(all, w)).count();
    assertTrue(
        shortOfTruth > 0, "windows open at the crash lose what the queue delivered before it");
  }

  @Test
  void aStatelessProcessorKeepsNoCheckpointsAndCommitsPerItsPolicy() {
    String window = "'operator': {'type': 'window', 'size': '1s', 'watermarkDelay': '100ms'}";
    String map = "'operator': {'type': 'map'}";
    SimulationResult auto =
        run(
            spec(
                counting(TOPIC, ", 'consumer': {'commit': 'auto', 'autoCommitInterval': '2s'}")
                    .replace(window, map)));
    assertEquals(0, auto.trace().count(StepKind.CHECKPOINT));
    Set<Long> applied = new HashSet<>();
    long twice =
        of(steps(auto), "table", StepKind.APPLY).stream()
            .filter(s -> !applied.add(s.event()))
            .count();
    assertTrue(twice > 50, "processed since the last auto commit, replayed: " + twice);

    SimulationResult before =
        run(
            spec(
                counting(TOPIC, ", 'consumer': {'commit': 'before-processing'}")
                    .replace(window, map)
                    .replace("'serviceTime': '200us'", "'serviceTime': 'uniform(2ms,8ms)'")));
    List<Step> all = steps(before);
    Set<Long> appliedBefore = new HashSet<>();
    of(all, "table", StepKind.APPLY).forEach(s -> appliedBefore.add(s.event()));
    long skipped =
        of(all, "in", StepKind.APPEND).stream()
            .filter(s -> !appliedBefore.contains(s.event()))
            .count();
    assertTrue(skipped > 0, "committed before processing, lost in the crash");
  }

  @Test
  void aRestoredDedupeStillRecognisesRequestsSeenBeforeTheCheckpoint() {
    String payments =
        "'seed': 8, 'duration': '8s', 'components': ["
            + "{'id': 'payer', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 50},"
            + " 'requestIds': true, 'retry': {'timeout': '40ms', 'maxAttempts': 3}},"
            + "{'id': 'requests', 'type': 'topic', 'partitions': 2},"
            + "{'id': 'dedupe', 'type': 'processor', 'parallelism': 2, 'serviceTime': '200us',"
            + " 'checkpointInterval': '1s', 'operator': {'type': 'dedupe'}},"
            + "{'id': 'ledger', 'type': 'warehouse'}],"
            + "'connections': [{'from': 'payer', 'to': 'requests',"
            + " 'latency': 'uniform(10ms,80ms)', 'fifo': false},"
            + "{'from': 'requests', 'to': 'dedupe'}, {'from': 'dedupe', 'to': 'ledger'}],"
            + "'faults': [{'type': 'crash', 'component': 'dedupe', 'at': '3.5s',"
            + " 'restartAfter': '200ms'}]";
    SimulationResult r = run(spec(payments));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    Map<Long, Long> firstPassed = new HashMap<>();
    for (Step s : of(all, "dedupe", StepKind.SEND)) {
      firstPassed.putIfAbsent(s.event(), s.time());
    }
    long recognised =
        of(all, "dedupe", StepKind.SKIP).stream()
            .filter(s -> s.time() > 3_700_000L && s.offset() == TraceStep.NONE)
            .filter(s -> firstPassed.getOrDefault(s.event(), Long.MAX_VALUE) < 3_000_000L)
            .count();
    assertTrue(recognised > 0, "retries of requests passed before the checkpoint stay skipped");
    Set<Long> passedTwice = new HashSet<>();
    Set<Long> once = new HashSet<>();
    for (Step s : of(all, "dedupe", StepKind.SEND)) {
      if (!once.add(s.event())) {
        passedTwice.add(s.event());
      }
    }
    assertFalse(passedTwice.isEmpty(), "requests first seen after the checkpoint pass again");
    for (long e : passedTwice) {
      assertTrue(firstPassed.get(e) >= 3_000_000L, "only those seen after the last checkpoint");
    }
  }
}
