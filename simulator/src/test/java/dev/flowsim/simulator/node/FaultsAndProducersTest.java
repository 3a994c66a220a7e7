package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Producer settings and the faults not covered elsewhere, each by its observable effect. */
class FaultsAndProducersTest {

  private static String chain(String producer, String extra) {
    return "'seed': 5, 'duration': '20s', 'components': ["
        + "{'id': 'p', 'type': 'producer'"
        + producer
        + "},"
        + "{'id': 't', 'type': 'topic'},"
        + "{'id': 'w', 'type': 'processor', 'serviceTime': '2ms'},"
        + "{'id': 'v', 'type': 'cache'}],"
        + "'connections': [{'from': 'p', 'to': 't'}, {'from': 't', 'to': 'w'},"
        + " {'from': 'w', 'to': 'v'}]"
        + extra;
  }

  private static long count(List<Step> steps, long from, long to) {
    return steps.stream().filter(s -> s.time() >= from && s.time() < to).count();
  }

  @Test
  void constantArrivalsAreEvenlySpacedAndALimitStopsTheProducer() {
    SimulationResult r =
        run(spec(chain(", 'rate': '50/s', 'arrivals': 'constant', 'limit': 300", "")));
    List<Step> produced = steps(r, "p", StepKind.PRODUCE);
    assertEquals(300, produced.size());
    for (int i = 1; i < produced.size(); i++) {
      assertEquals(20_000, produced.get(i).time() - produced.get(i - 1).time());
    }
  }

  @Test
  void zipfKeysConcentrateOnAFewAndFixedKeysAreTheOnesListed() {
    SimulationResult zipf =
        run(spec(chain(", 'rate': '500/s', 'keys': {'count': 100, 'distribution': 'zipf'}", "")));
    Map<String, Integer> hits = new HashMap<>();
    steps(zipf, "p", StepKind.PRODUCE).forEach(s -> hits.merge(s.key(), 1, Integer::sum));
    int total = hits.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(hits.get("key-0") > total / 10, "the hottest key takes a large share");
    assertTrue(hits.get("key-0") > 5 * hits.getOrDefault("key-50", 1));

    SimulationResult fixed =
        run(
            spec(
                chain(
                    ", 'keys': {'distribution': 'fixed', 'values': ['alice', 'bob', 'carol']}",
                    "")));
    assertTrue(
        steps(fixed, "p", StepKind.PRODUCE).stream()
            .allMatch(s -> List.of("alice", "bob", "carol").contains(s.key())));
  }

  @Test
  void aBurstMultipliesTheRateForItsDuration() {
    SimulationResult r =
        run(
            spec(
                chain(
                    ", 'rate': '100/s'",
                    ", 'faults': [{'type': 'burst', 'component': 'p', 'at': '5s', 'duration':"
                        + " '2s', 'factor': 10}]")));
    List<Step> produced = steps(r, "p", StepKind.PRODUCE);
    long before = count(produced, 2_000_000, 4_000_000);
    long during = count(produced, 5_000_000, 7_000_000);
    assertTrue(during > 6 * before, "about ten times the events: " + before + " then " + during);
  }

  @Test
  void aSlowFaultStretchesServiceTimesForItsDuration() {
    SimulationResult r =
        run(
            spec(
                chain(
                    ", 'rate': '20/s'",
                    ", 'faults': [{'type': 'slow', 'component': 'w', 'at': '5s', 'duration':"
                        + " '3s', 'factor': 20}]")));
    Map<Long, Long> consumedAt = new HashMap<>();
    steps(r, "w", StepKind.CONSUME).forEach(s -> consumedAt.put(s.event(), s.time()));
    List<Step> sent = steps(r, "w", StepKind.SEND);
    // the shortest time from taking an event to passing it on is its service time
    long normal = Long.MAX_VALUE;
    long slow = Long.MAX_VALUE;
    for (Step s : sent) {
      long took = s.time() - consumedAt.get(s.event());
      long started = consumedAt.get(s.event());
      if (s.time() < 4_000_000) {
        normal = Math.min(normal, took);
      } else if (started > 5_000_000 && s.time() < 8_000_000) {
        slow = Math.min(slow, took);
      }
    }
    assertEquals(2_000, normal, "2 ms per event normally");
    assertEquals(40_000, slow, "20 times slower during the fault");
  }

  @Test
  void aClockFaultShiftsEventTimesFromItsStart() {
    SimulationResult r =
        run(
            spec(
                chain(
                    "",
                    ", 'faults': [{'type': 'clock', 'component': 'p', 'at': '10s', 'skew':"
                        + " '-3s'}]")));
    for (Step s : steps(r, "p", StepKind.PRODUCE)) {
      assertEquals(s.time() < 10_000_000 ? 0 : -3_000_000, s.clock() - s.time());
    }
  }

  @Test
  void anOfflineProducerBuffersAndSendsEverythingWhenItReconnects() {
    SimulationResult r =
        run(
            spec(
                chain(
                    ", 'rate': '50/s'",
                    ", 'faults': [{'type': 'offline', 'component': 'p', 'at': '5s', 'duration':"
                        + " '4s'}]")));
    List<Step> sent = steps(r, "p", StepKind.SEND);
    assertEquals(0, count(sent, 5_000_001, 9_000_000), "nothing leaves while offline");
    long produced = count(steps(r, "p", StepKind.PRODUCE), 5_000_000, 9_000_000);
    assertTrue(produced > 150, "it keeps producing");
    assertEquals(produced, count(sent, 9_000_000, 9_000_001), "all of it goes at reconnection");
  }

  @Test
  void aRetentionShrinkDeletesWhatNoLongerFits() {
    SimulationResult r =
        run(
            spec(
                chain(
                    ", 'rate': '100/s'",
                    ", 'faults': [{'type': 'retention-shrink', 'component': 't', 'at': '10s',"
                        + " 'retention': {'count': 50}}]")));
    List<Step> expired = steps(r, "t", StepKind.EXPIRE);
    assertEquals(0, count(expired, 0, 10_000_000), "nothing expires before the shrink");
    assertTrue(count(expired, 10_000_000, 10_000_001) > 800, "the backlog beyond 50 goes at once");
  }

  @Test
  void anEventSourcingServiceAppendsToItsLogAndViewsDeriveFromIt() {
    SimulationResult r =
        run(
            spec(
                "'seed': 9, 'duration': '10s', 'components': ["
                    + "{'id': 'users', 'type': 'producer', 'rate': '100/s'},"
                    + "{'id': 'app', 'type': 'service', 'writeStrategy': 'event-sourcing'},"
                    + "{'id': 'log', 'type': 'topic', 'partitions': 2},"
                    + "{'id': 'view', 'type': 'materialized-view'}],"
                    + "'connections': [{'from': 'users', 'to': 'app'}, {'from': 'app', 'to':"
                    + " 'log'}, {'from': 'log', 'to': 'view'}]"));
    long produced = steps(r, "users", StepKind.PRODUCE).size();
    assertEquals(produced, steps(r, "log", StepKind.APPEND).size(), "every request is appended");
    assertEquals(produced, steps(r, "view", StepKind.APPLY).size(), "and applied to the view");
    assertEquals(produced, steps(r, "app", StepKind.ACK).size(), "after the append, acknowledged");
  }
}
