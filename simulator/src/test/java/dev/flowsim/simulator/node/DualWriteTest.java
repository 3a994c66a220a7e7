package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.finalValues;
import static dev.flowsim.simulator.TraceFacts.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first teaching scenario at the level of mechanics: a service that writes the database and the
 * search index itself leaves them disagreeing for good, while a single write to the database with
 * the index following its change stream leaves them equal once the run has drained. Final values
 * come from the trace: the value of the last APPLY of each key by each store.
 */
class DualWriteTest {

  private static final long[] SEEDS = {1, 2, 3, 4, 5};

  private static final String USERS =
      "{'id': 'users', 'type': 'producer', 'rate': '200/s',"
          + " 'keys': {'count': 20, 'distribution': 'zipf', 'prefix': 'user'}},";

  private static final String DUAL =
      "'duration': '10s', 'components': ["
          + USERS
          + "{'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write',"
          + " 'writeOrder': 'sequential', 'failureProbability': 0.01, 'retries': 0,"
          + " 'serviceTime': 'uniform(1ms,5ms)'},"
          + "{'id': 'db', 'type': 'database', 'writeLatency': 'uniform(1ms,5ms)'},"
          + "{'id': 'index', 'type': 'search-index', 'applyLatency': 'uniform(5ms,20ms)'}],"
          + "'connections': [{'from': 'users', 'to': 'app', 'latency': 'uniform(1ms,10ms)'},"
          + "{'from': 'app', 'to': 'db', 'latency': 'uniform(1ms,30ms)', 'fifo': false},"
          + "{'from': 'app', 'to': 'index', 'latency': 'uniform(1ms,30ms)', 'fifo': false}]";

  private static String cdc(String writeMode) {
    return "'duration': '10s', 'components': ["
        + USERS
        + "{'id': 'app', 'type': 'service', 'writeStrategy': 'single-write',"
        + " 'failureProbability': 0.01, 'retries': 0, 'serviceTime': 'uniform(1ms,5ms)'},"
        + "{'id': 'db', 'type': 'database', 'writeLatency': 'uniform(1ms,5ms)'},"
        + "{'id': 'changes', 'type': 'topic', 'partitions': 4},"
        + "{'id': 'index', 'type': 'search-index', 'applyLatency': 'uniform(5ms,20ms)',"
        + " 'writeMode': '"
        + writeMode
        + "'}],"
        + "'connections': [{'from': 'users', 'to': 'app', 'latency': 'uniform(1ms,10ms)'},"
        + "{'from': 'app', 'to': 'db', 'latency': 'uniform(1ms,30ms)', 'fifo': false},"
        + "{'from': 'db', 'to': 'changes', 'latency': 'uniform(5ms,50ms)'},"
        + "{'from': 'changes', 'to': 'index', 'latency': 'uniform(1ms,5ms)'}]";
  }

  /** Keys whose final values differ between the database and the index. */
  private static List<String> diverged(SimulationResult r) {
    List<Step> all = steps(r);
    Map<String, Long> db = finalValues(all, "db");
    Map<String, Long> index = finalValues(all, "index");
    assertTrue(db.size() >= 15, "most keys were written");
    List<String> keys = new ArrayList<>();
    for (String key : db.keySet()) {
      if (!db.get(key).equals(index.get(key))) {
        keys.add(key);
      }
    }
    for (String key : index.keySet()) {
      if (!db.containsKey(key)) {
        keys.add(key);
      }
    }
    return keys;
  }

  @Test
  void aDualWriteLeavesTheIndexDisagreeingWithTheDatabase() {
    for (long seed : SEEDS) {
      SimulationResult r = run(spec(DUAL), seed);
      assertTrue(r.drained());
      List<Step> all = steps(r);
      assertTrue(of(all, "app", StepKind.DROP).size() > 5, "some writes failed");
      assertTrue(!diverged(r).isEmpty(), "seed " + seed + ": the stores diverge");
    }
  }

  @Test
  void aSingleWriteWithChangeDataCaptureLeavesThemEqual() {
    for (String mode : List.of("last-arrival-wins", "version-checked")) {
      for (long seed : SEEDS) {
        SimulationResult r = run(spec(cdc(mode)), seed);
        assertTrue(r.drained());
        assertTrue(of(steps(r), "app", StepKind.DROP).size() > 5, "some writes failed");
        assertEquals(List.of(), diverged(r), mode + ", seed " + seed);
      }
    }
  }
}
