package dev.flowsim.simulator.kernel;

import java.util.Arrays;

/**
 * The kernel's pending events: a radix heap over (time, sequence number), in primitive arrays, so
 * that scheduling allocates nothing once the arrays have grown.
 *
 * <p><b>Why a radix heap.</b> Kernel times are integers that never go below the time of the last
 * event run (the <em>floor</em>), which is exactly what a radix heap needs. Bucket {@code b > 0}
 * holds the events whose time first differs from the floor at bit {@code b - 1}; bucket 0 holds the
 * events at the floor itself, in sequence order, ready to run. Inserting is an append. When bucket
 * 0 runs dry, the first non-empty bucket is scanned for its earliest time, which becomes the new
 * floor, and its events are spread over lower buckets. An event moves at most once per bit of its
 * delay, and every pass is a sequential scan, so this beats a binary heap severalfold with
 * thousands of pending events (see {@code KernelBenchmark}).
 *
 * <p><b>Order.</b> Events run in (time, sequence) order: buckets partition time into increasing
 * ranges, and when bucket 0 is formed it is sorted by sequence; later events for the same time have
 * larger sequence numbers and are appended. The floor only advances when the event at the new floor
 * is about to run (or the run horizon is past it), so the floor never exceeds the kernel's clock
 * and nothing can be scheduled below it.
 *
 * <p><b>Entries.</b> An entry is (time, key) with key = (seq &lt;&lt; {@value #SLOT_BITS}) | slot,
 * so comparing keys compares sequence numbers. The slot holds the action and payload. Sequence
 * numbers are internal ranks: when they would overflow their 37 bits (after about 1.4·10<sup>11
 * </sup> events) the pending ones are renumbered 0..n-1 in order, which changes no order.
 *
 * <p><b>Handles and cancellation.</b> A handle packs (slot generation, slot); the generation
 * changes whenever the slot is released, so a stale handle never matches a later event. A cancelled
 * event's slot is cleared and its entry skipped when met; entries are compacted when cancelled ones
 * outnumber live ones.
 */
final class EventQueue {

  static final int SLOT_BITS = 26;
  static final int MAX_PENDING = 1 << SLOT_BITS;
  static final long DEFAULT_MAX_SEQ = (1L << (63 - SLOT_BITS)) - 1;

  private static final long SLOT_MASK = MAX_PENDING - 1;
  private static final int BUCKETS = 64; // times are >= 0, so time ^ floor < 2^63
  private static final int MIN_BUCKET_CAPACITY = 16;
  private static final int MIN_DEAD_TO_COMPACT = 64;

  private final long maxSeq;

  // The buckets: times and keys of entries, count per bucket, and a bit per non-empty bucket.
  private final long[][] times = new long[BUCKETS][];
  private final long[][] keys = new long[BUCKETS][];
  private final int[] sizes = new int[BUCKETS];
  private long nonEmpty;
  private int head0; // next entry of bucket 0 to run
  private long floor;

  private int entries; // entries in buckets, cancelled included (= slots in use)
  private int live; // entries not cancelled
  private long nextSeq;
  private long scheduled; // events ever added

  // The slot pool.
  private Action[] actions;
  private PayloadAction[] payloadActions;
  private long[] payloads;
  private long[] serials; // the event's number among all events ever scheduled
  private int[] generations;
  private int[] freeSlots;
  private int freeCount;

  EventQueue(int initialCapacity) {
    this(initialCapacity, DEFAULT_MAX_SEQ);
  }

  /** With a small {@code maxSeq}, tests exercise renumbering. */
  EventQueue(int initialCapacity, long maxSeq) {
    int capacity = Math.min(Math.max(4, initialCapacity), MAX_PENDING);
    this.maxSeq = Math.min(maxSeq, DEFAULT_MAX_SEQ);
    actions = new Action[capacity];
    payloadActions = new PayloadAction[capacity];
    payloads = new long[capacity];
    serials = new long[capacity];
    generations = new int[capacity];
    Arrays.fill(generations, 1); // generation 0 is never used, so handle 0 is never valid
    freeSlots = new int[capacity];
    addFreeSlots(0, capacity);
  }

  /** Number of live (not cancelled) pending events. */
  int size() {
    return live;
  }

  boolean isEmpty() {
    return live == 0;
  }

  /** Number of events ever added. */
  long addedCount() {
    return scheduled;
  }

  /**
   * Adds an event; exactly one of {@code action} and {@code payloadAction} is non-null, and {@code
   * time} is not before the kernel's clock.
   *
   * @return the event's handle
   */
  long add(long time, Action action, PayloadAction payloadAction, long payload) {
    if (time < floor) {
      throw new IllegalStateException("internal error: t=" + time + " is below floor " + floor);
    }
    if (freeCount == 0) {
      growSlots();
    }
    int slot = freeSlots[--freeCount];
    actions[slot] = action;
    payloadActions[slot] = payloadAction;
    payloads[slot] = payload;
    serials[slot] = scheduled++;
    if (nextSeq > maxSeq) {
      renumber();
    }
    append(bucketOf(time), time, (nextSeq++ << SLOT_BITS) | slot);
    entries++;
    live++;
    return ((long) generations[slot] << 32) | slot;
  }

  /** Cancels the event of {@code handle} if it is still pending; returns whether it was. */
  boolean cancel(long handle) {
    int slot = slotIfPending(handle);
    if (slot < 0) {
      return false;
    }
    actions[slot] = null;
    payloadActions[slot] = null;
    live--;
    int dead = entries - live;
    if (dead >= MIN_DEAD_TO_COMPACT && dead > live) {
      compact();
    }
    return true;
  }

  boolean isPending(long handle) {
    return slotIfPending(handle) >= 0;
  }

  private int slotIfPending(long handle) {
    int slot = (int) handle;
    int generation = (int) (handle >>> 32);
    if (slot < 0 || slot >= generations.length || generations[slot] != generation) {
      return -1;
    }
    return isCancelled(slot) ? -1 : slot;
  }

  /**
   * Brings the earliest live event to the head of bucket 0 if its time is at most {@code horizon}.
   * May advance the floor, but only to a time at most {@code horizon} at which an event is due.
   *
   * @return whether the earliest live event is due at or before {@code horizon}; if so, {@link
   *     #headTime()} and {@link #removeHead()} give it
   */
  boolean prepare(long horizon) {
    while (true) {
      long[] keys0 = keys[0];
      int size0 = sizes[0];
      while (head0 < size0) {
        int slot = slotOf(keys0[head0]);
        if (!isCancelled(slot)) {
          return floor <= horizon;
        }
        head0++;
        entries--;
        release(slot);
      }
      sizes[0] = 0;
      head0 = 0;
      nonEmpty &= ~1L;
      if (live == 0) {
        if (entries > 0) {
          compact(); // only cancelled entries are left
        }
        return false;
      }
      int bucket = Long.numberOfTrailingZeros(nonEmpty);
      long[] ts = times[bucket];
      int n = sizes[bucket];
      long min = ts[0];
      for (int i = 1; i < n; i++) {
        min = Math.min(min, ts[i]);
      }
      if (min > horizon) {
        return false;
      }
      spread(bucket, min);
    }
  }

  /** The time of the event at the head of bucket 0. Precondition: {@link #prepare} was true. */
  long headTime() {
    return floor;
  }

  /**
   * Removes the event at the head of bucket 0 and returns its slot, which stays occupied so that
   * the caller can read it; the caller then {@link #release(int)}s it. Precondition: {@link
   * #prepare} returned true.
   */
  int removeHead() {
    int slot = slotOf(keys[0][head0++]);
    entries--;
    live--;
    return slot;
  }

  /** The time of the earliest live event, or {@code Long.MAX_VALUE}; changes nothing. */
  long peekTime() {
    if (live == 0) {
      return Long.MAX_VALUE;
    }
    for (int i = head0; i < sizes[0]; i++) {
      if (!isCancelled(slotOf(keys[0][i]))) {
        return floor;
      }
    }
    // Buckets hold increasing time ranges: the first with a live entry holds the minimum.
    for (long rest = nonEmpty & ~1L; rest != 0; rest &= rest - 1) {
      int bucket = Long.numberOfTrailingZeros(rest);
      long min = Long.MAX_VALUE;
      for (int i = 0; i < sizes[bucket]; i++) {
        if (!isCancelled(slotOf(keys[bucket][i]))) {
          min = Math.min(min, times[bucket][i]);
        }
      }
      if (min != Long.MAX_VALUE) {
        return min;
      }
    }
    throw new IllegalStateException("internal error: " + live + " live events not found");
  }

  Action action(int slot) {
    return actions[slot];
  }

  PayloadAction payloadAction(int slot) {
    return payloadActions[slot];
  }

  long payload(int slot) {
    return payloads[slot];
  }

  /** The event's number among all events ever scheduled on this queue, from 0. */
  long serial(int slot) {
    return serials[slot];
  }

  /** Frees a slot; handles to it become stale. */
  void release(int slot) {
    actions[slot] = null;
    payloadActions[slot] = null;
    int generation = generations[slot] + 1;
    generations[slot] = generation == 0 ? 1 : generation;
    freeSlots[freeCount++] = slot;
  }

  private boolean isCancelled(int slot) {
    return actions[slot] == null && payloadActions[slot] == null;
  }

  private static int slotOf(long key) {
    return (int) (key & SLOT_MASK);
  }

  private int bucketOf(long time) {
    return 64 - Long.numberOfLeadingZeros(time ^ floor);
  }

  private void append(int bucket, long time, long key) {
    long[] ts = times[bucket];
    int n = sizes[bucket];
    if (ts == null || n == ts.length) {
      n = makeRoom(bucket);
      ts = times[bucket];
    }
    ts[n] = time;
    keys[bucket][n] = key;
    sizes[bucket] = n + 1;
    nonEmpty |= 1L << bucket;
  }

  /** Grows a full bucket (or, for bucket 0, first drops entries already run); returns its size. */
  private int makeRoom(int bucket) {
    long[] ts = times[bucket];
    if (ts == null) {
      times[bucket] = new long[MIN_BUCKET_CAPACITY];
      keys[bucket] = new long[MIN_BUCKET_CAPACITY];
      return 0;
    }
    int n = sizes[bucket];
    if (bucket == 0 && head0 >= n / 2) {
      // A long run of events at one time keeps bucket 0 from draining: reuse the space in front.
      System.arraycopy(ts, head0, ts, 0, n - head0);
      System.arraycopy(keys[0], head0, keys[0], 0, n - head0);
      sizes[0] = n -= head0;
      head0 = 0;
      if (n < ts.length) {
        return n;
      }
    }
    times[bucket] = Arrays.copyOf(ts, n * 2);
    keys[bucket] = Arrays.copyOf(keys[bucket], n * 2);
    return n;
  }

  /**
   * Makes {@code min}, the earliest time in {@code bucket}, the new floor and moves the bucket's
   * entries to lower buckets (all share the bits above {@code bucket - 1} with {@code min}).
   * Precondition: bucket 0 is empty.
   */
  private void spread(int bucket, long min) {
    floor = min;
    long[] ts = times[bucket];
    long[] ks = keys[bucket];
    int n = sizes[bucket];
    sizes[bucket] = 0;
    nonEmpty &= ~(1L << bucket);
    for (int i = 0; i < n; i++) {
      long time = ts[i];
      append(bucketOf(time), time, ks[i]);
    }
    // Bucket 0 now holds the events at the floor, in the order they were met: sort them by
    // sequence (their times are all equal, so only the keys need sorting).
    long[] keys0 = keys[0];
    int size0 = sizes[0];
    for (int i = 1; i < size0; i++) {
      if (keys0[i] < keys0[i - 1]) {
        Arrays.sort(keys0, 0, size0);
        break;
      }
    }
  }

  /** Drops every cancelled entry, keeping the order of the others. */
  private void compact() {
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      int n = sizes[bucket];
      if (n == 0) {
        continue;
      }
      long[] ts = times[bucket];
      long[] ks = keys[bucket];
      int kept = 0;
      for (int i = bucket == 0 ? head0 : 0; i < n; i++) {
        int slot = slotOf(ks[i]);
        if (isCancelled(slot)) {
          entries--;
          release(slot);
        } else {
          ts[kept] = ts[i];
          ks[kept] = ks[i];
          kept++;
        }
      }
      sizes[bucket] = kept;
      if (kept == 0) {
        nonEmpty &= ~(1L << bucket);
      }
    }
    head0 = 0;
  }

  /** Renumbers the pending entries' sequence numbers 0..n-1, keeping their order. */
  private void renumber() {
    compact();
    long[] all = new long[entries];
    int count = 0;
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      if (sizes[bucket] > 0) {
        System.arraycopy(keys[bucket], 0, all, count, sizes[bucket]);
        count += sizes[bucket];
      }
    }
    Arrays.sort(all, 0, count);
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      long[] ks = keys[bucket];
      for (int i = 0; i < sizes[bucket]; i++) {
        long rank = Arrays.binarySearch(all, 0, count, ks[i]);
        ks[i] = (rank << SLOT_BITS) | slotOf(ks[i]);
      }
    }
    nextSeq = count;
  }

  private void growSlots() {
    int old = actions.length;
    if (old == MAX_PENDING) {
      throw new IllegalStateException("more than " + MAX_PENDING + " pending events");
    }
    int capacity = Math.min(old * 2, MAX_PENDING);
    actions = Arrays.copyOf(actions, capacity);
    payloadActions = Arrays.copyOf(payloadActions, capacity);
    payloads = Arrays.copyOf(payloads, capacity);
    serials = Arrays.copyOf(serials, capacity);
    generations = Arrays.copyOf(generations, capacity);
    Arrays.fill(generations, old, capacity, 1);
    freeSlots = Arrays.copyOf(freeSlots, capacity);
    addFreeSlots(old, capacity);
  }

  /** Pushes slots [from, to) so that the lowest index is handed out first. */
  private void addFreeSlots(int from, int to) {
    for (int slot = to - 1; slot >= from; slot--) {
      freeSlots[freeCount++] = slot;
    }
  }
}
