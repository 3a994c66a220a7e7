package dev.flowsim.simulator.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void bucketsAreContiguousAndNarrow() {
    for (int b = 0; b < LatencyHistogram.BUCKETS - 1; b++) {
      assertEquals(
          LatencyHistogram.lowerBound(b) + LatencyHistogram.width(b),
          LatencyHistogram.lowerBound(b + 1),
          "bucket " + b);
      assertEquals(b, LatencyHistogram.bucket(LatencyHistogram.lowerBound(b)));
      assertEquals(
          b,
          LatencyHistogram.bucket(LatencyHistogram.lowerBound(b) + LatencyHistogram.width(b) - 1));
      assertTrue(
          LatencyHistogram.width(b) <= Math.max(1, LatencyHistogram.lowerBound(b) / 32),
          "bucket " + b);
    }
    assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucket(Long.MAX_VALUE));
    assertEquals(0, LatencyHistogram.bucket(-5));
  }

  @Test
  void quantilesAreWithinTwoPercentOfTheExactOnes() {
    SplittableRandom random = new SplittableRandom(1);
    LatencyHistogram h = new LatencyHistogram();
    long[] values = new long[10_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) (-Math.log(1 - random.nextDouble()) * 20_000); // exp, mean 20 ms
      h.add(values[i]);
    }
    Arrays.sort(values);
    for (double q : new double[] {0.5, 0.95, 0.99, 1.0}) {
      long exact = values[(int) Math.ceil(q * values.length) - 1];
      double got = h.quantile(q);
      assertEquals(exact, got, Math.max(1, exact * 0.02), "q=" + q);
    }
    assertEquals(values[values.length - 1], h.quantile(1.0), "the max is exact");
    h.reset();
    assertEquals(0, h.count());
    assertTrue(Double.isNaN(h.quantile(0.5)));
    h.add(7);
    assertEquals(7, h.quantile(0.5));
    assertEquals(7, h.quantile(0.99));
  }
}
