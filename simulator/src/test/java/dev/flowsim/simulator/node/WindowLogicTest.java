package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Duration;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class WindowLogicTest {

  /**
   * Page views from {@code producers} (JSON objects without the closing brace) through a keyed
   * topic into a two-instance window processor with {@code operator}, and on into a warehouse.
   */
  private static String pipeline(List<String> producers, String operator, String faults) {
    StringBuilder b = new StringBuilder("'seed': 21, 'duration': '10s', 'components': [");
    StringBuilder links = new StringBuilder("'connections': [");
    for (String p : producers) {
      b.append(p).append(", 'keys': {'count': 6, 'prefix': 'page'}},");
      String id = p.substring(p.indexOf("'id': '") + 7, p.indexOf("',"));
      links
          .append("{'from': '")
          .append(id)
          .append("', 'to': 'views', 'latency': 'uniform(1ms,20ms)', 'fifo': false},");
    }
    b.append("{'id': 'views', 'type': 'topic', 'partitions': 2},");
    b.append("{'id': 'counts', 'type': 'processor', 'parallelism': 2, 'serviceTime': '200us',");
    b.append(" 'operator': {'type': 'window', ").append(operator).append("}},");
    b.append("{'id': 'table', 'type': 'warehouse'}],");
    links.append("{'from': 'views', 'to': 'counts'}, {'from': 'counts', 'to': 'table'}]");
    return b + links.toString() + faults;
  }

  private static final String WEB = "{'id': 'web', 'type': 'producer', 'rate': '150/s'";

  /** The events a window truly holds: those of its key with an event time in [start, end). */
  private static long truth(List<Step> produced, String key, long start, long end) {
    return produced.stream()
        .filter(s -> s.key().equals(key) && s.clock() >= start && s.clock() < end)
        .count();
  }

  private static List<Step> produced(List<Step> all) {
    return all.stream().filter(s -> s.kind() == StepKind.PRODUCE).toList();
  }

  /** The last emission of each window, by (key, start). */
  private static Map<String, Step> lastEmissions(List<Step> all) {
    Map<String, Step> last = new LinkedHashMap<>();
    for (Step s : of(all, "counts", StepKind.WINDOW_EMIT)) {
      last.put(s.key() + "@" + s.offset(), s);
    }
    return last;
  }

  /**
   * Every window was emitted once, on time, with the true count, and the warehouse holds it under
   * the window's own row.
   */
  private static void assertExact(SimulationResult r) {
    List<Step> all = steps(r);
    assertTrue(r.drained());
    assertEquals(0, r.trace().count(StepKind.LATE));
    List<Step> produced = produced(all);
    List<Step> emitted = of(all, "counts", StepKind.WINDOW_EMIT);
    assertFalse(emitted.isEmpty());
    Set<String> windows = new HashSet<>();
    Map<String, Long> rows = new HashMap<>();
    for (Step s : of(all, "table", StepKind.APPLY)) {
      rows.put(s.key(), s.value());
    }
    for (Step w : emitted) {
      assertTrue(windows.add(w.key() + "@" + w.offset()), "each window is emitted once");
      assertEquals(TraceStep.NO_VALUE, w.oldValue(), "no correction");
      long end = w.clock() + 1;
      assertEquals(truth(produced, w.key(), w.offset(), end), w.value(), w.toString());
      assertEquals(w.value(), rows.get(w.key() + "@" + Duration.ofMicros(w.offset())));
    }
  }

  @Test
  void tumblingWindowsCountExactlyTheirEventsWhenNothingIsLate() {
    SimulationResult r =
        run(spec(pipeline(List.of(WEB), "'size': '1s', 'watermarkDelay': '100ms'", "")));
    assertExact(r);
    List<Step> all = steps(r);
    List<Step> produced = produced(all);
    // and every (key, window) with events was emitted
    Set<String> expected = new HashSet<>();
    for (Step p : produced) {
      expected.add(p.key() + "@" + Math.floorDiv(p.clock(), 1_000_000L) * 1_000_000L);
    }
    assertEquals(expected, lastEmissions(all).keySet());
    for (Step w : of(all, "counts", StepKind.WINDOW_EMIT)) {
      assertEquals(999_999L, w.clock() - w.offset(), "[start, start + 1s)");
    }
  }

  @Test
  void hoppingWindowsOverlap() {
    SimulationResult r =
        run(
            spec(
                pipeline(
                    List.of(WEB),
                    "'window': 'hopping', 'size': '1s', 'advance': '250ms',"
                        + " 'watermarkDelay': '100ms'",
                    "")));
    assertExact(r);
    List<Step> all = steps(r);
    long sum = of(all, "counts", StepKind.WINDOW_EMIT).stream().mapToLong(Step::value).sum();
    assertEquals(4 * produced(all).size(), sum, "each event counts in size / advance windows");
  }

  @Test
  void slidingWindowsEndAtEachEvent() {
    SimulationResult r =
        run(
            spec(
                pipeline(
                    List.of(WEB),
                    "'window': 'sliding', 'size': '500ms', 'watermarkDelay': '100ms'",
                    "")));
    assertExact(r);
    List<Step> all = steps(r);
    Set<String> ends = new HashSet<>();
    for (Step w : of(all, "counts", StepKind.WINDOW_EMIT)) {
      ends.add(w.key() + "@" + w.clock());
    }
    Set<String> eventTimes = new HashSet<>();
    for (Step p : produced(all)) {
      eventTimes.add(p.key() + "@" + p.clock());
    }
    assertEquals(eventTimes, ends, "one window per distinct event time, ending with it");
  }

  @Test
  void sessionWindowsGroupEventsWithinTheGap() {
    SimulationResult r =
        run(
            spec(
                pipeline(
                    List.of(
                        "{'id': 'web', 'type': 'producer', 'rate': '10/s', 'arrivals': 'poisson'"),
                    "'window': 'session', 'gap': '300ms', 'watermarkDelay': '100ms'",
                    "")));
    assertExact(r);
    List<Step> all = steps(r);
    // the true sessions: a key's events split where the gap between two is 300 ms or more
    Map<String, List<Long>> times = new TreeMap<>();
    for (Step p : produced(all)) {
      times.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.clock());
    }
    Set<String> sessions = new HashSet<>();
    times.forEach(
        (key, ts) -> {
          ts.sort(null);
          long start = ts.get(0);
          for (int i = 1; i <= ts.size(); i++) {
            if (i == ts.size() || ts.get(i) - ts.get(i - 1) >= 300_000L) {
              sessions.add(key + "@" + start + ".." + (ts.get(i - 1) + 300_000L));
              if (i < ts.size()) {
                start = ts.get(i);
              }
            }
          }
        });
    Set<String> emitted = new HashSet<>();
    for (Step w : of(all, "counts", StepKind.WINDOW_EMIT)) {
      emitted.add(w.key() + "@" + w.offset() + ".." + (w.clock() + 1));
    }
    assertEquals(sessions, emitted);
  }

  private static final String SKEWED =
      "{'id': 'mobile', 'type': 'producer', 'rate': '100/s', 'clock': {'skew': '-1500ms'}";

  @Test
  void aSkewedProducersEventsAreLateBehindAWatermarkWithoutDelay() {
    SimulationResult r = run(spec(pipeline(List.of(WEB, SKEWED), "'size': '1s'", "")));
    List<Step> all = steps(r);
    List<Step> late = of(all, "counts", StepKind.LATE);
    assertTrue(late.size() > 100, "mobile events stamped 1.5 s behind: " + late.size());
    Map<Long, Step> producedById = new HashMap<>();
    produced(all).forEach(p -> producedById.put(p.event(), p));
    for (Step s : late) {
      assertTrue(s.clock() < s.value(), "the event time is behind the watermark");
      assertEquals(producedById.get(s.event()).clock(), s.clock(), "clock = event time");
      assertTrue(s.offset() + 1_000_000L <= s.value(), "its window had closed");
    }
    // dropped: a late event counts nowhere, so the windows hold the rest exactly
    assertEquals(late.size(), of(all, "counts", StepKind.SKIP).size());
    long counted = lastEmissions(all).values().stream().mapToLong(Step::value).sum();
    assertEquals(produced(all).size() - late.size(), counted);

    SimulationResult patient =
        run(spec(pipeline(List.of(WEB, SKEWED), "'size': '1s', 'watermarkDelay': '2s'", "")));
    assertExact(patient);
  }

  private static final String OFFLINE =
      ", 'faults': [{'type': 'offline', 'component': 'mobile', 'at': '3s', 'duration': '2s'}]";

  private static final String MOBILE = "{'id': 'mobile', 'type': 'producer', 'rate': '100/s'";

  @Test
  void anOfflineProducersBufferedEventsAreLateUnlessTheWatermarkWaitsLongEnough() {
    SimulationResult r = run(spec(pipeline(List.of(WEB, MOBILE), "'size': '1s'", OFFLINE)));
    List<Step> late = of(steps(r), "counts", StepKind.LATE);
    long burst =
        late.stream()
            .filter(s -> s.time() >= 5_000_000L)
            .filter(s -> s.clock() >= 3_000_000L && s.clock() < 5_000_000L)
            .count();
    assertTrue(burst > 100, "the burst stamped offline arrives behind the watermark: " + burst);
    assertTrue(burst > late.size() * 9 / 10, "(the rest: jitter around window ends)");
    SimulationResult patient =
        run(
            spec(
                pipeline(
                    List.of(WEB, MOBILE), "'size': '1s', 'watermarkDelay': '2500ms'", OFFLINE)));
    assertExact(patient);
  }

  @Test
  void corrections() {
    SimulationResult r =
        run(
            spec(
                pipeline(
                    List.of(WEB, MOBILE),
                    "'size': '1s', 'allowedLateness': '10s', 'latePolicy': 'correction'",
                    OFFLINE)));
    List<Step> all = steps(r);
    List<Step> late = of(all, "counts", StepKind.LATE);
    assertTrue(late.size() > 100);
    assertTrue(of(all, "counts", StepKind.SKIP).isEmpty(), "every late event corrects");
    List<Step> corrections =
        of(all, "counts", StepKind.WINDOW_EMIT).stream()
            .filter(s -> s.oldValue() != TraceStep.NO_VALUE)
            .toList();
    assertEquals(late.size(), corrections.size(), "one re-emission per late event");
    for (Step c : corrections) {
      assertEquals(c.oldValue() + 1, c.value(), "the window's count grew by the late event");
    }
    List<Step> produced = produced(all);
    Map<String, Long> rows = new HashMap<>();
    for (Step s : of(all, "table", StepKind.APPLY)) {
      rows.put(s.key(), s.value());
    }
    for (Step w : lastEmissions(all).values()) {
      long truth = truth(produced, w.key(), w.offset(), w.clock() + 1);
      assertEquals(truth, w.value(), "corrected to the truth");
      assertEquals(truth, rows.get(w.key() + "@" + Duration.ofMicros(w.offset())));
    }

    // without allowed lateness the windows are forgotten when they fire: too late to correct
    SimulationResult strict =
        run(
            spec(
                pipeline(
                    List.of(WEB, MOBILE), "'size': '1s', 'latePolicy': 'correction'", OFFLINE)));
    List<Step> strictSteps = steps(strict);
    assertEquals(
        of(strictSteps, "counts", StepKind.LATE).size(),
        of(strictSteps, "counts", StepKind.SKIP).size());
    assertTrue(
        of(strictSteps, "counts", StepKind.WINDOW_EMIT).stream()
            .allMatch(s -> s.oldValue() == TraceStep.NO_VALUE));
  }

  @Test
  void sideOutputPassesLateEventsOnAsThemselves() {
    SimulationResult r =
        run(
            spec(
                pipeline(
                    List.of(WEB, MOBILE), "'size': '1s', 'latePolicy': 'side-output'", OFFLINE)));
    List<Step> all = steps(r);
    List<Step> late = of(all, "counts", StepKind.LATE);
    assertTrue(late.size() > 100);
    assertTrue(of(all, "counts", StepKind.SKIP).isEmpty());
    Map<Long, Step> applied = new HashMap<>();
    of(all, "table", StepKind.APPLY).forEach(s -> applied.put(s.event(), s));
    for (Step s : late) {
      Step a = applied.get(s.event());
      assertEquals(s.key(), a.key(), "the late event itself, under its own key");
    }
  }

  @Test
  void processingTimeWindowsCloseOnTheirTimer() {
    SimulationResult r =
        run(spec(pipeline(List.of(WEB, SKEWED), "'size': '500ms', 'time': 'processing'", OFFLINE)));
    List<Step> all = steps(r);
    assertEquals(0, r.trace().count(StepKind.LATE), "nothing is late by processing time");
    List<Step> emitted = of(all, "counts", StepKind.WINDOW_EMIT);
    long onTimer = emitted.stream().filter(w -> w.time() == w.clock() + 1).count();
    assertTrue(onTimer >= emitted.size() - 12, "all but the final flush fire at their end");
    long counted = emitted.stream().mapToLong(Step::value).sum();
    assertEquals(of(all, "counts", StepKind.CONSUME).size(), counted);
  }

  @Test
  void openWindowsAreFlushedAtTheEndOfInput() {
    SimulationResult r =
        run(spec(pipeline(List.of(WEB), "'size': '1h', 'watermarkDelay': '100ms'", "")));
    assertExact(r);
    List<Step> emitted = of(steps(r), "counts", StepKind.WINDOW_EMIT);
    assertEquals(6, emitted.size(), "one window per key, emitted when the input ended");
    assertTrue(emitted.stream().allMatch(w -> w.time() > 10_000_000L));
  }

  @Test
  void theLateEventsExampleRunsAndTheFixedVariantCorrectsToTheTruth() throws Exception {
    Pipeline broken = SpecReader.read(Path.of("..", "examples", "08-late-events.broken.json"));
    SimulationResult b = run(broken);
    assertTrue(b.drained());
    assertTrue(b.trace().count(StepKind.LATE) > 0);
    assertEquals(b.trace().count(StepKind.LATE), b.trace().count(StepKind.SKIP));

    Pipeline fixed = SpecReader.read(Path.of("..", "examples", "08-late-events.fixed.json"));
    SimulationResult f = run(fixed);
    assertTrue(f.drained());
    List<Step> all = steps(f);
    assertTrue(f.trace().count(StepKind.LATE) > 0, "the offline burst is still late");
    assertTrue(b.trace().count(StepKind.LATE) > 5 * f.trace().count(StepKind.LATE));
    List<Step> produced = produced(all);
    Map<String, Step> last = new LinkedHashMap<>();
    for (Step s : of(all, "views-per-10s", StepKind.WINDOW_EMIT)) {
      last.put(s.key() + "@" + s.offset(), s);
    }
    for (Step w : last.values()) {
      assertEquals(truth(produced, w.key(), w.offset(), w.clock() + 1), w.value(), w.toString());
    }
    assertEquals(f.traceHash(), run(fixed).traceHash(), "same spec, same trace");
  }
}
