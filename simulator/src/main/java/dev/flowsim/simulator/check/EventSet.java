package dev.flowsim.simulator.check;

import java.util.Arrays;

/**
 * A set of event ids as a bitset (one bit per id; ids are dense from 1), growing as larger ids are
 * added: 125 KB per million events, O(1) per operation and no allocation except when it grows. For
 * checkers that must remember, per store or replica, which events it has applied.
 */
final class EventSet {
  private long[] words = new long[16];
  private long size;

  /** Whether {@code id} is in the set (false for ids never added, however large). */
  boolean contains(long id) {
    if (id < 0) {
      return false;
    }
    int w = (int) (id >>> 6);
    return w < words.length && (words[w] & (1L << id)) != 0;
  }

  /**
   * Adds {@code id}.
   *
   * @return true if it was not in the set yet
   */
  boolean add(long id) {
    if (id < 0) {
      throw new IllegalArgumentException("event ids are not negative: " + id);
    }
    int w = (int) (id >>> 6);
    if (w >= words.length) {
      words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
    }
    long bit = 1L << id;
    if ((words[w] & bit) != 0) {
      return false;
    }
    words[w] |= bit;
    size++;
    return true;
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
    words[(int) (id >>> 6)] &= ~(1L << id);
    size--;
    return true;
  }

  /** Empties the set (keeping its capacity). */
  void clear() {
    Arrays.fill(words, 0L);
    size = 0;
  }

  /** How many ids the set holds. */
  long size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
