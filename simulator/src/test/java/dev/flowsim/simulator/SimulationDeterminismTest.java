package dev.flowsim.simulator;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Same spec + same seed = the same trace, in this JVM and in another; another seed, another trace;
 * and a component added to a spec leaves the others' behaviour as it was.
 */
class SimulationDeterminismTest {

  /** Components of every kind the simulator runs, with faults, loss, duplication and jitter. */
  private static final String BASE_COMPONENTS =
      "{'id': 'users', 'type': 'producer', 'rate': '150/s', 'keys': {'count': 30,"
          + " 'distribution': 'zipf', 'prefix': 'user'},"
          + " 'retry': {'timeout': '200ms', 'maxAttempts': 3}},"
          + "{'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write',"
          + " 'failureProbability': 0.02, 'retries': 1, 'serviceTime': 'uniform(1ms,4ms)'},"
          + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': 'semi-sync',"
          + " 'replicationLag': 'exp(20ms)', 'failoverAfter': '500ms'},"
          + "{'id': 'index', 'type': 'search-index', 'applyLatency': 'uniform(2ms,9ms)'},"
          + "{'id': 'changes', 'type': 'topic', 'partitions': 3, 'compaction': true},"
          + "{'id': 'clicks', 'type': 'producer', 'rate': '300/s', 'keys': {'count': 30,"
          + " 'prefix': 'user'}},"
          + "{'id': 'click-log', 'type': 'topic', 'partitions': 2},"
          + "{'id': 'enrich', 'type': 'processor', 'parallelism': 2,"
          + " 'serviceTime': 'uniform(1ms,3ms)'},"
          + "{'id': 'view', 'type': 'materialized-view', 'writeMode': 'version-checked'},"
          + "{'id': 'page', 'type': 'reader', 'rate': '100/s', 'routing': 'random-follower',"
          + " 'sameUsersAs': 'users'}";

  private static final String BASE_CONNECTIONS =
      "{'from': 'users', 'to': 'app', 'latency': 'uniform(1ms,20ms)', 'loss': 0.01},"
          + "{'from': 'app', 'to': 'db', 'latency': 'uniform(1ms,10ms)', 'fifo': false},"
          + "{'from': 'app', 'to': 'index', 'latency': 'uniform(1ms,10ms)', 'fifo': false,"
          + " 'duplication': 0.02},"
          + "{'from': 'db', 'to': 'changes', 'latency': 'lognormal(2ms,20ms)'},"
          + "{'from': 'clicks', 'to': 'click-log'},"
          + "{'from': 'click-log', 'to': 'enrich'},"
          + "{'from': 'changes', 'to': 'view', 'consumer': {'commit': 'auto',"
          + " 'autoCommitInterval': '250ms'}},"
          + "{'from': 'enrich', 'to': 'view'},"
          + "{'from': 'db', 'to': 'page', 'latency': 'uniform(1ms,3ms)'}";

  private static final String FAULTS =
      "'faults': [{'type': 'crash', 'component': 'db', 'at': '2s', 'restartAfter': '1s'},"
          + "{'type': 'crash', 'component': 'enrich', 'at': '2500ms', 'restartAfter': '300ms'},"
          + "{'type': 'partition', 'from': 'app', 'to': 'index', 'at': '3500ms',"
          + " 'duration': '400ms'}]";

  static final String RICH =
      "'seed': 5, 'duration': '5s', 'components': ["
          + BASE_COMPONENTS
          + "], 'connections': ["
          + BASE_CONNECTIONS
          + "], "
          + FAULTS;

  /** A separate chain that shares nothing with the rest: its own producer, topic and store. */
  private static final String OTHER_COMPONENTS =
      "{'id': 'sensors', 'type': 'producer', 'rate': '400/s', 'keys': {'count': 7,"
          + " 'prefix': 'sensor'}},"
          + "{'id': 'readings', 'type': 'topic', 'partitions': 2},"
          + "{'id': 'dashboard', 'type': 'cache', 'applyLatency': 'exp(2ms)'}";

  private static final String OTHER_CONNECTIONS =
      "{'from': 'sensors', 'to': 'readings', 'latency': 'uniform(1ms,9ms)', 'loss': 0.05},"
          + "{'from': 'readings', 'to': 'dashboard'}";

  @Test
  void theSameSpecAndSeedGiveTheSameTraceAndAnotherSeedAnother() {
    SimulationResult first = run(spec(RICH));
    SimulationResult second = run(spec(RICH));
    assertTrue(first.trace().stepCount() > 10_000);
    assertEquals(first.traceHash(), second.traceHash());
    assertEquals(first.trace().stepCount(), second.trace().stepCount());
    assertEquals(first.kernelEvents(), second.kernelEvents());

    SimulationResult other = run(spec(RICH), 6);
    assertNotEquals(first.traceHash(), other.traceHash());
  }

  @Test
  void anotherJvmComputesTheSameTrace() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DeterminismMain.class.getName(),
                "5")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertEquals(run(spec(RICH)).traceHash(), out);
  }

  // ---------------------------------------------------------------- independence

  /** Kinds whose value is an event's value, which for a set is the event's id. */
  private static final Set<StepKind> VALUE_IS_EVENT =
      EnumSet.of(
          StepKind.PRODUCE,
          StepKind.SEND,
          StepKind.DELIVER,
          StepKind.DROP,
          StepKind.APPEND,
          StepKind.CONSUME,
          StepKind.APPLY,
          StepKind.REPLICATE,
          StepKind.READ,
          StepKind.ACK,
          StepKind.SKIP,
          StepKind.EXPIRE);

  /** Kinds whose old value is a store's previous value (an event id for a set). */
  private static final Set<StepKind> OLD_VALUE_IS_EVENT =
      EnumSet.of(StepKind.APPLY, StepKind.REPLICATE, StepKind.SKIP);

  /**
   * What each component did, comparable across runs of different specs: every step of the component
   * in trace order with its time, kind, key name, partition, offset and clock as recorded, and with
   * the numbers that are global to a run replaced by names. Event ids are numbered in creation
   * order across all producers, so adding a producer renumbers the events of the others: an event
   * is named by its producer and its rank among that producer's events (and so is a value or old
   * value that is an event id: every producer here sets, and a set's value is its event's id). A
   * link is named by its label rather than its index in the component table.
   */
  private static Map<String, List<String>> behaviour(SimulationResult r) {
    List<Step> all = Runs.steps(r);
    Map<Long, String> names = new HashMap<>();
    Map<String, Integer> produced = new HashMap<>();
    for (Step s : all) {
      if (s.kind() == StepKind.PRODUCE) {
        int rank = produced.merge(s.component(), 1, Integer::sum);
        names.put(s.event(), s.component() + "#" + rank);
      }
    }
    Map<String, List<String>> byComponent = new LinkedHashMap<>();
    for (Step s : all) {
      String oldValue;
      if (s.kind() == StepKind.SEND
          || s.kind() == StepKind.DELIVER
          || (s.kind() == StepKind.DROP && s.oldValue() != TraceStep.NO_VALUE)) {
        oldValue = "link " + TraceFacts.link(r, s);
      } else if (OLD_VALUE_IS_EVENT.contains(s.kind())) {
        oldValue = name(names, s.oldValue());
      } else {
        oldValue = Long.toString(s.oldValue());
      }
      String value =
          VALUE_IS_EVENT.contains(s.kind()) ? name(names, s.value()) : Long.toString(s.value());
      byComponent
          .computeIfAbsent(s.component(), c -> new ArrayList<>())
          .add(
              s.time()
                  + " "
                  + s.kind()
                  + " event="
                  + name(names, s.event())
                  + " key="
                  + s.key()
                  + " partition="
                  + s.partition()
                  + " offset="
                  + s.offset()
                  + " value="
                  + value
                  + " old="
                  + oldValue
                  + " clock="
                  + s.clock());
    }
    return byComponent;
  }

  private static String name(Map<Long, String> names, long id) {
    String n = names.get(id);
    return n != null ? n : Long.toString(id);
  }

  @Test
  void anUnrelatedChainLeavesWhatTheOtherComponentsDoUnchanged() {
    assertUnchangedBy(BASE_COMPONENTS + "," + OTHER_COMPONENTS);
  }

  /**
   * The same chain listed before the others. Its keys are then interned first, which changes the
   * ids of everyone else's keys; the topic's key-hash partitioner and the processor's instance
   * routing hash those ids ({@code TopicNode.mix}), so keys move to other partitions and instances.
   * Enable once they hash the key's name ({@code World.keyHash}), as sticky reader routing does.
   */
  @Test
  void anUnrelatedChainListedFirstLeavesWhatTheOtherComponentsDoUnchanged() {
    assertUnchangedBy(OTHER_COMPONENTS + "," + BASE_COMPONENTS);
  }

  private static void assertUnchangedBy(String components) {
    Pipeline base = spec(RICH);
    Pipeline extended =
        spec(
            "'seed': 5, 'duration': '5s', 'components': ["
                + components
                + "], 'connections': ["
                + BASE_CONNECTIONS
                + ","
                + OTHER_CONNECTIONS
                + "], "
                + FAULTS);
    SimulationResult before = run(base);
    SimulationResult after = run(extended);
    Map<String, List<String>> was = behaviour(before);
    Map<String, List<String>> is = behaviour(after);
    assertTrue(is.get("dashboard").size() > 1000, "the new chain runs");
    assertNotEquals(before.traceHash(), after.traceHash());
    assertEquals(
        after.trace().stepCount(),
        before.trace().stepCount()
            + is.get("sensors").size()
            + is.get("readings").size()
            + is.get("dashboard").size(),
        "the new components add steps of their own and nothing else");
    for (String component : was.keySet()) {
      assertEquals(was.get(component), is.get(component), component + " behaves as before");
    }
  }
}
