package dev.flowsim.simulator.metrics;

import java.util.Arrays;

/**
 * A fixed log-linear histogram of non-negative durations in microseconds: values below 32 have a
 * bucket each; above, every power of two is split into 32 buckets, so a bucket is at most 1/32 of
 * its values wide and its midpoint is within 1.6% of any value in it. Values from 2^45 µs (about a
 * year) up share the last bucket. Adding a value allocates nothing; percentiles are clamped to the
 * exact minimum and maximum seen.
 */
final class LatencyHistogram {
  static final int SUB_BITS = 5;
  static final int SUB = 1 << SUB_BITS;
  static final int MAX_EXP = 45;
  static final int BUCKETS = (MAX_EXP - SUB_BITS + 2) * SUB;

  private final long[] counts = new long[BUCKETS];
  private long n;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private int lo = BUCKETS;
  private int hi = -1;

  static int bucket(long v) {
    if (v < SUB) {
      return (int) Math.max(0, v);
    }
    int e = 63 - Long.numberOfLeadingZeros(v);
    if (e > MAX_EXP) {
      return BUCKETS - 1;
    }
    int sub = (int) (v >>> (e - SUB_BITS)) & (SUB - 1);
    return (e - SUB_BITS + 1) * SUB + sub;
  }

  /** The smallest value of bucket {@code b}. */
  static long lowerBound(int b) {
    if (b < SUB) {
      return b;
    }
    int e = b / SUB + SUB_BITS - 1;
    return (long) (SUB + b % SUB) << (e - SUB_BITS);
  }

  /** The width of bucket {@code b}. */
  static long width(int b) {
    return b < SUB ? 1 : 1L << (b / SUB - 1);
  }

  void add(long v) {
    if (v < 0) {
      v = 0;
    }
    int b = bucket(v);
    counts[b]++;
    n++;
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
    if (b < lo) {
      lo = b;
    }
    if (b > hi) {
      hi = b;
    }
  }

  long count() {
    return n;
  }

  /**
   * The {@code q} quantile (0 < q <= 1) by the nearest-rank rule: the midpoint of the bucket
   * holding the value of rank ceil(q × n) in whole microseconds, clamped to [min, max]; NaN when
   * empty.
   */
  double quantile(double q) {
    if (n == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    if (rank >= n) {
      return max;
    }
    long cumulative = 0;
    for (int b = lo; b <= hi; b++) {
      cumulative += counts[b];
      if (cumulative >= rank) {
        long mid = lowerBound(b) + (width(b) - 1) / 2;
        return Math.min(max, Math.max(min, mid));
      }
    }
    return max;
  }

  void reset() {
    if (hi >= lo) {
      Arrays.fill(counts, lo, hi + 1, 0);
    }
    n = 0;
    min = Long.MAX_VALUE;
    max = Long.MIN_VALUE;
    lo = BUCKETS;
    hi = -1;
  }
}
