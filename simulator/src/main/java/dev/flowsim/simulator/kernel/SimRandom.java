package dev.flowsim.simulator.kernel;

/**
 * A small, fast pseudo-random generator (SplitMix64) whose every output is defined by this class
 * alone, so a seed gives the same numbers on any JVM and version. {@code java.util} generators
 * would do statistically, but the algorithms behind their derived methods ({@code nextInt(bound)},
 * {@code nextDouble()}, …) are implementation details of the JDK, and Flowsim promises
 * bit-identical runs; hence this class does not implement {@code RandomGenerator}, whose default
 * methods would bring those back.
 *
 * <p>Obtain instances from {@link RandomStreams}. Not thread-safe (nothing in a run is).
 */
public final class SimRandom {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  /** Creates a generator; prefer {@link RandomStreams#forComponent(String, String)}. */
  public SimRandom(long seed) {
    this.state = seed;
  }

  /** Returns 64 uniformly distributed random bits. */
  public long nextLong() {
    return mix64(state += GOLDEN_GAMMA);
  }

  /** Returns 32 uniformly distributed random bits. */
  public int nextInt() {
    return (int) (nextLong() >>> 32);
  }

  /**
   * Returns a uniformly distributed int in [0, bound), without modulo bias.
   *
   * @throws IllegalArgumentException if {@code bound <= 0}
   */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    int r = (int) (nextLong() >>> 33);
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
      // reject the incomplete last interval
    }
    return r;
  }

  /**
   * Returns a uniformly distributed long in [0, bound), without modulo bias.
   *
   * @throws IllegalArgumentException if {@code bound <= 0}
   */
  public long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive: " + bound);
    }
    long m = bound - 1;
    long r = nextLong();
    if ((bound & m) == 0L) {
      return r & m;
    }
    for (long u = r >>> 1; u + m - (r = u % bound) < 0L; u = nextLong() >>> 1) {
      // reject the incomplete last interval
    }
    return r;
  }

  /**
   * Returns a uniformly distributed long in [origin, bound).
   *
   * @throws IllegalArgumentException if {@code origin >= bound} or the range exceeds {@code
   *     Long.MAX_VALUE}
   */
  public long nextLong(long origin, long bound) {
    long range = bound - origin;
    if (origin >= bound || range <= 0) {
      throw new IllegalArgumentException("bad range [" + origin + ", " + bound + ")");
    }
    return origin + nextLong(range);
  }

  /** Returns a uniformly distributed double in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Returns true with probability 1/2. */
  public boolean nextBoolean() {
    return nextLong() < 0;
  }

  /** SplitMix64's finalizer (a bijection with good avalanche); also used to derive seeds. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
