package dev.flowsim.simulator.engine;

import java.util.Arrays;

/**
 * The ground truth of every event a producer created, in columns indexed by event id (ids start at
 * 1; 0 means none): key, operation, value, event time (the producer's clock when it created the
 * event), true creation time, request id (0 when the producer attaches none), producer, and the
 * event it causally depends on. No object per event.
 */
public final class Events {
  /** Operation codes. */
  public static final byte SET = 0;

  public static final byte INCREMENT = 1;
  public static final byte CLAIM = 2;
  public static final byte TRANSFER = 3;

  private int size = 1;
  private int[] keys = new int[1024];
  private byte[] ops = new byte[1024];
  private long[] values = new long[1024];
  private long[] eventTimes = new long[1024];
  private long[] createdAt = new long[1024];
  private long[] requestIds = new long[1024];
  private int[] producers = new int[1024];
  private long[] causes = new long[1024];

  /** Creates an event and returns its id. */
  public long create(
      int key,
      byte op,
      long value,
      long eventTime,
      long now,
      long requestId,
      int producer,
      long cause) {
    if (size == keys.length) {
      int n = size * 2;
      keys = Arrays.copyOf(keys, n);
      ops = Arrays.copyOf(ops, n);
      values = Arrays.copyOf(values, n);
      eventTimes = Arrays.copyOf(eventTimes, n);
      createdAt = Arrays.copyOf(createdAt, n);
      requestIds = Arrays.copyOf(requestIds, n);
      producers = Arrays.copyOf(producers, n);
      causes = Arrays.copyOf(causes, n);
    }
    int id = size++;
    keys[id] = key;
    ops[id] = op;
    values[id] = value;
    eventTimes[id] = eventTime;
    createdAt[id] = now;
    requestIds[id] = requestId;
    producers[id] = producer;
    causes[id] = cause;
    return id;
  }

  /** Sets the value and request id of a just-created event (the value may depend on its id). */
  public void setValueAndRequest(long id, long value, long requestId) {
    values[(int) id] = value;
    requestIds[(int) id] = requestId;
  }

  /** Number of events created. */
  public long count() {
    return size - 1L;
  }

  public int key(long id) {
    return keys[(int) id];
  }

  public byte op(long id) {
    return ops[(int) id];
  }

  public long value(long id) {
    return values[(int) id];
  }

  public long eventTime(long id) {
    return eventTimes[(int) id];
  }

  public long createdAt(long id) {
    return createdAt[(int) id];
  }

  public long requestId(long id) {
    return requestIds[(int) id];
  }

  public int producer(long id) {
    return producers[(int) id];
  }

  /** The event this one depends on, or 0. */
  public long cause(long id) {
    return causes[(int) id];
  }
}
