package dev.flowsim.app.gui.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.Trace;
import dev.flowsim.simulator.trace.TraceCursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The playback model, headless: seeking anywhere equals a straight replay. */
class PlaybackModelTest {

  static Pipeline example(String prefix) throws Exception {
    Path dir = Path.of("../examples");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("examples");
    }
    try (var files = Files.list(dir)) {
      Path file =
          files
              .filter(p -> p.getFileName().toString().startsWith(prefix))
              .filter(p -> p.getFileName().toString().endsWith(".broken.json"))
              .findFirst()
              .orElseThrow();
      return SpecReader.read(file);
    }
  }

  static SimulationResult run(Pipeline p, long durationMicros, PlaybackModel.Recorder recorder)
      throws Exception {
    Simulation.Options o =
        Simulation.Options.of(p).withDuration(durationMicros).withTraceLimit(Trace.UNBOUNDED);
    if (recorder != null) {
      o = o.withListener(recorder);
    }
    return Simulation.run(p, o);
  }

  static long length(Pipeline p) {
    return Math.min(p.duration().micros(), 30_000_000L);
  }

  /** A fresh forward replay of every stored step at or before {@code t}. */
  static long[] straight(PlaybackModel m, long t) {
    StateLayout layout = m.layout();
    long[] s = layout.initial();
    TraceCursor c = m.result().trace().cursor();
    while (c.next() && c.timeMicros() <= t) {
      layout.apply(s, m.local(c.component()), c);
    }
    return s;
  }

  static List<Long> times(PlaybackModel m) {
    long end = m.endMicros();
    List<Long> ts = new ArrayList<>();
    for (long t : new long[] {0, 1, end / 7, end / 3, end / 2, 2 * end / 3, end - 1, end}) {
      ts.add(t);
    }
    // the exact times of a few steps, where same-time steps must all be included
    TraceCursor c = m.result().trace().cursor();
    long n = m.result().trace().stepCount();
    for (long i : new long[] {n / 5, n / 2, n - 2}) {
      ts.add(c.seek(i).timeMicros());
    }
    return ts;
  }

  @ParameterizedTest
  @ValueSource(strings = {"01-", "04-", "06-", "07-"})
  void seekingEqualsStraightReplay(String prefix) throws Exception {
    Pipeline p = example(prefix);
    SimulationResult r = run(p, length(p), null);
    PlaybackModel m = PlaybackModel.build(r);
    assertFalse(m.partial());
    assertTrue(r.trace().stepCount() > PlaybackModel.CHECKPOINT_EVERY, "several checkpoints");
    List<Long> ts = times(m);
    PlaybackModel.Seeker seeker = m.seeker();
    List<long[]> forward = new ArrayList<>();
    for (long t : ts) {
      long[] got = seeker.seek(t).clone();
      assertArrayEquals(straight(m, t), got, "state at t=" + t);
      forward.add(got);
    }
    // backward, then forward again: identical
    for (int i = ts.size() - 1; i >= 0; i--) {
      assertArrayEquals(forward.get(i), seeker.seek(ts.get(i)), "back to t=" + ts.get(i));
    }
    for (int i = 0; i < ts.size(); i++) {
      assertArrayEquals(forward.get(i), seeker.seek(ts.get(i)), "forward to t=" + ts.get(i));
    }
    // small forward moves (the incremental path) agree too
    PlaybackModel.Seeker playing = m.seeker();
    for (long t = 0; t < m.endMicros(); t += m.endMicros() / 97) {
      assertArrayEquals(straight(m, t), playing.seek(t), "playing at t=" + t);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"01-", "04-"})
  void streamedCheckpointsEqualBuiltOnes(String prefix) throws Exception {
    Pipeline p = example(prefix);
    PlaybackModel.Recorder recorder = new PlaybackModel.Recorder(p);
    SimulationResult r = run(p, length(p), recorder);
    PlaybackModel streamed = PlaybackModel.build(r, recorder, () -> false);
    PlaybackModel built = PlaybackModel.build(r);
    PlaybackModel.Seeker a = streamed.seeker();
    PlaybackModel.Seeker b = built.seeker();
    for (long t : times(built)) {
      assertArrayEquals(b.seek(t), a.seek(t), "t=" + t);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"04-"})
  void keepingLastWithStreamedCheckpointsIsExact(String prefix) throws Exception {
    Pipeline p = example(prefix);
    PlaybackModel full = PlaybackModel.build(run(p, length(p), null));
    PlaybackModel.Recorder recorder = new PlaybackModel.Recorder(p);
    Simulation.Options o =
        Simulation.Options.of(p)
            .withDuration(length(p))
            .withTraceLimit(full.result().trace().stepCount() / 3)
            .withListener(recorder);
    SimulationResult window = Simulation.run(p, o);
    assertTrue(window.trace().firstRetainedIndex() > 0, "the window dropped steps");
    PlaybackModel m = PlaybackModel.build(window, recorder, () -> false);
    assertFalse(m.partial());
    long start = m.startMicros();
    assertTrue(start > 0);
    PlaybackModel.Seeker a = m.seeker();
    PlaybackModel.Seeker b = full.seeker();
    for (long t = start; t <= m.endMicros(); t += (m.endMicros() - start) / 13 + 1) {
      assertArrayEquals(b.seek(t), a.seek(t), "t=" + t);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"01-", "04-"})
  void flightsMatchSendsAndArrivals(String prefix) throws Exception {
    Pipeline p = example(prefix);
    SimulationResult r = run(p, 5_000_000L, null);
    PlaybackModel m = PlaybackModel.build(r);
    Flights f = m.flights();
    assertEquals(r.trace().count(StepKind.SEND), countNotCopies(f, r), "one flight per SEND");
    // in flight at t: sends at or before t whose flight has not ended, computed by brute force
    for (long t = 0; t < r.endMicros(); t += r.endMicros() / 11) {
      int brute = 0;
      for (int i = 0; i < f.size(); i++) {
        if (f.start(i) <= t && t < f.end(i)) {
          brute++;
        }
      }
      assertEquals(brute, f.countAt(t), "in flight at t=" + t);
      long time = t;
      f.forEachAt(
          t,
          (id, x) -> {
            assertTrue(x >= 0 && x < 1, "fraction " + x);
            assertTrue(f.start(id) <= time && time < f.end(id));
          });
    }
    assertTrue(f.countAt(r.endMicros() / 2) > 0, "something in flight mid-run");
  }

  private static long countNotCopies(Flights f, SimulationResult r) {
    // duplicates (copies) exist only on links with duplication; these examples have none
    return f.size();
  }

  @ParameterizedTest
  @ValueSource(strings = {"01-"})
  void nextEventAfterFindsTheNextStep(String prefix) throws Exception {
    Pipeline p = example(prefix);
    SimulationResult r = run(p, 2_000_000L, null);
    PlaybackModel m = PlaybackModel.build(r);
    long t = r.endMicros() / 3;
    long next = m.nextEventAfter(t, -1, -1);
    assertTrue(next > t);
    TraceCursor c = r.trace().cursor();
    long expected = -1;
    while (c.next()) {
      if (c.timeMicros() > t) {
        expected = c.timeMicros();
        break;
      }
    }
    assertEquals(expected, next);
    int db = m.traceIndexOf("profiles-db");
    long nextDb = m.nextEventAfter(t, db, -1);
    assertTrue(nextDb >= next);
    c = r.trace().cursor();
    long expectedDb = -1;
    while (c.next()) {
      if (c.timeMicros() > t && c.component() == db) {
        expectedDb = c.timeMicros();
        break;
      }
    }
    assertEquals(expectedDb, nextDb);
  }
}
