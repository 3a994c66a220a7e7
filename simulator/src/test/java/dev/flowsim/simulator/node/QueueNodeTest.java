package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.link;
import static dev.flowsim.simulator.TraceFacts.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueNodeTest {

  /**
   * Orders of one busy key into a queue consumed by a fast and a slow status updater, both writing
   * the view; {@code queue} and {@code extra} complete the queue and the spec.
   */
  private static String twoConsumers(String queue, String extra) {
    return "'seed': 11, 'duration': '10s', 'components': ["
        + "{'id': 'orders', 'type': 'producer', 'rate': '20/s', 'arrivals': 'constant',"
        + " 'keys': {'count': 1}},"
        + "{'id': 'q', 'type': 'queue'"
        + queue
        + "},"
        + "{'id': 'fast', 'type': 'processor', 'serviceTime': '2ms'},"
        + "{'id': 'slow', 'type': 'processor', 'serviceTime': 'uniform(20ms,600ms)'},"
        + "{'id': 'view', 'type': 'materialized-view'}],"
        + "'connections': [{'from': 'orders', 'to': 'q'},"
        + "{'from': 'q', 'to': 'fast'}, {'from': 'q', 'to': 'slow'},"
        + "{'from': 'fast', 'to': 'view'}, {'from': 'slow', 'to': 'view'}]"
        + extra;
  }

  /** The queue's sequence number of each event (its APPEND offset). */
  private static Map<Long, Long> seqOf(List<Step> all, String queue) {
    Map<Long, Long> seq = new HashMap<>();
    for (Step s : of(all, queue, StepKind.APPEND)) {
      seq.put(s.event(), s.offset());
    }
    return seq;
  }

  @Test
  void ackTimeoutRedeliversToAnotherConsumerAndReordersTheKey() {
    SimulationResult r = run(spec(twoConsumers(", 'prefetch': 1, 'ackTimeout': '250ms'", "")));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    List<Step> redelivered = of(all, "q", StepKind.REDELIVER);
    assertTrue(redelivered.size() > 5, "slow updates miss the ack timeout: " + redelivered.size());
    Map<Long, Long> seq = seqOf(all, "q");
    int movedToOther = 0;
    int overtaken = 0;
    for (Step re : redelivered) {
      assertEquals(seq.get(re.event()), re.offset(), "REDELIVER names the message's sequence");
      List<Step> sends =
          all.stream()
              .filter(s -> s.kind() == StepKind.SEND && s.component().equals("q"))
              .filter(s -> s.event() == re.event())
              .toList();
      Step previous = null;
      Step next = null;
      for (Step s : sends) {
        if (s.time() < re.time()) {
          previous = s;
        } else if (next == null) {
          next = s;
        }
      }
      if (!link(r, previous).equals(link(r, next))) {
        movedToOther++;
      }
      // the redelivered copy reaches the view after an update that was enqueued later
      Step copyApplied =
          all.stream()
              .filter(s -> s.kind() == StepKind.APPLY && s.component().equals("view"))
              .filter(s -> s.event() == re.event() && s.time() > re.time())
              .findFirst()
              .orElse(null);
      if (copyApplied != null
          && all.stream()
              .anyMatch(
                  s ->
                      s.kind() == StepKind.APPLY
                          && s.component().equals("view")
                          && s.time() < copyApplied.time()
                          && seq.get(s.event()) > re.offset())) {
        overtaken++;
      }
    }
    assertTrue(
        movedToOther > redelivered.size() / 2,
        "a redelivery goes to the other consumer when it has room: " + movedToOther);
    assertTrue(overtaken > 0, "newer updates were applied before the redelivered older one");

    // the view's order of first applications is not the queue's order
    List<Long> applied = new java.util.ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (Step s : of(all, "view", StepKind.APPLY)) {
      if (seen.add(s.event())) {
        applied.add(seq.get(s.event()));
      }
    }
    assertNotEquals(applied.stream().sorted().toList(), applied);

    SimulationResult patient = run(spec(twoConsumers(", 'prefetch': 1, 'ackTimeout': '30s'", "")));
    assertEquals(0, patient.trace().count(StepKind.REDELIVER), "no timeout, no redelivery");
  }

  @Test
  void anAckedMessageIsDeletedAndEveryMessageIsAppliedAtLeastOnce() {
    SimulationResult r = run(spec(twoConsumers(", 'prefetch': 2, 'ackTimeout': '250ms'", "")));
    List<Step> all = steps(r);
    Set<Long> appended = new HashSet<>(seqOf(all, "q").keySet());
    Set<Long> applied = new HashSet<>();
    of(all, "view", StepKind.APPLY).forEach(s -> applied.add(s.event()));
    assertEquals(appended, applied);
    // sends per message: one, plus one per redelivery (acked messages are never sent again)
    Map<Long, Integer> sends = new HashMap<>();
    all.stream()
        .filter(s -> s.kind() == StepKind.SEND && s.component().equals("q"))
        .forEach(s -> sends.merge(s.event(), 1, Integer::sum));
    Map<Long, Integer> redeliveries = new HashMap<>();
    of(all, "q", StepKind.REDELIVER).forEach(s -> redeliveries.merge(s.event(), 1, Integer::sum));
    for (long e : appended) {
      assertEquals(1 + redeliveries.getOrDefault(e, 0), sends.get(e));
    }
  }

  /** A queue feeding a two-instance processor that crashes at 4 s and never comes back. */
  private static String crashingConsumer(String queue) {
    return "'seed': 5, 'duration': '8s', 'components': ["
        + "{'id': 'jobs', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 40}},"
        + "{'id': 'q', 'type': 'queue'"
        + queue
        + "},"
        + "{'id': 'worker-a', 'type': 'processor', 'parallelism': 2,"
        + " 'serviceTime': 'uniform(5ms,15ms)'},"
        + "{'id': 'worker-b', 'type': 'processor', 'serviceTime': 'uniform(5ms,15ms)'},"
        + "{'id': 'done', 'type': 'warehouse'}],"
        + "'connections': [{'from': 'jobs', 'to': 'q'},"
        + "{'from': 'q', 'to': 'worker-a'}, {'from': 'q', 'to': 'worker-b'},"
        + "{'from': 'worker-a', 'to': 'done'}, {'from': 'worker-b', 'to': 'done'}],"
        + "'faults': [{'type': 'crash', 'component': 'worker-a', 'at': '4s'}]";
  }

  @Test
  void aCrashedConsumersUnackedMessagesAreRedeliveredWhenItIsDetectedDown() {
    SimulationResult r = run(spec(crashingConsumer(", 'prefetch': 10")));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    List<Step> redelivered = of(all, "q", StepKind.REDELIVER);
    assertFalse(redelivered.isEmpty(), "worker-a held unacked messages when it crashed");
    long detected = 4_000_000L + QueueNode.HEARTBEAT_TIMEOUT_MICROS;
    assertEquals(detected, redelivered.get(0).time(), "taken back when the crash is noticed");
    for (Step s : redelivered) {
      assertTrue(s.time() >= detected);
      Step next =
          all.stream()
              .filter(x -> x.kind() == StepKind.SEND && x.component().equals("q"))
              .filter(x -> x.event() == s.event() && x.time() >= s.time())
              .findFirst()
              .orElseThrow();
      assertEquals("q -> worker-b", link(r, next), "redelivered to the live consumer");
    }
    Set<Long> applied = new HashSet<>();
    of(all, "done", StepKind.APPLY).forEach(s -> applied.add(s.event()));
    assertEquals(seqOf(all, "q").keySet(), applied, "nothing the queue took is lost");
    assertTrue(
        of(all, "worker-a", StepKind.DROP).size() > 0,
        "meanwhile the queue kept sending to the crashed consumer");
  }

  /** A queue filling up behind a slow consumer, crashing at 3 s and restarting at 3.5 s. */
  private static String crashingQueue(String durability) {
    return "'seed': 9, 'duration': '6s', 'components': ["
        + "{'id': 'jobs', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 40}},"
        + "{'id': 'q', 'type': 'queue', 'prefetch': 3, 'durability': '"
        + durability
        + "'},"
        + "{'id': 'worker', 'type': 'processor', 'serviceTime': 'uniform(10ms,20ms)'},"
        + "{'id': 'done', 'type': 'warehouse'}],"
        + "'connections': [{'from': 'jobs', 'to': 'q'}, {'from': 'q', 'to': 'worker'},"
        + "{'from': 'worker', 'to': 'done'}],"
        + "'faults': [{'type': 'crash', 'component': 'q', 'at': '3s', 'restartAfter': '500ms'}]";
  }

  @Test
  void anInMemoryQueueLosesItsMessagesInACrashAndAPersistentOneDoesNot() {
    SimulationResult memory = run(spec(crashingQueue("in-memory")));
    List<Step> all = steps(memory);
    List<Step> lost = queueDrops(memory, all);
    assertTrue(lost.size() > 20, "the backlog behind the slow worker is lost: " + lost.size());
    Set<Long> applied = new HashSet<>();
    of(all, "done", StepKind.APPLY).forEach(s -> applied.add(s.event()));
    for (Step s : lost) {
      assertEquals(3_000_000L, s.time());
      assertTrue(s.offset() >= 0, "each lost message is named by its sequence number");
    }
    long neverApplied = lost.stream().filter(s -> !applied.contains(s.event())).count();
    assertTrue(neverApplied > 20, "lost messages never reach the store: " + neverApplied);

    SimulationResult persistent = run(spec(crashingQueue("persistent")));
    List<Step> kept = steps(persistent);
    assertTrue(queueDrops(persistent, kept).isEmpty(), "a persistent queue keeps its messages");
    Set<Long> appliedKept = new HashSet<>();
    of(kept, "done", StepKind.APPLY).forEach(s -> appliedKept.add(s.event()));
    assertEquals(seqOf(kept, "q").keySet(), appliedKept);
    List<Step> redelivered = of(kept, "q", StepKind.REDELIVER);
    assertFalse(redelivered.isEmpty(), "messages out at the worker are delivered again");
    assertTrue(redelivered.stream().allMatch(s -> s.time() >= 3_500_000L), "after the restart");
  }

  /** The queue's own DROP steps (not those of links delivering to it while it is down). */
  private static List<Step> queueDrops(SimulationResult r, List<Step> all) {
    return of(all, "q", StepKind.DROP).stream().filter(s -> link(r, s) == null).toList();
  }

  /** A burst into a small queue before a slow consumer. */
  private static String bounded(String overflow) {
    return "'seed': 4, 'duration': '4s', 'components': ["
        + "{'id': 'jobs', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 40}},"
        + "{'id': 'q', 'type': 'queue', 'prefetch': 2, 'capacity': 10, 'overflow': '"
        + overflow
        + "'},"
        + "{'id': 'worker', 'type': 'processor', 'serviceTime': '20ms'},"
        + "{'id': 'done', 'type': 'warehouse'}],"
        + "'connections': [{'from': 'jobs', 'to': 'q'}, {'from': 'q', 'to': 'worker'},"
        + "{'from': 'worker', 'to': 'done'}]";
  }

  private static Set<Long> appliedAt(List<Step> all, String store) {
    Set<Long> applied = new HashSet<>();
    of(all, store, StepKind.APPLY).forEach(s -> applied.add(s.event()));
    return applied;
  }

  @Test
  void dropNewDropsTheArrivingMessage() {
    SimulationResult r = run(spec(bounded("drop-new")));
    List<Step> all = steps(r);
    List<Step> dropped = queueDrops(r, all);
    assertTrue(dropped.size() > 50, "half the load does not fit: " + dropped.size());
    Set<Long> appended = seqOf(all, "q").keySet();
    Set<Long> applied = appliedAt(all, "done");
    for (Step s : dropped) {
      assertEquals(TraceStep.NONE, s.offset(), "a new message is dropped before it is enqueued");
      assertFalse(appended.contains(s.event()));
      assertFalse(applied.contains(s.event()));
    }
    assertEquals(appended, applied);
    assertHeldAtMost(all, 10);
  }

  @Test
  void dropOldestDropsTheHeadOfTheQueue() {
    SimulationResult r = run(spec(bounded("drop-oldest")));
    List<Step> all = steps(r);
    List<Step> dropped = queueDrops(r, all);
    assertTrue(dropped.size() > 50, "half the load does not fit: " + dropped.size());
    Map<Long, Long> seq = seqOf(all, "q");
    Set<Long> applied = appliedAt(all, "done");
    Set<Long> sent = new HashSet<>();
    for (Step s : all) {
      if (s.kind() == StepKind.SEND && s.component().equals("q")) {
        sent.add(s.event());
      } else if (s.kind() == StepKind.DROP && s.component().equals("q")) {
        assertEquals(seq.get(s.event()), s.offset(), "an enqueued message is dropped");
        assertFalse(sent.contains(s.event()), "one still waiting, never one out at a consumer");
        assertFalse(applied.contains(s.event()));
      }
    }
    assertEquals(seq.size(), applied.size() + dropped.size());
    assertHeldAtMost(all, 10);
  }

  /**
   * Messages enqueued and not yet acked or dropped never exceed the capacity. The worker acks as it
   * sends its result, and the ack takes the link's 1 ms back to the queue.
   */
  private static void assertHeldAtMost(List<Step> all, int capacity) {
    List<long[]> changes = new java.util.ArrayList<>(); // time, order, delta
    for (Step s : all) {
      if (s.component().equals("q") && s.kind() == StepKind.APPEND) {
        changes.add(new long[] {s.time(), 1, +1});
      } else if (s.component().equals("q") && s.kind() == StepKind.DROP && s.offset() >= 0) {
        changes.add(new long[] {s.time(), 0, -1});
      } else if (s.component().equals("worker") && s.kind() == StepKind.SEND) {
        changes.add(new long[] {s.time() + 1_000, 0, -1});
      }
    }
    changes.sort(
        java.util.Comparator.<long[]>comparingLong(c -> c[0]).thenComparingLong(c -> c[1]));
    long held = 0;
    for (long[] c : changes) {
      held += c[2];
      assertTrue(held <= capacity, "held " + held + " at " + c[0]);
    }
  }

  @Test
  void backpressureMakesTheProducerOfferAgainAndLosesNothing() {
    SimulationResult r = run(spec(bounded("backpressure")));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    assertTrue(queueDrops(r, all).isEmpty(), "a full queue takes nothing, drops nothing");
    List<Step> refused = of(all, "q", StepKind.SKIP);
    assertTrue(refused.size() > 50, "offers made while full: " + refused.size());
    Set<Long> produced = new HashSet<>();
    of(all, "jobs", StepKind.PRODUCE).forEach(s -> produced.add(s.event()));
    assertEquals(produced, seqOf(all, "q").keySet(), "every event is eventually enqueued");
    assertEquals(produced, appliedAt(all, "done"));
    assertTrue(
        of(all, "jobs", StepKind.SEND).size() > produced.size(),
        "the producer offered refused events again");
    assertHeldAtMost(all, 10);
  }

  /** An event-sourcing service appends to its first output, here the queue. */
  @Test
  void aServiceAndAProcessorOfferRefusedWritesAgain() {
    String chain =
        "'seed': 6, 'duration': '3s', 'components': ["
            + "{'id': 'clients', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 40}},"
            + "{'id': 'api', 'type': 'service', 'writeStrategy': 'event-sourcing'},"
            + "{'id': 'q', 'type': 'queue', 'capacity': 5}, {'id': 'audit', 'type': 'topic'},"
            + "{'id': 'enrich', 'type': 'processor', 'serviceTime': '20ms'},"
            + "{'id': 'q2', 'type': 'queue', 'capacity': 5},"
            + "{'id': 'worker', 'type': 'processor', 'serviceTime': '40ms'},"
            + "{'id': 'done', 'type': 'warehouse'}],"
            + "'connections': [{'from': 'clients', 'to': 'api'}, {'from': 'api', 'to': 'q'},"
            + "{'from': 'api', 'to': 'audit'},"
            + "{'from': 'q', 'to': 'enrich'}, {'from': 'enrich', 'to': 'q2'},"
            + "{'from': 'q2', 'to': 'worker'}, {'from': 'worker', 'to': 'done'}]";
    SimulationResult r = run(spec(chain));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    assertTrue(of(all, "q", StepKind.SKIP).size() > 20, "the service met a full queue");
    assertTrue(of(all, "q2", StepKind.SKIP).size() > 20, "the processor met a full queue");
    assertTrue(of(all, "api", StepKind.DROP).isEmpty(), "a refused offer is not a failed write");
    Set<Long> produced = new HashSet<>();
    of(all, "clients", StepKind.PRODUCE).forEach(s -> produced.add(s.event()));
    assertEquals(produced, appliedAt(all, "done"), "nothing is lost on the way");
  }

  @Test
  void fanOutGivesEveryConsumerACopy() {
    String fanOut =
        "'seed': 2, 'duration': '3s', 'components': ["
            + "{'id': 'news', 'type': 'producer', 'rate': '50/s', 'keys': {'count': 10}},"
            + "{'id': 'q', 'type': 'queue', 'delivery': 'fan-out'},"
            + "{'id': 'mail', 'type': 'processor', 'parallelism': 2},"
            + "{'id': 'push', 'type': 'processor'},"
            + "{'id': 'mailed', 'type': 'warehouse'}, {'id': 'pushed', 'type': 'warehouse'}],"
            + "'connections': [{'from': 'news', 'to': 'q'},"
            + "{'from': 'q', 'to': 'mail'}, {'from': 'q', 'to': 'push'},"
            + "{'from': 'mail', 'to': 'mailed'}, {'from': 'push', 'to': 'pushed'}]";
    SimulationResult r = run(spec(fanOut));
    List<Step> all = steps(r);
    Set<Long> produced = new HashSet<>();
    of(all, "news", StepKind.PRODUCE).forEach(s -> produced.add(s.event()));
    assertEquals(produced, appliedAt(all, "mailed"));
    assertEquals(produced, appliedAt(all, "pushed"));
    List<Step> appends = of(all, "q", StepKind.APPEND);
    assertEquals(2 * produced.size(), appends.size(), "one copy per consuming link");
    assertEquals(
        Set.of(0, 1), new HashSet<>(appends.stream().map(Step::partition).toList()), "its queue");
  }

  @Test
  void theQueueRedeliveryExampleRunsAndDrains() throws Exception {
    for (String variant : List.of("broken", "fixed")) {
      Pipeline p =
          SpecReader.read(Path.of("..", "examples", "02-queue-redelivery." + variant + ".json"));
      SimulationResult r = run(p);
      assertTrue(r.drained(), variant);
      assertEquals(variant.equals("broken"), r.trace().count(StepKind.REDELIVER) > 0, variant);
      assertEquals(r.traceHash(), run(p).traceHash(), "same spec, same trace");
    }
  }
}
