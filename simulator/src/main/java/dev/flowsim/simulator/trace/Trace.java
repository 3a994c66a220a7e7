package dev.flowsim.simulator.trace;

import java.util.Arrays;
import java.util.Objects;

/**
 * Records the steps of a run: streams each step to the {@link TraceListener}s, folds it into the
 * running {@link TraceHash}, counts it by kind, and stores it in primitive column arrays that grow
 * by chunks (no object per step).
 *
 * <p>Storage can be bounded: a trace {@linkplain #keepingLast(long) keeping the last N} steps drops
 * older steps (chunks are recycled, so a long run allocates nothing in steady state and never runs
 * out of memory), while {@link #stepCount()}, {@link #count(StepKind)} and the hash still cover
 * every step ever recorded. {@link #streamingOnly()} stores nothing. Stored steps are read back
 * with a {@link TraceCursor}.
 *
 * <p>Steps must be recorded in nondecreasing time. Component and key indices come from {@link
 * #components()} and {@link #keys()}. Not thread-safe.
 */
public final class Trace {

  /** The retention limit of an {@linkplain #unbounded() unbounded} trace. */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  static final int DEFAULT_CHUNK_SHIFT = 12; // 4096 steps, about 280 KB per chunk

  private static final TraceListener[] NO_LISTENERS = {};

  private final long retentionLimit;
  private final int chunkShift;
  private final int chunkSize;
  private final int maxChunks;

  // Stored chunks, a ring: ring[ringHead] holds chunk number firstChunkNo (steps from
  // firstChunkNo << chunkShift), followed by ringCount - 1 more in order.
  private StepColumns[] ring;
  private int ringHead;
  private int ringCount;
  private long firstChunkNo;
  private StepColumns tail;
  private int tailFill;

  private long count;
  private long lastTime = Long.MIN_VALUE;
  private static final int KINDS = StepKind.values().length;
  private final long[] kindCounts = new long[KINDS];
  private long[] componentKindCounts = new long[16 * KINDS];
  private final TraceHash hash = new TraceHash();
  private final LiveStep live = new LiveStep();
  private TraceListener[] listeners = NO_LISTENERS;

  private final StringTable components = new StringTable();
  private final StringTable keys = new StringTable();

  Trace(long retentionLimit, int chunkShift) {
    if (retentionLimit < 0) {
      throw new IllegalArgumentException("retention limit must be >= 0: " + retentionLimit);
    }
    if (chunkShift < 0 || chunkShift > 24) {
      throw new IllegalArgumentException("chunk shift out of range: " + chunkShift);
    }
    this.retentionLimit = retentionLimit;
    this.chunkShift = chunkShift;
    this.chunkSize = 1 << chunkShift;
    // N steps ending anywhere span at most ceil(N / chunkSize) + 1 chunks.
    long chunks = retentionLimit == 0 ? 0 : ((retentionLimit - 1) >>> chunkShift) + 2;
    this.maxChunks = (int) Math.min(chunks, Integer.MAX_VALUE - 8);
    this.ring = new StepColumns[Math.min(maxChunks, 16)];
    this.tailFill = chunkSize;
  }

  /** A trace that stores every step. */
  public static Trace unbounded() {
    return new Trace(UNBOUNDED, DEFAULT_CHUNK_SHIFT);
  }

  /** A trace that stores only the last {@code steps} steps (counts and hash cover all steps). */
  public static Trace keepingLast(long steps) {
    return new Trace(steps, DEFAULT_CHUNK_SHIFT);
  }

  /** A trace that stores no step: listeners, counts and hash only. */
  public static Trace streamingOnly() {
    return new Trace(0, DEFAULT_CHUNK_SHIFT);
  }

  /** Component ids, interned to the indices used in steps. */
  public StringTable components() {
    return components;
  }

  /** Key names, interned to the indices used in steps. */
  public StringTable keys() {
    return keys;
  }

  /** Adds a listener; it receives every step recorded from now on. */
  public void addListener(TraceListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners = Arrays.copyOf(listeners, listeners.length + 1);
    listeners[listeners.length - 1] = listener;
  }

  /** Removes a listener (its first registration); returns whether it was registered. */
  public boolean removeListener(TraceListener listener) {
    for (int i = 0; i < listeners.length; i++) {
      if (listeners[i] == listener) {
        TraceListener[] rest = new TraceListener[listeners.length - 1];
        System.arraycopy(listeners, 0, rest, 0, i);
        System.arraycopy(listeners, i + 1, rest, i, rest.length - i);
        listeners = rest;
        return true;
      }
    }
    return false;
  }

  /**
   * Records one step; unused fields take {@link TraceStep#NONE} or {@link TraceStep#NO_VALUE} (see
   * {@link StepKind}).
   *
   * @return the step's index
   * @throws IllegalArgumentException if {@code timeMicros} is before the previous step's time
   */
  public long record(
      long timeMicros,
      int component,
      StepKind kind,
      long eventId,
      int key,
      int partition,
      long offset,
      long value,
      long oldValue,
      long clock) {
    if (timeMicros < lastTime) {
      throw new IllegalArgumentException(
          "trace steps must be recorded in time order: t="
              + timeMicros
              + "us after a step at t="
              + lastTime
              + "us");
    }
    int code = kind.code();
    long index = count;
    if (maxChunks > 0) {
      if (tailFill == chunkSize) {
        tail = nextChunk();
        tailFill = 0;
      }
      int at = tailFill++;
      StepColumns c = tail;
      c.times[at] = timeMicros;
      c.components[at] = component;
      c.kinds[at] = (byte) code;
      c.eventIds[at] = eventId;
      c.keys[at] = key;
      c.partitions[at] = partition;
      c.offsets[at] = offset;
      c.values[at] = value;
      c.oldValues[at] = oldValue;
      c.clocks[at] = clock;
    }
    hash.add(timeMicros, component, code, eventId, key, partition, offset, value, oldValue, clock);
    kindCounts[kind.ordinal()]++;
    int slot = component * KINDS + kind.ordinal();
    if (slot >= componentKindCounts.length) {
      componentKindCounts =
          Arrays.copyOf(
              componentKindCounts, Math.max(componentKindCounts.length * 2, slot + KINDS));
    }
    componentKindCounts[slot]++;
    count = index + 1;
    lastTime = timeMicros;
    TraceListener[] ls = listeners;
    if (ls.length != 0) {
      live.set(
          index,
          timeMicros,
          component,
          kind,
          eventId,
          key,
          partition,
          offset,
          value,
          oldValue,
          clock);
      for (TraceListener listener : ls) {
        listener.onStep(live);
      }
    }
    return index;
  }

  /** Number of steps ever recorded, dropped ones included. */
  public long stepCount() {
    return count;
  }

  /** Number of steps of {@code kind} ever recorded, dropped ones included. */
  public long count(StepKind kind) {
    return kindCounts[kind.ordinal()];
  }

  /** Number of steps of {@code kind} ever recorded by component number {@code component}. */
  public long count(int component, StepKind kind) {
    int slot = component * KINDS + kind.ordinal();
    return component >= 0 && slot < componentKindCounts.length ? componentKindCounts[slot] : 0;
  }

  /** The most steps this trace stores ({@link #UNBOUNDED} if it stores all). */
  public long retentionLimit() {
    return retentionLimit;
  }

  /** Index of the oldest stored step; equals {@link #stepCount()} when none is stored. */
  public long firstRetainedIndex() {
    if (maxChunks == 0) {
      return count;
    }
    return retentionLimit == UNBOUNDED ? 0 : Math.max(0, count - retentionLimit);
  }

  /** Number of stored steps: {@code min(stepCount(), retentionLimit())}. */
  public long retainedCount() {
    return count - firstRetainedIndex();
  }

  /** The hash of all steps recorded so far (see {@link TraceHash}). */
  public long hash() {
    return hash.value();
  }

  /** The hash of all steps recorded so far as 16 hex digits, as written in run reports. */
  public String hashHex() {
    return hash.hex();
  }

  /** A new cursor positioned before the oldest stored step; {@link TraceCursor#next()} reads it. */
  public TraceCursor cursor() {
    return new TraceCursor(this);
  }

  /** Streams every stored step, oldest first, to {@code listener}. */
  public void replay(TraceListener listener) {
    TraceCursor cursor = cursor();
    while (cursor.next()) {
      listener.onStep(cursor);
    }
  }

  // ---- access for TraceCursor ----

  /** The chunk holding the stored step {@code index}; the caller has checked it is retained. */
  StepColumns chunkOf(long index) {
    int pos = ringHead + (int) ((index >>> chunkShift) - firstChunkNo);
    return ring[pos >= ring.length ? pos - ring.length : pos];
  }

  int positionInChunk(long index) {
    return (int) index & (chunkSize - 1);
  }

  private StepColumns nextChunk() {
    if (ringCount == maxChunks) {
      StepColumns oldest = ring[ringHead]; // recycled: the ring is full, so head == new tail
      ringHead = ringHead + 1 == ring.length ? 0 : ringHead + 1;
      firstChunkNo++;
      return oldest;
    }
    if (ringCount == ring.length) {
      StepColumns[] bigger = new StepColumns[(int) Math.min(2L * ring.length, maxChunks)];
      for (int i = 0; i < ringCount; i++) {
        bigger[i] = ring[(ringHead + i) % ring.length];
      }
      ring = bigger;
      ringHead = 0;
    }
    StepColumns fresh = new StepColumns(chunkSize);
    int pos = ringHead + ringCount;
    ring[pos >= ring.length ? pos - ring.length : pos] = fresh;
    ringCount++;
    return fresh;
  }
}
