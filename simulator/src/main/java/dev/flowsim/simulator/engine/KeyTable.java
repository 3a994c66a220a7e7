package dev.flowsim.simulator.engine;

import dev.flowsim.simulator.trace.TraceStep;
import java.util.Arrays;

/**
 * A store's contents: value and version per key id, in arrays that grow with the key ids (keys are
 * interned densely), with {@link TraceStep#NO_VALUE} for a key never written.
 */
public final class KeyTable {
  private long[] values = new long[64];
  private long[] versions = new long[64];

  public KeyTable() {
    Arrays.fill(values, TraceStep.NO_VALUE);
  }

  private void grow(int key) {
    if (key >= values.length) {
      int n = Math.max(key + 1, values.length * 2);
      int old = values.length;
      values = Arrays.copyOf(values, n);
      versions = Arrays.copyOf(versions, n);
      Arrays.fill(values, old, n, TraceStep.NO_VALUE);
    }
  }

  public long value(int key) {
    return key < values.length ? values[key] : TraceStep.NO_VALUE;
  }

  public long version(int key) {
    return key < versions.length ? versions[key] : 0;
  }

  public void put(int key, long value, long version) {
    grow(key);
    values[key] = value;
    versions[key] = version;
  }
}
