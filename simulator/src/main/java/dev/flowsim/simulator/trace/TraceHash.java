package dev.flowsim.simulator.trace;

/**
 * An incremental, order-sensitive 64-bit hash of a sequence of trace steps, the fingerprint that
 * proves two runs identical. Every field of every step is folded in with xxHash64's round function
 * ({@code acc = rotl(acc + input * P2, 31) * P1}); the result is finished with xxHash64's avalanche
 * mixed with the step count.
 *
 * <p>Each round is a bijection of the accumulator and injective in its input, so two sequences that
 * differ in exactly one field of one step <em>always</em> hash differently (not just with high
 * probability); other differences collide with probability about 2<sup>-64</sup>. The algorithm is
 * fixed: changing it would change every recorded hash.
 */
public final class TraceHash {

  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private long acc = P5;
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
    long h = acc;
    h = round(h, timeMicros);
    h = round(h, ((long) component << 32) | (key & 0xFFFF_FFFFL));
    h = round(h, ((long) kindCode << 32) | (partition & 0xFFFF_FFFFL));
    h = round(h, eventId);
    h = round(h, offset);
    h = round(h, value);
    h = round(h, oldValue);
    h = round(h, clock);
    acc = h;
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
    long h = acc + steps * P5;
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
