package dev.flowsim.simulator.engine;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.counts;
import static dev.flowsim.simulator.TraceFacts.of;
import static dev.flowsim.simulator.TraceFacts.onLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.TraceFacts;
import dev.flowsim.simulator.trace.StepKind;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Links as schedulers of deliveries, observed in the trace: order, loss, duplication and network
 * partitions. Every SEND, DELIVER and DROP step names its link (old value = the link's index in the
 * component table), so each link's steps can be told apart.
 */
class LinkTest {

  /** Two producers into two topics over equally jittery links, one FIFO and one not. */
  private static final String ORDER =
      "'seed': 11, 'duration': '10s', 'components': ["
          + "{'id': 'a', 'type': 'producer', 'rate': '500/s', 'keys': {'count': 20}},"
          + "{'id': 'b', 'type': 'producer', 'rate': '500/s', 'keys': {'count': 20}},"
          + "{'id': 'ta', 'type': 'topic'}, {'id': 'tb', 'type': 'topic'}],"
          + "'connections': ["
          + "{'from': 'a', 'to': 'ta', 'latency': 'uniform(1ms,30ms)', 'fifo': true},"
          + "{'from': 'b', 'to': 'tb', 'latency': 'uniform(1ms,30ms)', 'fifo': false}]";

  private static List<Long> events(List<Step> steps, StepKind kind) {
    return steps.stream().filter(s -> s.kind() == kind).map(Step::event).toList();
  }

  @Test
  void aFifoLinkNeverReordersAndAJitteryOneDoes() {
    SimulationResult r = run(spec(ORDER));
    List<Step> all = steps(r);
    List<Step> fifo = onLink(r, all, "a -> ta");
    List<Step> jittery = onLink(r, all, "b -> tb");
    assertTrue(events(fifo, StepKind.SEND).size() > 4000);
    assertEquals(events(fifo, StepKind.SEND), events(fifo, StepKind.DELIVER));
    assertEquals(
        events(fifo, StepKind.DELIVER),
        events(of(all, "ta", StepKind.APPEND), StepKind.APPEND),
        "the topic appends in arrival order");

    List<Long> sent = events(jittery, StepKind.SEND);
    List<Long> delivered = events(jittery, StepKind.DELIVER);
    assertEquals(Set.copyOf(sent), Set.copyOf(delivered), "reordered, not lost");
    assertNotEquals(sent, delivered);
    long overtaken = 0;
    for (int i = 1; i < delivered.size(); i++) {
      if (delivered.get(i) < delivered.get(i - 1)) {
        overtaken++;
      }
    }
    assertTrue(overtaken > 500, "jitter of 29 ms at 2 ms gaps reorders often: " + overtaken);
  }

  private static final String LOSSY =
      "'seed': 5, 'duration': '10s', 'components': ["
          + "{'id': 'a', 'type': 'producer', 'rate': '500/s', 'keys': {'count': 20}},"
          + "{'id': 'b', 'type': 'producer', 'rate': '500/s', 'keys': {'count': 20}},"
          + "{'id': 'ta', 'type': 'topic'}, {'id': 'tb', 'type': 'topic'}],"
          + "'connections': ["
          + "{'from': 'a', 'to': 'ta', 'latency': 'uniform(1ms,5ms)', 'loss': 0.2},"
          + "{'from': 'b', 'to': 'tb', 'latency': 'uniform(1ms,5ms)', 'duplication': 0.1}]";

  @Test
  void lossDropsAboutTheConfiguredFractionAndDuplicationDeliversSomeMessagesTwice() {
    SimulationResult r = run(spec(LOSSY));
    List<Step> all = steps(r);

    List<Step> lossy = onLink(r, all, "a -> ta");
    List<Long> sent = events(lossy, StepKind.SEND);
    List<Long> dropped = events(lossy, StepKind.DROP);
    List<Long> delivered = events(lossy, StepKind.DELIVER);
    double fraction = dropped.size() / (double) sent.size();
    assertTrue(fraction > 0.18 && fraction < 0.22, "dropped " + fraction + " of the messages");
    Set<Long> outcome = new HashSet<>(dropped);
    for (long e : delivered) {
      assertTrue(outcome.add(e), "a message is delivered or dropped, once: " + e);
    }
    assertEquals(Set.copyOf(sent), outcome, "every message sent is delivered or dropped");
    for (Step d : lossy) {
      if (d.kind() == StepKind.DROP) {
        assertEquals("a", d.component(), "loss is decided when the message is sent");
      }
    }
    assertEquals(
        delivered,
        events(of(all, "ta", StepKind.APPEND), StepKind.APPEND),
        "only what arrives is appended");

    List<Step> duplicating = onLink(r, all, "b -> tb");
    List<Long> sentB = events(duplicating, StepKind.SEND);
    Map<Long, Integer> deliveries = counts(events(duplicating, StepKind.DELIVER));
    long twice = deliveries.values().stream().filter(n -> n == 2).count();
    assertEquals(sentB.size(), deliveries.size(), "every message arrives");
    assertTrue(deliveries.values().stream().allMatch(n -> n <= 2), "at most one copy");
    double copies = twice / (double) sentB.size();
    assertTrue(copies > 0.08 && copies < 0.12, "duplicated " + copies + " of the messages");
    assertEquals(
        sentB.size() + twice,
        of(all, "tb", StepKind.APPEND).size(),
        "the broker cannot tell a copy from the original: it appends both");
    assertTrue(of(all, "tb", StepKind.DROP).isEmpty());
  }

  /**
   * A client with retries writes a database over a 50-100 ms link; a partition cuts the link from 3
   * s to 4 s. Write acks travel back over the same link.
   */
  private static String partitioned(String partition) {
    return "'seed': 3, 'duration': '8s', 'components': ["
        + "{'id': 'client', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 50},"
        + " 'retry': {'timeout': '300ms', 'maxAttempts': 10}},"
        + "{'id': 'db', 'type': 'database', 'writeLatency': 'const(1ms)'}],"
        + "'connections': [{'from': 'client', 'to': 'db', 'latency': 'uniform(50ms,100ms)'}],"
        + "'faults': ["
        + partition
        + "]";
  }

  private static final long CUT = 3_000_000L;
  private static final long HEAL = 4_000_000L;

  @Test
  void aTwoWayPartitionDropsBothWaysDuringTheIntervalAndNothingOutsideIt() {
    SimulationResult r =
        run(
            spec(
                partitioned(
                    "{'type': 'partition', 'from': 'client', 'to': 'db', 'at': '3s',"
                        + " 'duration': '1s'}")));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    List<Step> cuts = of(all, "client -> db", StepKind.CUT);
    List<Step> heals = of(all, "client -> db", StepKind.HEAL);
    assertEquals(1, cuts.size());
    assertEquals(CUT, cuts.get(0).time());
    assertEquals(3, cuts.get(0).offset(), "both directions");
    assertEquals(HEAL, heals.get(0).time());
    assertEquals(3, heals.get(0).offset());

    List<Step> link = onLink(r, all, "client -> db");
    for (int i = 0; i < link.size(); i++) {
      Step s = link.get(i);
      boolean during = s.time() >= CUT && s.time() < HEAL;
      if (s.kind() == StepKind.DROP) {
        assertTrue(during, "a drop outside the partition: " + s);
      }
      if (s.kind() == StepKind.SEND && during) {
        Step next = link.get(i + 1);
        assertEquals(StepKind.DROP, next.kind(), "a write sent during the partition is lost");
        assertEquals(s.event(), next.event());
        assertEquals("client", next.component());
      }
      if (s.kind() == StepKind.DELIVER) {
        assertFalse(during, "a delivery during the partition: " + s);
      }
    }
    assertTrue(of(all, "db", StepKind.DROP).size() > 5, "writes in flight at the cut are lost");

    // acks: writes applied shortly before the cut were acknowledged into the partition, so the
    // client never heard of them and sent them again; the database applied them twice
    Map<Long, Integer> applied =
        counts(of(all, "db", StepKind.APPLY).stream().map(Step::event).toList());
    Set<Long> ackedIntoTheCut = new HashSet<>();
    for (Step ack : of(all, "db", StepKind.ACK)) {
      if (ack.time() >= CUT - 50_000 && ack.time() < CUT) {
        ackedIntoTheCut.add(ack.event());
      }
    }
    assertTrue(
        ackedIntoTheCut.size() >= 5, "acks sent 50 ms or less before the cut: " + ackedIntoTheCut);
    for (long e : ackedIntoTheCut) {
      assertEquals(2, applied.get(e), "the ack of " + e + " was lost, the client retried");
    }
    // nothing else is retried, and only retried writes are applied twice
    Set<Long> retried = retriedEvents(all);
    applied.forEach((e, n) -> assertTrue(n == 1 || retried.contains(e)));
    for (long e : retried) {
      Step first = firstSend(all, e);
      assertTrue(
          first.time() >= CUT - 400_000 && first.time() < HEAL,
          "only writes around the partition are retried: " + first);
    }
  }

  @Test
  void aOneWayPartitionDropsOnlyTheNamedDirection() {
    SimulationResult r =
        run(
            spec(
                partitioned(
                    "{'type': 'partition', 'from': 'client', 'to': 'db', 'at': '3s',"
                        + " 'duration': '1s', 'oneWay': true}")));
    List<Step> all = steps(r);
    assertEquals(1, of(all, "client -> db", StepKind.CUT).get(0).offset(), "forward only");
    assertTrue(onLink(r, all, "client -> db").stream().anyMatch(s -> s.kind() == StepKind.DROP));
    // writes are lost, acks are not: the client retries only writes that never arrived, so the
    // database applies every write once
    Map<Long, Integer> applied =
        counts(of(all, "db", StepKind.APPLY).stream().map(Step::event).toList());
    assertTrue(applied.values().stream().allMatch(n -> n == 1), "no ack was lost");
    assertFalse(retriedEvents(all).isEmpty(), "lost writes are retried");
    assertEquals(of(all, "client", StepKind.PRODUCE).size(), applied.size(), "and all arrive");
  }

  /**
   * Acks lost, writes delivered: the reverse direction of the link cut alone. The spec validator
   * only accepts a one-way partition along a connection, so the world is run unvalidated.
   */
  @Test
  void aOneWayPartitionOfTheRepliesLosesAcksButNoWrite() {
    SimulationResult r =
        TraceFacts.runUnchecked(
            spec(
                partitioned(
                    "{'type': 'partition', 'from': 'db', 'to': 'client', 'at': '3s',"
                        + " 'duration': '1s', 'oneWay': true}")),
            3);
    List<Step> all = steps(r);
    assertTrue(r.drained());
    assertEquals(2, of(all, "client -> db", StepKind.CUT).get(0).offset(), "backward only");
    assertTrue(
        onLink(r, all, "client -> db").stream().noneMatch(s -> s.kind() == StepKind.DROP),
        "every write arrives");
    Map<Long, Integer> applied =
        counts(of(all, "db", StepKind.APPLY).stream().map(Step::event).toList());
    long twice = applied.values().stream().filter(n -> n > 1).count();
    assertTrue(twice > 50, "writes whose acks were lost are retried and applied again: " + twice);
  }

  private static Set<Long> retriedEvents(List<Step> all) {
    Map<Long, Integer> sends =
        counts(of(all, "client", StepKind.SEND).stream().map(Step::event).toList());
    Set<Long> retried = new HashSet<>();
    sends.forEach(
        (e, n) -> {
          if (n > 1) {
            retried.add(e);
          }
        });
    return retried;
  }

  private static Step firstSend(List<Step> all, long event) {
    return of(all, "client", StepKind.SEND).stream()
        .filter(s -> s.event() == event)
        .findFirst()
        .orElseThrow();
  }
}
