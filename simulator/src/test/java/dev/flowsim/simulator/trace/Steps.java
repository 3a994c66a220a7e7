package dev.flowsim.simulator.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test fixtures: steps as rows of their ten fields, with realistic, asymmetric values. */
final class Steps {

  static final int FIELDS = 10;

  private Steps() {}

  /**
   * Rows (time, component, kind code, event id, key, partition, offset, value, old value, clock)
   * with nondecreasing times, some ties, and sentinel values mixed in.
   */
  static List<long[]> random(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    StepKind[] kinds = StepKind.values();
    List<long[]> rows = new ArrayList<>(count);
    long time = 1_000 + random.nextInt(5_000);
    for (int i = 0; i < count; i++) {
      time += random.nextInt(4) == 0 ? 0 : random.nextInt(1, 20_000);
      rows.add(
          new long[] {
            time,
            random.nextInt(7),
            kinds[random.nextInt(kinds.length)].code(),
            100_000 + random.nextInt(50_000),
            random.nextInt(10) == 0 ? TraceStep.NONE : random.nextInt(500),
            random.nextInt(3),
            random.nextInt(5) == 0 ? TraceStep.NONE : random.nextLong(1L << 40),
            random.nextInt(6) == 0 ? TraceStep.NO_VALUE : random.nextLong() >> 20,
            random.nextInt(2) == 0 ? TraceStep.NO_VALUE : random.nextLong() >> 20,
            time + random.nextInt(-3_000, 3_000)
          });
    }
    return rows;
  }

  static long record(Trace trace, long[] r) {
    return trace.record(
        r[0],
        (int) r[1],
        StepKind.fromCode((int) r[2]),
        r[3],
        (int) r[4],
        (int) r[5],
        r[6],
        r[7],
        r[8],
        r[9]);
  }

  static void add(TraceHash hash, long[] r) {
    hash.add(r[0], (int) r[1], (int) r[2], r[3], (int) r[4], (int) r[5], r[6], r[7], r[8], r[9]);
  }

  static long[] row(TraceStep s) {
    return new long[] {
      s.timeMicros(),
      s.component(),
      s.kind().code(),
      s.eventId(),
      s.key(),
      s.partition(),
      s.offset(),
      s.value(),
      s.oldValue(),
      s.clock()
    };
  }
}
