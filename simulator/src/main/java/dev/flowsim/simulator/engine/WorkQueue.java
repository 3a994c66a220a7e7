package dev.flowsim.simulator.engine;

import java.util.Arrays;

/**
 * A FIFO of fixed-width records of longs in a ring buffer, for work waiting at a server (a copy of
 * a message's fields) without an object per item.
 */
public final class WorkQueue {
  private final int width;
  private long[] ring;
  private int head;
  private int size;

  public WorkQueue(int width) {
    this.width = width;
    this.ring = new long[width * 16];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Appends a record; {@code fields.length} must equal the width. */
  public void add(long... fields) {
    int capacity = ring.length / width;
    if (size == capacity) {
      long[] bigger = new long[ring.length * 2];
      for (int i = 0; i < size; i++) {
        System.arraycopy(ring, ((head + i) % capacity) * width, bigger, i * width, width);
      }
      ring = bigger;
      head = 0;
      capacity *= 2;
    }
    System.arraycopy(fields, 0, ring, ((head + size) % capacity) * width, width);
    size++;
  }

  /** Removes the oldest record, copying it into {@code into}. */
  public void poll(long[] into) {
    System.arraycopy(ring, head * width, into, 0, width);
    head = (head + 1) % (ring.length / width);
    size--;
  }

  public void clear() {
    head = 0;
    size = 0;
    Arrays.fill(ring, 0);
  }
}
