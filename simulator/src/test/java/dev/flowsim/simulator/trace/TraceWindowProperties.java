package dev.flowsim.simulator.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A bounded trace holds exactly the last N steps of an unbounded one, for any sizes. */
class TraceWindowProperties {

  @Test
  void aWindowIsTheTailOfTheWholeTrace() {
    qt().withFixedSeed(31)
        .withExamples(300)
        .forAll(
            longs().all(),
            integers().between(0, 3_000),
            integers().between(0, 400),
            integers().between(0, 6))
        .checkAssert(
            (seed, total, window, chunkShift) -> {
              List<long[]> rows = Steps.random(seed, total);
              Trace bounded = new Trace(window, chunkShift);
              Trace whole = new Trace(Trace.UNBOUNDED, chunkShift);
              for (long[] row : rows) {
                Steps.record(bounded, row);
                Steps.record(whole, row);
              }

              long kept = Math.min(total, window);
              assertEquals((long) total, bounded.stepCount());
              assertEquals(kept, bounded.retainedCount());
              assertEquals(total - kept, bounded.firstRetainedIndex());
              TraceCursor cursor = bounded.cursor();
              for (long i = total - kept; i < total; i++) {
                assertTrue(cursor.next());
                assertEquals(i, cursor.index());
                assertArrayEquals(rows.get((int) i), Steps.row(cursor));
              }
              assertFalse(cursor.next());
              for (StepKind kind : StepKind.values()) {
                assertEquals(whole.count(kind), bounded.count(kind));
              }
              assertEquals(whole.hashHex(), bounded.hashHex());
            });
  }
}
