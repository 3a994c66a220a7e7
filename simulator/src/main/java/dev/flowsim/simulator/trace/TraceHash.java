package dev.flowsim.simulator.trace;

/**
 * An incremental, order-sensitive 64-bit hash of a sequence of trace steps, the fingerprint that
 * proves two runs identical. The fields of every step are folded into four independent lanes (two
 * fields each) with xxHash64's round function ({@code acc = rotl(acc + input * P2, 31) * P1}), so
 * the rounds of one step run in parallel; the result merges the lanes as xxHash64 does and finishes
 * with its avalanche mixed with the step count.
 *
 * <p>Each round is a bijection of its lane and injective in its input, and the merge is a bijection
 * of each lane with the others fixed, so two sequences that differ in exactly one field of one step
 * <em>always</em> hash differently (not just with high probability); other differences collide with
 * probability about 2<sup>-64</sup>. The algorithm is fixed: changing it changes every hash.
 */
public final class TraceHash {

  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private long lane1 = P5;
  private long lane2 = P5 + P1;
  private long lane3 = P5 + P2;
  private long lane4 = P5 - P1;
  private long steps;

  /** Folds one step into the hash. */
  public void add(
      long timeMicros,
      int component,
      int kindCode,
      long eventId,
      int key,
      int partition,
      long offset,
      long value,
      long oldValue,
      long clock) {
    lane1 = round(round(lane1, timeMicros), ((long) component << 32) | (key & 0xFFFF_FFFFL));
    lane2 = round(round(lane2, ((long) kindCode << 32) | (partition & 0xFFFF_FFFFL)), eventId);
    lane3 = round(round(lane3, offset), value);
    lane4 = round(round(lane4, oldValue), clock);
    steps++;
  }

  /** Folds one step, read from a view, into the hash. */
  public void add(TraceStep step) {
    add(
        step.timeMicros(),
        step.component(),
        step.kind().code(),
        step.eventId(),
        step.key(),
        step.partition(),
        step.offset(),
        step.value(),
        step.oldValue(),
        step.clock());
  }

  /** Number of steps hashed. */
  public long steps() {
    return steps;
  }

  /** The hash of the steps so far. */
  public long value() {
    long h =
        Long.rotateLeft(lane1, 1)
            + Long.rotateLeft(lane2, 7)
            + Long.rotateLeft(lane3, 12)
            + Long.rotateLeft(lane4, 18)
            + steps * P5;
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  /** The hash of the steps so far as 16 lower-case hex digits. */
  public String hex() {
    String digits = Long.toHexString(value());
    return "0".repeat(16 - digits.length()) + digits;
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }
}
