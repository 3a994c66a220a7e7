package dev.flowsim.simulator.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceTest {

  private static final List<long[]> STEPS = Steps.random(2024, 10_000);

  private static Trace recordAll(Trace trace) {
    for (long[] row : STEPS) {
      Steps.record(trace, row);
    }
    return trace;
  }

  @Test
  void storedStepsReadBackFieldForField() {
    Trace trace = recordAll(Trace.unbounded());

    TraceCursor cursor = trace.cursor();
    int i = 0;
    while (cursor.next()) {
      assertEquals(i, cursor.index());
      assertArrayEquals(STEPS.get(i), Steps.row(cursor), "step " + i);
      i++;
    }
    assertEquals(STEPS.size(), i);
    assertArrayEquals(STEPS.get(4_321), Steps.row(trace.cursor().seek(4_321)));
    assertEquals(10_000, trace.retainedCount());
  }

  @Test
  void listenersSeeEveryStepAsItIsRecorded() {
    Trace trace = Trace.streamingOnly();
    List<long[]> seen = new ArrayList<>();
    List<TraceStep> views = new ArrayList<>();
    trace.addListener(
        step -> {
          assertEquals(seen.size(), step.index());
          seen.add(Steps.row(step));
          views.add(step);
        });

    recordAll(trace);

    assertEquals(STEPS.size(), seen.size());
    for (int i = 0; i < STEPS.size(); i++) {
      assertArrayEquals(STEPS.get(i), seen.get(i));
    }
    assertSame(views.get(0), views.get(9_999), "the view is a reused flyweight");
  }

  @Test
  void aRemovedListenerHearsNothingMore() {
    Trace trace = Trace.streamingOnly();
    int[] heard = new int[1];
    TraceListener listener = step -> heard[0]++;
    trace.addListener(listener);
    Steps.record(trace, STEPS.get(0));
    assertTrue(trace.removeListener(listener));
    assertFalse(trace.removeListener(listener));
    Steps.record(trace, STEPS.get(1));

    assertEquals(1, heard[0]);
  }

  @Test
  void streamingOnlyStoresNothingButCountsAndHashesEverything() {
    Trace streaming = recordAll(Trace.streamingOnly());
    Trace stored = recordAll(Trace.unbounded());

    assertEquals(10_000, streaming.stepCount());
    assertEquals(0, streaming.retainedCount());
    assertEquals(10_000, streaming.firstRetainedIndex());
    assertFalse(streaming.cursor().next());
    assertThrows(IndexOutOfBoundsException.class, () -> streaming.cursor().seek(0));
    assertEquals(stored.hashHex(), streaming.hashHex());
  }

  @Test
  void aBoundedTraceKeepsExactlyTheLastStepsAndExactCounts() {
    Trace window = recordAll(Trace.keepingLast(1_000));

    assertEquals(10_000, window.stepCount());
    assertEquals(1_000, window.retainedCount());
    assertEquals(9_000, window.firstRetainedIndex());
    TraceCursor cursor = window.cursor();
    for (int i = 9_000; i < 10_000; i++) {
      assertTrue(cursor.next());
      assertEquals(i, cursor.index());
      assertArrayEquals(STEPS.get(i), Steps.row(cursor));
    }
    assertFalse(cursor.next());
    assertThrows(IndexOutOfBoundsException.class, () -> window.cursor().seek(8_999));

    Map<StepKind, Long> expected = new EnumMap<>(StepKind.class);
    for (long[] row : STEPS) {
      expected.merge(StepKind.fromCode((int) row[2]), 1L, Long::sum);
    }
    for (StepKind kind : StepKind.values()) {
      assertEquals(expected.getOrDefault(kind, 0L), window.count(kind), kind.name());
    }
    assertEquals(recordAll(Trace.unbounded()).hash(), window.hash());
  }

  @Test
  void aCursorOnAStepThatDropsOutFailsInsteadOfReadingOtherData() {
    Trace window = new Trace(5, 2); // chunks of 4 steps
    for (int i = 0; i < 5; i++) {
      Steps.record(window, STEPS.get(i));
    }
    TraceCursor cursor = window.cursor().seek(0);
    assertEquals(STEPS.get(0)[0], cursor.timeMicros());

    for (int i = 5; i < 20; i++) {
      Steps.record(window, STEPS.get(i));
    }

    assertThrows(IllegalStateException.class, cursor::timeMicros);
    assertThrows(IllegalStateException.class, cursor::next);
    assertThrows(IllegalStateException.class, () -> window.cursor().value());
  }

  @Test
  void replayStreamsTheStoredStepsInOrder() {
    Trace trace = recordAll(Trace.keepingLast(2_500));
    TraceHash replayed = new TraceHash();
    TraceHash expected = new TraceHash();
    STEPS.subList(7_500, 10_000).forEach(row -> Steps.add(expected, row));

    trace.replay(replayed::add);

    assertEquals(2_500, replayed.steps());
    assertEquals(expected.hex(), replayed.hex());
  }

  @Test
  void stepsMustBeRecordedInTimeOrder() {
    Trace trace = Trace.unbounded();
    trace.record(100, 0, StepKind.SEND, 1, 0, 0, 0, 0, 0, 100);
    trace.record(100, 1, StepKind.DELIVER, 1, 0, 0, 0, 0, 0, 100); // ties are fine

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> trace.record(99, 0, StepKind.ACK, 1, 0, 0, 0, 0, 0, 99));
    assertTrue(error.getMessage().contains("time order"), error.getMessage());
    assertEquals(2, trace.stepCount());
  }

  @Test
  void stringTablesAreAttached() {
    Trace trace = Trace.unbounded();
    int db = trace.components().intern("db");
    int user = trace.keys().intern("user-7");
    trace.record(5, db, StepKind.APPLY, 42, user, TraceStep.NONE, 3, 10, 9, 5);

    TraceCursor step = trace.cursor().seek(0);
    assertEquals("db", trace.components().name(step.component()));
    assertEquals("user-7", trace.keys().name(step.key()));
    assertEquals(StepKind.APPLY, step.kind());
  }

  @Test
  void stepKindCodesAreUniqueAndRoundTrip() {
    for (StepKind kind : StepKind.values()) {
      assertSame(kind, StepKind.fromCode(kind.code()));
      assertTrue(kind.code() > 0 && kind.code() <= Byte.MAX_VALUE, "codes are stored as bytes");
    }
    assertThrows(IllegalArgumentException.class, () -> StepKind.fromCode(0));
    assertThrows(IllegalArgumentException.class, () -> StepKind.fromCode(1_000));
  }
}
