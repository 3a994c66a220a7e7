package dev.flowsim.simulator.check;

/**
 * A set of event ids over a sliding window of ids, as a bitset (one bit per id; ids are dense from
 * 1): 125 KB per million ids <em>in the window</em>, O(1) per operation and no allocation except
 * when the window grows. The window starts at {@link #base()}: {@link #forgetBelow} drops the ids
 * below a new base (they read as absent and cannot be added again), so a checker that forgets
 * settled events keeps memory proportional to the events still in its window, not to run length.
 * For checkers that must remember, per store or replica, which events it has applied.
 */
final class EventSet {
  /** The words in a ring: word {@code w} (ids 64w..64w+63) is at {@code w & (length - 1)}. */
  private long[] words = new long[16];

  /** The lowest word kept; ids below {@code 64 * baseWord} are forgotten. */
  private long baseWord;

  /** The lowest id kept. */
  private long base;

  private long size;

  /** Whether {@code id} is in the set (false for ids never added, forgotten, however large). */
  boolean contains(long id) {
    if (id < base) {
      return false;
    }
    long w = id >>> 6;
    return w - baseWord < words.length && (words[(int) (w & (words.length - 1))] & (1L << id)) != 0;
  }

  /**
   * Adds {@code id}.
   *
   * @return true if it was not in the set yet; false also for an id below the window's base (a
   *     forgotten id is not added again)
   */
  boolean add(long id) {
    if (id < 0) {
      throw new IllegalArgumentException("event ids are not negative: " + id);
    }
    if (id < base) {
      return false;
    }
    long w = id >>> 6;
    if (w - baseWord >= words.length) {
      grow(w);
    }
    int i = (int) (w & (words.length - 1));
    long bit = 1L << id;
    if ((words[i] & bit) != 0) {
      return false;
    }
    words[i] |= bit;
    size++;
    return true;
  }

  private void grow(long w) {
    int n = words.length;
    while (w - baseWord >= n) {
      n *= 2;
    }
    long[] next = new long[n];
    for (long k = baseWord; k < baseWord + words.length; k++) {
      next[(int) (k & (n - 1))] = words[(int) (k & (words.length - 1))];
    }
    words = next;
  }

  /**
   * Removes {@code id}.
   *
   * @return true if it was in the set
   */
  boolean remove(long id) {
    if (!contains(id)) {
      return false;
    }
    words[(int) ((id >>> 6) & (words.length - 1))] &= ~(1L << id);
    size--;
    return true;
  }

  /**
   * Forgets every id below {@code id}: they read as absent from now on. O(1) amortized when the
   * base moves forward an id at a time; no allocation.
   */
  void forgetBelow(long id) {
    if (id <= base) {
      return;
    }
    long w = id >>> 6;
    while (baseWord < w) {
      int i = (int) (baseWord & (words.length - 1));
      size -= Long.bitCount(words[i]); // the bits below base are cleared already
      words[i] = 0;
      baseWord++;
      base = baseWord << 6;
    }
    if (id > base) {
      // part of the base word: clear the bits of [base, id)
      int i = (int) (w & (words.length - 1));
      long mask = (-1L << (base & 63)) & ~(-1L << (id & 63));
      size -= Long.bitCount(words[i] & mask);
      words[i] &= ~mask;
      base = id;
    }
  }

  /** The lowest id the set still knows about. */
  long base() {
    return base;
  }

  /** How many ids the set holds. */
  long size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
