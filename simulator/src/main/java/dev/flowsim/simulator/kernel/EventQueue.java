package dev.flowsim.simulator.kernel;

import java.util.Arrays;

/**
 * The kernel's pending events: a 4-ary min-heap ordered by (time, sequence number), stored in
 * parallel primitive arrays so that scheduling allocates nothing once the arrays have grown.
 *
 * <p>Each pending event occupies a <em>slot</em> that holds its action and payload; the heap holds
 * (time, seq, slot) triples. A handle packs (slot generation, slot) into a long; a slot's
 * generation changes whenever the slot is released, so a stale handle never matches a later event.
 * Cancellation is lazy: the slot's action is cleared and the entry stays in the heap until it
 * reaches the root (then it is dropped) or until dead entries outnumber live ones (then the heap is
 * compacted and rebuilt). Neither changes the order of live events, which is a total order.
 */
final class EventQueue {

  /** Compaction is only worth it above this many dead entries. */
  private static final int MIN_DEAD_TO_COMPACT = 64;

  // The heap, in heap order.
  private long[] times;
  private long[] seqs;
  private int[] slots;
  private int size; // heap entries, including cancelled ones
  private int live; // heap entries not cancelled

  // The slot pool; there are always exactly as many slots as heap capacity.
  private Action[] actions;
  private PayloadAction[] payloadActions;
  private long[] payloads;
  private int[] generations;
  private int[] freeSlots;
  private int freeCount;

  private long nextSeq;

  EventQueue(int initialCapacity) {
    int capacity = Math.max(4, initialCapacity);
    times = new long[capacity];
    seqs = new long[capacity];
    slots = new int[capacity];
    actions = new Action[capacity];
    payloadActions = new PayloadAction[capacity];
    payloads = new long[capacity];
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

  /** Sequence numbers handed out so far (= number of events ever added). */
  long addedCount() {
    return nextSeq;
  }

  /**
   * Adds an event; exactly one of {@code action} and {@code payloadAction} is non-null.
   *
   * @return the event's handle
   */
  long add(long time, Action action, PayloadAction payloadAction, long payload) {
    if (size == times.length) {
      grow();
    }
    int slot = freeSlots[--freeCount];
    actions[slot] = action;
    payloadActions[slot] = payloadAction;
    payloads[slot] = payload;
    long seq = nextSeq++;
    // The new seq is larger than every seq in the heap, so on equal times it ranks after its
    // parent.
    int hole = size++;
    while (hole > 0) {
      int parent = (hole - 1) >>> 2;
      if (times[parent] <= time) {
        break;
      }
      moveEntry(parent, hole);
      hole = parent;
    }
    setEntry(hole, time, seq, slot);
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
    int dead = size - live;
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

  /** Time of the earliest live event. Precondition: {@code !isEmpty()}. */
  long minTime() {
    if (size != live) {
      dropCancelledRoots();
    }
    return times[0];
  }

  /** Sequence number of the earliest live event. Precondition: {@link #minTime()} was called. */
  long minSeq() {
    return seqs[0];
  }

  /**
   * Removes the earliest live event from the heap and returns its slot, which stays occupied so the
   * caller can read it; the caller must then {@link #release(int)} it. Precondition: {@link
   * #minTime()} was called and the queue is not empty.
   */
  int removeMin() {
    int slot = slots[0];
    removeRoot();
    live--;
    return slot;
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

  private void dropCancelledRoots() {
    while (size > 0 && isCancelled(slots[0])) {
      int slot = slots[0];
      removeRoot();
      release(slot);
    }
  }

  private void removeRoot() {
    int last = --size;
    if (last > 0) {
      siftDown(0, times[last], seqs[last], slots[last]);
    }
  }

  /** Places (time, seq, slot) at {@code hole} or below, moving smaller children up. */
  private void siftDown(int hole, long time, long seq, int slot) {
    int n = size;
    while (true) {
      int child = (hole << 2) + 1;
      if (child >= n) {
        break;
      }
      int best = child;
      long bestTime = times[child];
      long bestSeq = seqs[child];
      int end = Math.min(child + 4, n);
      for (int c = child + 1; c < end; c++) {
        long t = times[c];
        if (t < bestTime || (t == bestTime && seqs[c] < bestSeq)) {
          best = c;
          bestTime = t;
          bestSeq = seqs[c];
        }
      }
      if (time < bestTime || (time == bestTime && seq < bestSeq)) {
        break;
      }
      moveEntry(best, hole);
      hole = best;
    }
    setEntry(hole, time, seq, slot);
  }

  /** Drops every cancelled entry and rebuilds the heap (Floyd's method) in O(size). */
  private void compact() {
    int n = 0;
    for (int i = 0; i < size; i++) {
      int slot = slots[i];
      if (isCancelled(slot)) {
        release(slot);
      } else {
        moveEntry(i, n++);
      }
    }
    size = n;
    if (n > 1) {
      for (int i = (n - 2) >> 2; i >= 0; i--) {
        siftDown(i, times[i], seqs[i], slots[i]);
      }
    }
  }

  private void moveEntry(int from, int to) {
    times[to] = times[from];
    seqs[to] = seqs[from];
    slots[to] = slots[from];
  }

  private void setEntry(int at, long time, long seq, int slot) {
    times[at] = time;
    seqs[at] = seq;
    slots[at] = slot;
  }

  private void grow() {
    int old = times.length;
    if (old == Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("event queue is full (" + old + " pending events)");
    }
    int capacity = (int) Math.min((long) old * 2, Integer.MAX_VALUE - 8);
    times = Arrays.copyOf(times, capacity);
    seqs = Arrays.copyOf(seqs, capacity);
    slots = Arrays.copyOf(slots, capacity);
    actions = Arrays.copyOf(actions, capacity);
    payloadActions = Arrays.copyOf(payloadActions, capacity);
    payloads = Arrays.copyOf(payloads, capacity);
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
