package dev.flowsim.app.gui.sim;

import java.util.Arrays;

/**
 * Message flights of a run: each data message a link carried, from its SEND to its DELIVER or DROP
 * (a message still under way when the run ended flies until the end). Columnar arrays, indexed per
 * link by start time so that the flights in the air at a time are found by a sweep over the flights
 * that started within the link's usual flight time (its "horizon"); the few longer flights sit in
 * one extra list. Immutable once {@linkplain Builder#build built}; safe to read from any thread.
 */
public final class Flights {

  /** The message travelled from the link's target back to its source. */
  public static final byte BACKWARD = 1;

  /** The message was lost (its flight ends in a DROP). */
  public static final byte DROPPED = 2;

  /** The message had not arrived when the run ended. */
  public static final byte OPEN = 4;

  /** Receives the flights in the air at a time. */
  @FunctionalInterface
  public interface Sink {
    /**
     * One flight in the air.
     *
     * @param fraction how far along the link it is, 0 at the sender and 1 at the receiver
     */
    void token(int flight, double fraction);
  }

  private final int count;
  private final long[] start;
  private final long[] end;
  private final int[] link;
  private final int[] key;
  private final int[] partition;
  private final byte[] flags;

  private final int[][] byLink;
  private final long[][] startsByLink;
  private final long[] horizon;
  private final int[] longIds;
  private final long[] longStarts;

  private Flights(Builder b, int links) {
    count = b.count;
    start = Arrays.copyOf(b.start, count);
    end = Arrays.copyOf(b.end, count);
    link = Arrays.copyOf(b.link, count);
    key = Arrays.copyOf(b.key, count);
    partition = Arrays.copyOf(b.partition, count);
    flags = Arrays.copyOf(b.flags, count);
    int[] perLink = new int[links];
    for (int i = 0; i < count; i++) {
      perLink[link[i]]++;
    }
    int[][] ids = new int[links][];
    for (int l = 0; l < links; l++) {
      ids[l] = new int[perLink[l]];
    }
    int[] fill = new int[links];
    for (int i = 0; i < count; i++) {
      ids[link[i]][fill[link[i]]++] = i;
    }
    // per link: the horizon is the 99.9th percentile duration; longer flights go to the long list
    horizon = new long[links];
    int[] keep = new int[links];
    boolean[] isLong = new boolean[count];
    int longCount = 0;
    for (int l = 0; l < links; l++) {
      int[] mine = ids[l];
      if (mine.length == 0) {
        continue;
      }
      long[] durations = new long[mine.length];
      for (int i = 0; i < mine.length; i++) {
        durations[i] = end[mine[i]] - start[mine[i]];
      }
      Arrays.sort(durations);
      long h = durations[Math.min(mine.length - 1, (int) (mine.length * 0.999))];
      horizon[l] = h;
      for (int id : mine) {
        if (end[id] - start[id] > h) {
          isLong[id] = true;
          longCount++;
        } else {
          keep[l]++;
        }
      }
    }
    byLink = new int[links][];
    startsByLink = new long[links][];
    longIds = new int[longCount];
    int longFill = 0;
    for (int l = 0; l < links; l++) {
      int[] kept = new int[keep[l]];
      int k = 0;
      for (int id : ids[l]) {
        if (isLong[id]) {
          longIds[longFill++] = id;
        } else {
          kept[k++] = id;
        }
      }
      sortByStart(kept);
      byLink[l] = kept;
      long[] starts = new long[kept.length];
      for (int i = 0; i < kept.length; i++) {
        starts[i] = start[kept[i]];
      }
      startsByLink[l] = starts;
    }
    sortByStart(longIds);
    longStarts = new long[longIds.length];
    for (int i = 0; i < longIds.length; i++) {
      longStarts[i] = start[longIds[i]];
    }
  }

  /** Insertion sort by start time: flights are created nearly in start order. */
  private void sortByStart(int[] ids) {
    for (int i = 1; i < ids.length; i++) {
      int id = ids[i];
      long s = start[id];
      int j = i - 1;
      while (j >= 0 && start[ids[j]] > s) {
        ids[j + 1] = ids[j];
        j--;
      }
      ids[j + 1] = id;
    }
  }

  /**
   * Calls {@code sink} for every flight in the air at {@code t} (started at or before {@code t},
   * not yet arrived), link by link. Work is proportional to the flights in the air plus those that
   * started within a link's horizon; nothing is allocated.
   */
  public void forEachAt(long t, Sink sink) {
    for (int l = 0; l < byLink.length; l++) {
      long[] starts = startsByLink[l];
      if (starts.length == 0) {
        continue;
      }
      int[] ids = byLink[l];
      int from = lowerBound(starts, t - horizon[l]);
      for (int i = from; i < starts.length && starts[i] <= t; i++) {
        emit(ids[i], t, sink);
      }
    }
    int upto = upperBound(longStarts, t);
    for (int i = 0; i < upto; i++) {
      emit(longIds[i], t, sink);
    }
  }

  private void emit(int id, long t, Sink sink) {
    long s = start[id];
    long e = end[id];
    if (t >= s && t < e) {
      sink.token(id, (double) (t - s) / (double) (e - s));
    }
  }

  /** Number of flights in the air at {@code t}. */
  public int countAt(long t) {
    int[] n = {0};
    forEachAt(t, (f, x) -> n[0]++);
    return n[0];
  }

  /** First index with {@code a[i] >= v}. */
  static int lowerBound(long[] a, long v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index with {@code a[i] > v}. */
  static int upperBound(long[] a, long v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  public int size() {
    return count;
  }

  public long start(int flight) {
    return start[flight];
  }

  public long end(int flight) {
    return end[flight];
  }

  /** The flight's link, numbered in pipeline connection order. */
  public int link(int flight) {
    return link[flight];
  }

  /** The message's key (an index into the trace's key table), or -1. */
  public int key(int flight) {
    return key[flight];
  }

  public int partition(int flight) {
    return partition[flight];
  }

  public byte flags(int flight) {
    return flags[flight];
  }

  /** Collects flights as a run's steps are read; not thread-safe. */
  public static final class Builder {
    private int count;
    private long[] start = new long[1024];
    private long[] end = new long[1024];
    private int[] link = new int[1024];
    private int[] key = new int[1024];
    private int[] partition = new int[1024];
    private byte[] flags = new byte[1024];

    /** Starts a flight; its end is the end of the run until {@link #finish} says otherwise. */
    public int start(long at, int link, int key, int partition, boolean backward) {
      if (count == start.length) {
        int n = count * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        this.link = Arrays.copyOf(this.link, n);
        this.key = Arrays.copyOf(this.key, n);
        this.partition = Arrays.copyOf(this.partition, n);
        flags = Arrays.copyOf(flags, n);
      }
      int id = count++;
      start[id] = at;
      end[id] = Long.MAX_VALUE;
      this.link[id] = link;
      this.key[id] = key;
      this.partition[id] = partition;
      flags[id] = (byte) (OPEN | (backward ? BACKWARD : 0));
      return id;
    }

    public void finish(int id, long at, boolean dropped) {
      end[id] = at;
      flags[id] = (byte) ((flags[id] & ~OPEN) | (dropped ? DROPPED : 0));
    }

    /** A copy of a finished flight (a duplicate delivery of one message), ending at {@code at}. */
    public int copy(int of, long at, boolean dropped) {
      int id = start(start[of], link[of], key[of], partition[of], (flags[of] & BACKWARD) != 0);
      finish(id, at, dropped);
      return id;
    }

    public long startOf(int id) {
      return start[id];
    }

    /**
     * The index over what was collected; flights still open end at {@code runEnd} (at least 1 µs
     * after they started).
     */
    public Flights build(int links, long runEnd) {
      for (int i = 0; i < count; i++) {
        if (end[i] == Long.MAX_VALUE) {
          end[i] = Math.max(runEnd, start[i] + 1);
        }
      }
      return new Flights(this, links);
    }
  }
}
