package dev.flowsim.simulator.node;

import dev.flowsim.model.Duration;
import dev.flowsim.model.Operator;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.StringTable;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Windowed aggregation by key, per processor instance (an instance sees the keys of the partitions
 * or messages it was given, and keeps its own windows and watermark).
 *
 * <p><b>Time.</b> With event time an event's time is its event time (the producer's clock when it
 * created it) and the watermark is the largest event time the instance has seen minus {@code
 * watermarkDelay}; it only moves when events arrive. With processing time an event's time is the
 * processor's clock when it processes the event, the watermark is that clock, windows close on a
 * timer at their end, nothing is ever late, and the delay and allowed lateness do not apply.
 *
 * <p><b>Windows</b> are half-open intervals [start, end) of microseconds:
 *
 * <ul>
 *   <li>tumbling: [k·size, (k+1)·size);
 *   <li>hopping: [k·hop, k·hop + size) — an event belongs to about size / hop of them;
 *   <li>sliding: one window per distinct event time t of the key, covering the {@code size} that
 *       ends with it: [t − size + 1, t + 1), holding every event of the key with a time in (t −
 *       size, t] (Kafka Streams' sliding windows, without its extra windows that start at an
 *       event);
 *   <li>session: the events of a key separated by less than {@code gap}: [first, last + gap);
 *       sessions that an event brings within the gap of each other merge.
 * </ul>
 *
 * <p><b>Firing and lateness</b> (Flink's rules). A window fires when the watermark reaches its end
 * (watermark ≥ end): WINDOW_EMIT with the aggregate. It is kept for {@code allowedLateness} more
 * (until watermark ≥ end + allowedLateness) and then forgotten. An event is <em>late</em> when a
 * window it belongs to has already fired (or been forgotten): LATE (value = the watermark, offset =
 * the start of that window, clock = the event's time). Windows of the event that are still open
 * take it anyway. For its closed windows the late policy decides: {@code drop} skips it (SKIP);
 * {@code side-output} sends the event itself on to the outputs (same event id, key and value — so
 * downstream it is an input event, not a result); {@code correction} adds it to each closed window
 * still kept and emits that window again at once (WINDOW_EMIT whose old value is the aggregate
 * emitted before), and skips it (SKIP) if every such window is already forgotten. So the allowed
 * lateness matters only for corrections.
 *
 * <p><b>Results.</b> Each emission is a new derived event, created by this processor ({@link
 * Events#producer} = its index, cause = the last event added to the window, event time = end − 1,
 * operation set, value = the aggregate: count, sum of values, or the value of the event with the
 * latest time). It goes to the outputs under a key of its own per window, {@code key@start} (e.g.
 * {@code country-3@20s}), so a correction overwrites exactly its window's row, with the window's
 * emission number (1, 2, …) as source version, so a version-checked store ignores an older one. The
 * WINDOW_EMIT step names the input key, partition = the instance, offset = the window's start,
 * clock = the result's event time (end − 1), so a checker can gather the events that truly belong
 * to the window: those of the key with an event time in [start, end).
 *
 * <p><b>End of input.</b> When the run has stopped producing and everything else has drained, the
 * end of input reaches the operator, as a final watermark of +∞ does in Flink: every open window
 * fires (including processing-time windows whose end has not come yet), and all state is dropped.
 *
 * <p>The windows are the processor's state: a checkpoint copies them with the watermark, a crash
 * loses them.
 */
final class WindowLogic implements ProcessorNode.OperatorLogic {
  private static final Comparator<Timer> ORDER =
      Comparator.comparingLong(Timer::time)
          .thenComparing(Timer::purge)
          .thenComparingInt(Timer::key)
          .thenComparingLong(Timer::start)
          .thenComparingLong(Timer::seq);

  private final ProcessorNode node;
  private final Operator.WindowType type;
  private final boolean eventTime;
  private final long size;
  private final long hop;
  private final long gap;
  private final long delay;
  private final long lateness;
  private final Operator.LatePolicy policy;
  private final Operator.Aggregate aggregate;
  private Instance[] instances;

  // what happened to the event being processed
  private boolean late;
  private long firstLateStart;
  private boolean taken;
  private boolean corrected;

  WindowLogic(ProcessorNode node, Operator.Window spec) {
    this.node = node;
    this.type = spec.window();
    this.eventTime = spec.time() == Operator.TimeSemantics.EVENT;
    this.size = spec.size().micros();
    this.hop = spec.window() == Operator.WindowType.HOPPING ? spec.hop().micros() : size;
    this.gap = spec.gap().micros();
    this.delay = eventTime ? spec.watermarkDelay().micros() : 0;
    this.lateness = eventTime ? spec.allowedLateness().micros() : 0;
    this.policy = spec.latePolicy();
    this.aggregate = spec.aggregate();
    this.instances = fresh(node.instances());
  }

  private static Instance[] fresh(int n) {
    Instance[] all = new Instance[n];
    for (int i = 0; i < n; i++) {
      all[i] = new Instance();
    }
    return all;
  }

  @Override
  public void process(long[] item, Link from) {
    int inst = (int) item[ProcessorNode.INSTANCE];
    long event = item[ProcessorNode.EVENT];
    int key = (int) item[ProcessorNode.KEY];
    long value = item[ProcessorNode.VALUE];
    Instance s = instances[inst];
    long t;
    if (eventTime) {
      t = node.world().events().eventTime(event);
    } else {
      t = node.clock();
      advance(s, inst, t);
    }
    KeyState ks = s.keys.computeIfAbsent(key, k -> new KeyState());
    late = false;
    firstLateStart = TraceStep.NONE;
    taken = false;
    corrected = false;
    switch (type) {
      case TUMBLING, HOPPING -> {
        long first = Math.floorDiv(t - size, hop) * hop + hop;
        for (long start = first; start <= t; start += hop) {
          offer(s, inst, ks, key, start, start + size, t, value, event);
        }
      }
      case SLIDING -> sliding(s, inst, ks, key, t, value, event);
      case SESSION -> session(s, inst, ks, key, t, value, event);
    }
    if (late) {
      node.record(
          StepKind.LATE, event, key, inst, firstLateStart, s.watermark, TraceStep.NO_VALUE, t);
      if (policy == Operator.LatePolicy.SIDE_OUTPUT) {
        node.emit(event, key, value, item[ProcessorNode.SOURCE]);
      } else if (policy == Operator.LatePolicy.DROP || !corrected) {
        node.record(StepKind.SKIP, event, key, inst, firstLateStart, value, TraceStep.NO_VALUE);
      }
    }
    if (eventTime) {
      if (t > s.maxSeen) {
        s.maxSeen = t;
        long wm = t - delay;
        if (wm > s.watermark) {
          advance(s, inst, wm);
        }
      }
    } else {
      armTimer(s, inst);
    }
  }

  /** Offers the event to the window [start, end) (which may not exist yet). */
  private void offer(
      Instance s,
      int inst,
      KeyState ks,
      int key,
      long start,
      long end,
      long t,
      long value,
      long event) {
    Win w = ks.windows.get(start);
    if (end > s.watermark) {
      if (w == null) {
        w = open(s, ks, key, start, end);
      }
      w.add(t, value, event);
      taken = true;
      return;
    }
    markLate(start);
    if (policy != Operator.LatePolicy.CORRECTION || end + lateness <= s.watermark) {
      return;
    }
    if (w == null) {
      w = open(s, ks, key, start, end);
    }
    w.add(t, value, event);
    taken = true;
    corrected = true;
    emit(inst, w);
  }

  private void markLate(long start) {
    if (!late) {
      late = true;
      firstLateStart = start;
    }
  }

  private void sliding(Instance s, int inst, KeyState ks, int key, long t, long value, long e) {
    long own = t - size + 1;
    List<Win> covering = new ArrayList<>(ks.windows.subMap(own, true, t, true).values());
    for (Win w : covering) {
      offer(s, inst, ks, key, w.start, w.end, t, value, e);
    }
    if (!ks.windows.containsKey(own)) {
      long end = t + 1;
      boolean open = end > s.watermark;
      if (!open) {
        markLate(own);
      }
      if (open || (policy == Operator.LatePolicy.CORRECTION && end + lateness > s.watermark)) {
        Win w = open(s, ks, key, own, end);
        for (int j = 0; j < ks.size; j++) {
          if (ks.times[j] >= own && ks.times[j] <= t) {
            w.add(ks.times[j], ks.values[j], ks.events[j]);
          }
        }
        w.add(t, value, e);
        taken = true;
        if (!open) {
          corrected = true;
          emit(inst, w);
        }
      }
    }
    if (taken) {
      ks.buffer(t, value, e);
    }
  }

  private void session(Instance s, int inst, KeyState ks, int key, long t, long value, long e) {
    long end = t + gap;
    List<Win> overlap = new ArrayList<>();
    for (Win w : ks.windows.headMap(end, false).descendingMap().values()) {
      if (w.end <= t) {
        break;
      }
      overlap.add(0, w);
    }
    boolean anyFired = false;
    long mergedEnd = end;
    for (Win w : overlap) {
      anyFired |= w.fired;
      mergedEnd = Math.max(mergedEnd, w.end);
    }
    if (!anyFired && mergedEnd > s.watermark) {
      merge(s, ks, key, overlap, t, mergedEnd).add(t, value, e);
      taken = true;
      return;
    }
    Win firstFired = null;
    for (Win w : overlap) {
      if (w.fired) {
        firstFired = w;
        break;
      }
    }
    markLate(firstFired != null ? firstFired.start : t);
    if (policy == Operator.LatePolicy.CORRECTION
        && (anyFired || mergedEnd + lateness > s.watermark)) {
      Win w = merge(s, ks, key, overlap, t, mergedEnd);
      w.add(t, value, e);
      taken = true;
      corrected = true;
      if (w.end <= s.watermark) {
        emit(inst, w);
      }
    }
  }

  /**
   * Merges the overlapping sessions and the event at {@code t} into one session ending at {@code
   * end}: the earliest session absorbs the others (and keeps what it emitted before).
   */
  private Win merge(Instance s, KeyState ks, int key, List<Win> overlap, long t, long end) {
    if (overlap.isEmpty()) {
      return open(s, ks, key, t, end);
    }
    Win kept = overlap.get(0);
    for (int i = 1; i < overlap.size(); i++) {
      Win o = overlap.get(i);
      kept.absorb(o);
      o.alive = false;
      ks.windows.remove(o.start);
    }
    long start = Math.min(kept.start, t);
    if (start != kept.start) {
      ks.windows.remove(kept.start);
      kept.start = start;
      ks.windows.put(start, kept);
    }
    if (end != kept.end) {
      kept.end = end;
      kept.fired = false;
      s.addTimers(kept, lateness);
    }
    return kept;
  }

  private Win open(Instance s, KeyState ks, int key, long start, long end) {
    Win w = new Win(key, start, end);
    ks.windows.put(start, w);
    s.addTimers(w, lateness);
    return w;
  }

  /** Moves the watermark to {@code wm}: fires the windows it passed and forgets the expired. */
  private void advance(Instance s, int inst, long wm) {
    s.watermark = wm;
    while (!s.timers.isEmpty() && s.timers.peek().time() <= wm) {
      fire(s, inst, s.timers.poll());
    }
  }

  private boolean fire(Instance s, int inst, Timer tm) {
    Win w = tm.win();
    if (!w.alive) {
      return false;
    }
    if (!tm.purge()) {
      if (!w.fired && w.end == tm.time()) {
        emit(inst, w);
        return true;
      }
    } else if (w.end + lateness == tm.time()) {
      w.alive = false;
      KeyState ks = s.keys.get(w.key);
      ks.windows.remove(w.start);
      if (s.watermark > Long.MIN_VALUE + lateness + size) {
        ks.prune(s.watermark - lateness - size + 1);
      }
      if (ks.windows.isEmpty() && ks.size == 0) {
        s.keys.remove(w.key);
      }
    }
    return false;
  }

  /** Emits a window's aggregate as a new derived event (a correction if emitted before). */
  private void emit(int inst, Win w) {
    long agg =
        switch (aggregate) {
          case COUNT -> w.count;
          case SUM -> w.sum;
          case LATEST -> w.latestValue;
        };
    StringTable keys = node.world().trace().keys();
    int row = keys.intern(keys.name(w.key) + "@" + Duration.ofMicros(w.start));
    long now = node.world().now();
    long id =
        node.world().events().create(row, Events.SET, agg, w.end - 1, now, 0, node.index, w.last);
    node.record(StepKind.WINDOW_EMIT, id, w.key, inst, w.start, agg, w.emitted, w.end - 1);
    w.emissions++;
    w.emitted = agg;
    w.fired = true;
    node.emit(id, row, agg, w.emissions);
  }

  private void armTimer(Instance s, int inst) {
    Timer head = s.timers.peek();
    if (head == null || head.time() >= s.timerAt) {
      return;
    }
    s.timerAt = head.time();
    long gen = ++s.timerGen;
    int born = node.incarnation();
    node.world()
        .kernel()
        .scheduleAt(
            Math.max(node.world().now(), head.time()),
            () -> {
              if (born != node.incarnation() || gen != s.timerGen) {
                return;
              }
              s.timerAt = Long.MAX_VALUE;
              advance(s, inst, node.clock());
              armTimer(s, inst);
            });
  }

  @Override
  public boolean endOfInput() {
    boolean emitted = false;
    for (int i = 0; i < instances.length; i++) {
      Instance s = instances[i];
      while (!s.timers.isEmpty()) {
        emitted |= fire(s, i, s.timers.poll());
      }
      s.keys.clear();
      s.timerGen++;
      s.timerAt = Long.MAX_VALUE;
    }
    return emitted;
  }

  @Override
  public void crash() {
    instances = fresh(instances.length);
  }

  @Override
  public Object snapshot() {
    Instance[] copy = new Instance[instances.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = instances[i].copy(lateness);
    }
    return copy;
  }

  @Override
  public void restore(Object snapshot) {
    Instance[] saved = (Instance[]) snapshot;
    for (int i = 0; i < instances.length; i++) {
      instances[i] = saved[i].copy(lateness);
      if (!eventTime) {
        armTimer(instances[i], i);
      }
    }
  }

  /** A window's state. */
  private static final class Win {
    final int key;
    long start;
    long end;
    long count;
    long sum;
    long latestTime = Long.MIN_VALUE;
    long latestValue = TraceStep.NO_VALUE;
    long last;
    boolean fired;
    long emitted = TraceStep.NO_VALUE;
    int emissions;
    boolean alive = true;

    Win(int key, long start, long end) {
      this.key = key;
      this.start = start;
      this.end = end;
    }

    void add(long t, long value, long event) {
      count++;
      sum += value;
      if (t >= latestTime) {
        latestTime = t;
        latestValue = value;
      }
      last = event;
    }

    void absorb(Win o) {
      count += o.count;
      sum += o.sum;
      if (o.latestTime > latestTime) {
        latestTime = o.latestTime;
        latestValue = o.latestValue;
        last = o.last;
      }
    }

    Win copy() {
      Win w = new Win(key, start, end);
      w.count = count;
      w.sum = sum;
      w.latestTime = latestTime;
      w.latestValue = latestValue;
      w.last = last;
      w.fired = fired;
      w.emitted = emitted;
      w.emissions = emissions;
      return w;
    }
  }

  /** A window's timer: fire at its end, forget it at its end plus the allowed lateness. */
  private record Timer(long time, boolean purge, int key, long start, long seq, Win win) {}

  /** The windows of one key, and for sliding windows the events they may still need. */
  private static final class KeyState {
    final TreeMap<Long, Win> windows = new TreeMap<>();
    long[] times = new long[0];
    long[] values = new long[0];
    long[] events = new long[0];
    int size;

    /** Keeps an accepted event, in time order. */
    void buffer(long t, long value, long event) {
      if (size == times.length) {
        int n = Math.max(8, size * 2);
        times = Arrays.copyOf(times, n);
        values = Arrays.copyOf(values, n);
        events = Arrays.copyOf(events, n);
      }
      int i = size;
      while (i > 0 && times[i - 1] > t) {
        times[i] = times[i - 1];
        values[i] = values[i - 1];
        events[i] = events[i - 1];
        i--;
      }
      times[i] = t;
      values[i] = value;
      events[i] = event;
      size++;
    }

    /**
     * Forgets buffered events older than {@code from}: no window that can still open needs them.
     */
    void prune(long from) {
      int drop = 0;
      while (drop < size && times[drop] < from) {
        drop++;
      }
      if (drop > 0) {
        System.arraycopy(times, drop, times, 0, size - drop);
        System.arraycopy(values, drop, values, 0, size - drop);
        System.arraycopy(events, drop, events, 0, size - drop);
        size -= drop;
      }
    }

    KeyState copy() {
      KeyState k = new KeyState();
      for (Map.Entry<Long, Win> e : windows.entrySet()) {
        k.windows.put(e.getKey(), e.getValue().copy());
      }
      k.times = Arrays.copyOf(times, size);
      k.values = Arrays.copyOf(values, size);
      k.events = Arrays.copyOf(events, size);
      k.size = size;
      return k;
    }
  }

  /** One instance's windows by key, its watermark and its window timers. */
  private static final class Instance {
    long maxSeen = Long.MIN_VALUE;
    long watermark = Long.MIN_VALUE;
    final TreeMap<Integer, KeyState> keys = new TreeMap<>();
    final PriorityQueue<Timer> timers = new PriorityQueue<>(ORDER);
    long seq;
    long timerAt = Long.MAX_VALUE;
    long timerGen;

    void addTimers(Win w, long lateness) {
      if (!w.fired) {
        timers.add(new Timer(w.end, false, w.key, w.start, seq++, w));
      }
      timers.add(new Timer(w.end + lateness, true, w.key, w.start, seq++, w));
    }

    /** A deep copy, with the timers of its windows rebuilt. */
    Instance copy(long lateness) {
      Instance c = new Instance();
      c.maxSeen = maxSeen;
      c.watermark = watermark;
      for (Map.Entry<Integer, KeyState> e : keys.entrySet()) {
        KeyState k = e.getValue().copy();
        c.keys.put(e.getKey(), k);
        for (Win w : k.windows.values()) {
          c.addTimers(w, lateness);
        }
      }
      return c;
    }
  }
}
