package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.counts;
import static dev.flowsim.simulator.TraceFacts.of;
import static dev.flowsim.simulator.TraceFacts.onLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A service's writes: acknowledged only when all succeed, retried when lost, never stuck. */
class ServiceNodeTest {

  private static String service(String app, String toDb, String toUsers) {
    return "'seed': 6, 'duration': '5s', 'components': ["
        + "{'id': 'users', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 40}},"
        + "{'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write'"
        + app
        + "},"
        + "{'id': 'db', 'type': 'database'}, {'id': 'index', 'type': 'search-index'}],"
        + "'connections': [{'from': 'users', 'to': 'app'"
        + toUsers
        + "},"
        + "{'from': 'app', 'to': 'db', 'latency': 'uniform(1ms,10ms)'"
        + toDb
        + "},"
        + "{'from': 'app', 'to': 'index', 'latency': 'uniform(1ms,10ms)'}]";
  }

  private static Set<Long> events(List<Step> steps) {
    return steps.stream().map(Step::event).collect(Collectors.toSet());
  }

  @Test
  void aParallelDualWriteIsAcknowledgedOnlyWhenBothWritesSucceeded() {
    SimulationResult r =
        run(spec(service(", 'writeOrder': 'parallel', 'failureProbability': 0.1", "", "")));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    Set<Long> failed = events(of(all, "app", StepKind.DROP));
    Set<Long> inDb = events(of(all, "db", StepKind.APPLY));
    Set<Long> inIndex = events(of(all, "index", StepKind.APPLY));
    Set<Long> acked = events(of(all, "app", StepKind.ACK));
    assertTrue(failed.size() > 100);
    for (long e : acked) {
      assertTrue(inDb.contains(e) && inIndex.contains(e), "acknowledged but half written: " + e);
    }
    for (long e : failed) {
      assertTrue(!acked.contains(e), "a failed write was acknowledged: " + e);
    }
    assertEquals(of(all, "users", StepKind.PRODUCE).size(), acked.size() + failed.size());
  }

  @Test
  void aLostWriteTimesOutAndIsRetried() {
    SimulationResult r = run(spec(service(", 'retries': 3", ", 'loss': 0.2", "")));
    List<Step> all = steps(r);
    assertTrue(r.drained(), "no request waits forever for an ack");
    List<Step> toDb = onLink(r, all, "app -> db");
    List<Step> lost = toDb.stream().filter(s -> s.kind() == StepKind.DROP).toList();
    assertTrue(lost.size() > 100);
    Map<Long, List<Step>> attempts =
        toDb.stream()
            .filter(s -> s.kind() == StepKind.SEND)
            .collect(Collectors.groupingBy(Step::event));
    int retried = 0;
    for (Step l : lost) {
      List<Step> tries = attempts.get(l.event());
      int k = 0;
      while (tries.get(k).time() != l.time()) {
        k++;
      }
      if (k < 3) {
        Step retry = tries.get(k + 1);
        assertEquals(
            ServiceNode.WRITE_TIMEOUT_MICROS + ServiceNode.RETRY_BACKOFF_MICROS,
            retry.time() - l.time(),
            "a lost write is sent again after the write timeout and the backoff");
        retried++;
      } else {
        assertEquals(4, tries.size(), "three retries at most");
      }
    }
    assertTrue(retried > 100);
    // the service saw each loss as a timeout (its own DROP step), and lost acks as well
    List<Step> timedOut = of(all, "app", StepKind.DROP);
    assertTrue(timedOut.size() > lost.size());
    for (Step l : lost) {
      assertTrue(
          timedOut.stream()
              .anyMatch(
                  t ->
                      t.event() == l.event()
                          && t.time() == l.time() + ServiceNode.WRITE_TIMEOUT_MICROS),
          "the lost write timed out");
    }
    // the link loses acks too: a write applied but not acknowledged is written again
    Map<Long, Integer> applied =
        counts(of(all, "db", StepKind.APPLY).stream().map(Step::event).toList());
    assertTrue(applied.values().stream().filter(n -> n > 1).count() > 50);
    Set<Long> inIndex = events(of(all, "index", StepKind.APPLY));
    assertTrue(
        applied.keySet().containsAll(inIndex),
        "sequential: the index is written after the database acknowledged");
  }

  @Test
  void duplicatedRequestsAreEachHandledAndAcknowledged() {
    SimulationResult r = run(spec(service("", "", ", 'duplication': 0.2")));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    List<Step> requests = of(all, "app", StepKind.DELIVER);
    assertTrue(requests.size() > of(all, "users", StepKind.PRODUCE).size() + 100);
    assertEquals(requests.size(), of(all, "app", StepKind.ACK).size(), "one ack per request");
    assertEquals(requests.size(), of(all, "db", StepKind.APPLY).size());
    assertEquals(requests.size(), of(all, "index", StepKind.APPLY).size());
  }

  @Test
  void aWriteAFullQueuePushesBackIsOfferedAgainUntilTaken() {
    // a service that also hands every request to a job queue, next to its two stores
    String spec =
        "'seed': 3, 'duration': '3s', 'components': ["
            + "{'id': 'users', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 40}},"
            + "{'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write',"
            + " 'writeOrder': 'parallel'},"
            + "{'id': 'db', 'type': 'database'}, {'id': 'index', 'type': 'search-index'},"
            + "{'id': 'jobs', 'type': 'queue', 'capacity': 20, 'overflow': 'backpressure'},"
            + "{'id': 'worker', 'type': 'processor', 'serviceTime': 'const(8ms)'},"
            + "{'id': 'done', 'type': 'materialized-view'}],"
            + "'connections': [{'from': 'users', 'to': 'app'}, {'from': 'app', 'to': 'db'},"
            + "{'from': 'app', 'to': 'index'}, {'from': 'app', 'to': 'jobs'},"
            + "{'from': 'jobs', 'to': 'worker'}, {'from': 'worker', 'to': 'done'}]";
    SimulationResult r = run(spec(spec));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    assertTrue(of(all, "jobs", StepKind.SKIP).size() > 100, "the queue pushes back");
    assertTrue(of(all, "app", StepKind.DROP).isEmpty(), "which is no failure");
    Map<Long, Integer> appended =
        counts(of(all, "jobs", StepKind.APPEND).stream().map(Step::event).toList());
    assertEquals(of(all, "users", StepKind.PRODUCE).size(), appended.size(), "all taken");
    assertTrue(appended.values().stream().allMatch(n -> n == 1), "once each");
    assertEquals(appended.size(), of(all, "app", StepKind.ACK).size());
  }
}
