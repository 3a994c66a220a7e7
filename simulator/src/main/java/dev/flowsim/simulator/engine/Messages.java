package dev.flowsim.simulator.engine;

import java.util.Arrays;

/**
 * Messages in flight on links, in recycled columnar slots (no object per message): what kind of
 * message, the event it carries, key, value, version (a log offset or delivery tag), partition, one
 * auxiliary number, and the source version (the database commit version of a change). A slot is
 * freed by the link right after its delivery, so a receiver copies what it keeps. {@link #live()}
 * counts messages in flight, which is how a run knows it has drained.
 */
public final class Messages {
  /** A data event travelling downstream (from a producer, broker, processor or CDC). */
  public static final int EVENT = 1;

  /** A write of a key to a store. */
  public static final int WRITE = 2;

  /** A positive acknowledgement travelling back upstream (aux: the ack's subject, e.g. offset). */
  public static final int ACK = 3;

  /** A refusal travelling back upstream: the receiver could not take the message. */
  public static final int NACK = 4;

  /** A read request from a reader (aux: the version the reader must at least see, or 0). */
  public static final int READ = 5;

  /** The answer to a read: value and version of the key. */
  public static final int READ_REPLY = 6;

  /** A consumer's request for more records from a topic partition (aux: the offset wanted). */
  public static final int FETCH = 7;

  /** A consumer's offset commit to a topic (version: the next offset to read). */
  public static final int COMMIT = 8;

  /**
   * Backpressure travelling back upstream: a full receiver (a bounded queue) took nothing, and the
   * sender should offer the message again later. Unlike {@link #NACK}, not a refusal of the message
   * itself. The other fields echo the message that was not taken.
   */
  public static final int BUSY = 9;

  private int[] kinds = new int[256];
  private long[] events = new long[256];
  private int[] keys = new int[256];
  private long[] values = new long[256];
  private long[] versions = new long[256];
  private int[] partitions = new int[256];
  private long[] aux = new long[256];
  private long[] sourceVersions = new long[256];
  private int[] free = new int[256];
  private int freeCount;
  private int size;
  private int live;

  /** Takes a slot for a new message and fills it. */
  public int alloc(int kind, long event, int key, long value, long version, int partition, long x) {
    return alloc(kind, event, key, value, version, partition, x, 0);
  }

  /**
   * Takes a slot and fills it, with the version the system of record gave the change ({@code
   * source}, e.g. a database commit version carried through CDC and a topic), 0 when none.
   */
  public int alloc(
      int kind, long event, int key, long value, long version, int partition, long x, long source) {
    int m;
    if (freeCount > 0) {
      m = free[--freeCount];
    } else {
      if (size == kinds.length) {
        grow();
      }
      m = size++;
    }
    kinds[m] = kind;
    events[m] = event;
    keys[m] = key;
    values[m] = value;
    versions[m] = version;
    partitions[m] = partition;
    aux[m] = x;
    sourceVersions[m] = source;
    live++;
    return m;
  }

  /** A new slot with the same contents as {@code m} (a duplicate delivery). */
  public int copy(int m) {
    return alloc(
        kinds[m],
        events[m],
        keys[m],
        values[m],
        versions[m],
        partitions[m],
        aux[m],
        sourceVersions[m]);
  }

  public void free(int m) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, free.length * 2);
    }
    free[freeCount++] = m;
    live--;
  }

  private void grow() {
    int n = kinds.length * 2;
    kinds = Arrays.copyOf(kinds, n);
    events = Arrays.copyOf(events, n);
    keys = Arrays.copyOf(keys, n);
    values = Arrays.copyOf(values, n);
    versions = Arrays.copyOf(versions, n);
    partitions = Arrays.copyOf(partitions, n);
    aux = Arrays.copyOf(aux, n);
    sourceVersions = Arrays.copyOf(sourceVersions, n);
  }

  /** Messages currently in flight. */
  public int live() {
    return live;
  }

  public int kind(int m) {
    return kinds[m];
  }

  public long event(int m) {
    return events[m];
  }

  public int key(int m) {
    return keys[m];
  }

  public long value(int m) {
    return values[m];
  }

  public long version(int m) {
    return versions[m];
  }

  public int partition(int m) {
    return partitions[m];
  }

  public long aux(int m) {
    return aux[m];
  }

  /** The system-of-record version of the change carried, or 0. */
  public long sourceVersion(int m) {
    return sourceVersions[m];
  }
}
