package dev.flowsim.simulator.engine;

import dev.flowsim.model.KeySpace;
import dev.flowsim.simulator.kernel.SimRandom;
import dev.flowsim.simulator.trace.StringTable;

/**
 * Picks keys from a {@link KeySpace}: uniformly, by a Zipf law (a precomputed cumulative table and
 * a binary search), or from a fixed list. Returns global key ids interned in the trace's key table,
 * so every component names a key the same way.
 */
public final class KeyChooser {
  private final KeySpace space;
  private final SimRandom random;
  private final int[] keyIds;
  private final double[] cumulative;

  public KeyChooser(KeySpace space, SimRandom random, StringTable keys) {
    this.space = space;
    this.random = random;
    int n = space.size();
    keyIds = new int[n];
    for (int i = 0; i < n; i++) {
      keyIds[i] = keys.intern(space.name(i));
    }
    if (space.distribution() == KeySpace.Shape.ZIPF) {
      cumulative = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += 1.0 / StrictMath.pow(i + 1, space.zipfExponent());
        cumulative[i] = sum;
      }
      for (int i = 0; i < n; i++) {
        cumulative[i] /= sum;
      }
    } else {
      cumulative = null;
    }
  }

  public KeySpace space() {
    return space;
  }

  /** The number of distinct keys. */
  public int size() {
    return keyIds.length;
  }

  /** The global id of key number {@code i} of this space. */
  public int keyId(int i) {
    return keyIds[i];
  }

  /** Draws a key; returns its global id. */
  public int next() {
    return keyIds[nextIndex()];
  }

  /** Draws a key; returns its index in this space. */
  public int nextIndex() {
    if (cumulative == null) {
      return random.nextInt(keyIds.length);
    }
    double u = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
