package dev.flowsim.simulator.node;

import dev.flowsim.model.Operator;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A join of the processor's two inputs, per instance (an instance joins the keys it is given, so
 * the inputs must be partitioned alike for matching keys to meet). Times are event times (the
 * producers' clocks).
 *
 * <p><b>Stream–table.</b> The {@code table} input is a changelog (e.g. CDC through a compacted
 * topic): each record upserts its key's row (APPLY at the processor: partition = instance, offset =
 * the row's version, value, old value). The version is the source version the record carries (the
 * database's commit version), else its topic offset + 1. Each event of the other input is enriched
 * with a row of its key: a READ step (event, key, partition = instance, offset = the version met, 0
 * for no row, value = the row's value) and the event goes on with its own id, key and value and the
 * version met as its source version. Unversioned, it meets whatever row the table holds when it is
 * processed — an old one when the changelog lags. Versioned, it meets the row as of its own event
 * time: the latest change whose event time is at or before it (the table keeps a short history per
 * key); and while the table's watermark (the latest event time among the changes the instance has
 * applied) is behind the event, the event waits for the changelog to catch up, at most {@code
 * maxWait}, after which it takes the row as of its time among what has arrived.
 *
 * <p><b>Stream–stream.</b> Both inputs are buffered per key; an event joins every buffered event of
 * the other input whose event time is within {@code window} of its own. Each pair is a new derived
 * event (producer = the processor, cause = the first input's event, value = the second input's
 * event id, event time = the later of the two), recorded as PRODUCE at the processor (offset = the
 * first input's event, value = the second's, clock = its event time) and sent on. Buffered events
 * expire when they fall {@code window} behind the largest event time the instance has seen.
 *
 * <p><b>Table–table.</b> Both inputs are changelogs kept as tables (APPLY as above); a change of a
 * key whose other row exists emits the joined row: READ of the other row, then the change's event
 * with its value and the joined row's change number (1, 2, … per key) as source version.
 *
 * <p>Tables, buffers and waiting events are the processor's state: checkpointed, lost in a crash.
 */
final class JoinLogic implements ProcessorNode.OperatorLogic {
  /** Versions kept per key of a versioned table. */
  static final int HISTORY = 64;

  private final ProcessorNode node;
  private final Operator.Join spec;
  private final long window;
  private final long maxWait;
  private final boolean versioned;
  private int tableInput = -1;
  private Instance[] instances;

  JoinLogic(ProcessorNode node, Operator.Join spec) {
    this.node = node;
    this.spec = spec;
    this.window = spec.window().micros();
    this.maxWait = spec.maxWait().micros();
    this.versioned = spec.versioned();
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
  public void start() {
    List<Link> inputs = node.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).from().id().equals(spec.table())) {
        tableInput = i;
      }
    }
  }

  @Override
  public void process(long[] item, Link from) {
    int inst = (int) item[ProcessorNode.INSTANCE];
    int side = (int) item[ProcessorNode.LINK] == 0 ? 0 : 1;
    Instance s = instances[inst];
    switch (spec.join()) {
      case STREAM_TABLE -> {
        if ((int) item[ProcessorNode.LINK] == tableInput) {
          apply(s, inst, 0, item);
          release(s, inst, false);
        } else {
          stream(s, inst, item);
        }
      }
      case TABLE_TABLE -> tables(s, inst, side, item);
      case STREAM_STREAM -> pairs(s, inst, side, item);
    }
  }

  // ---------------------------------------------------------------- tables

  /** Upserts a changelog record into table {@code side}. */
  private Row apply(Instance s, int inst, int side, long[] item) {
    long event = item[ProcessorNode.EVENT];
    int key = (int) item[ProcessorNode.KEY];
    long version = item[ProcessorNode.SOURCE];
    if (version == 0 && item[ProcessorNode.PARTITION] >= 0) {
      version = item[ProcessorNode.OFFSET] + 1;
    }
    Row r = s.tables[side].computeIfAbsent(key, k -> new Row());
    long old = r.value;
    r.value = item[ProcessorNode.VALUE];
    if (version > 0) {
      r.version = version;
    }
    long t = node.world().events().eventTime(event);
    r.remember(t, r.version, r.value);
    node.record(StepKind.APPLY, event, key, inst, r.version, r.value, old);
    if (t > s.tableTime) {
      s.tableTime = t;
    }
    return r;
  }

  private void stream(Instance s, int inst, long[] item) {
    long event = item[ProcessorNode.EVENT];
    long t = node.world().events().eventTime(event);
    if (versioned && maxWait > 0 && s.tableTime < t) {
      s.waiting.add(
          new Waiter(
              event,
              (int) item[ProcessorNode.KEY],
              item[ProcessorNode.VALUE],
              t,
              node.world().now() + maxWait));
      armTimer(s, inst);
      return;
    }
    enrich(s, inst, event, (int) item[ProcessorNode.KEY], item[ProcessorNode.VALUE], t);
  }

  private void enrich(Instance s, int inst, long event, int key, long value, long t) {
    Row r = s.tables[0].get(key);
    long version = 0;
    long met = TraceStep.NO_VALUE;
    if (r != null) {
      if (versioned) {
        int i = r.asOf(t);
        if (i >= 0) {
          version = r.versions[i];
          met = r.values[i];
        }
      } else {
        version = r.version;
        met = r.value;
      }
    }
    node.record(StepKind.READ, event, key, inst, version, met, TraceStep.NO_VALUE);
    node.emit(event, key, value, version);
  }

  /**
   * Lets waiting events go, in arrival order: those the table's watermark has reached, and (on the
   * timer) those that waited {@code maxWait}.
   */
  private void release(Instance s, int inst, boolean timer) {
    if (s.waiting.isEmpty()) {
      return;
    }
    long now = node.world().now();
    List<Waiter> still = new ArrayList<>();
    for (Waiter w : s.waiting) {
      if (w.time() <= s.tableTime || (timer && w.deadline() <= now)) {
        enrich(s, inst, w.event(), w.key(), w.value(), w.time());
      } else {
        still.add(w);
      }
    }
    s.waiting.clear();
    s.waiting.addAll(still);
  }

  private void armTimer(Instance s, int inst) {
    if (s.waiting.isEmpty()) {
      return;
    }
    long at = s.waiting.get(0).deadline();
    if (at >= s.timerAt) {
      return;
    }
    s.timerAt = at;
    long gen = ++s.timerGen;
    int born = node.incarnation();
    node.world()
        .kernel()
        .scheduleAt(
            Math.max(at, node.world().now()),
            () -> {
              if (born != node.incarnation() || gen != s.timerGen) {
                return;
              }
              s.timerAt = Long.MAX_VALUE;
              release(s, inst, true);
              armTimer(s, inst);
            });
  }

  private void tables(Instance s, int inst, int side, long[] item) {
    apply(s, inst, side, item);
    int key = (int) item[ProcessorNode.KEY];
    Row other = s.tables[1 - side].get(key);
    if (other == null) {
      return;
    }
    long event = item[ProcessorNode.EVENT];
    node.record(StepKind.READ, event, key, inst, other.version, other.value, TraceStep.NO_VALUE);
    long change = s.changes.merge(key, 1L, Long::sum);
    node.emit(event, key, item[ProcessorNode.VALUE], change);
  }

  // ---------------------------------------------------------------- stream-stream

  private void pairs(Instance s, int inst, int side, long[] item) {
    long event = item[ProcessorNode.EVENT];
    int key = (int) item[ProcessorNode.KEY];
    Events events = node.world().events();
    long t = events.eventTime(event);
    if (t > s.maxSeen) {
      s.maxSeen = t;
    }
    long horizon = s.maxSeen - window;
    Buffer others = s.buffers[1 - side].get(key);
    if (others != null) {
      others.expire(horizon);
      for (int j = 0; j < others.size; j++) {
        long ot = others.times[j];
        if (Math.abs(t - ot) <= window) {
          long left = side == 0 ? event : others.ids[j];
          long right = side == 0 ? others.ids[j] : event;
          long time = Math.max(t, ot);
          long id =
              events.create(key, Events.SET, right, time, node.world().now(), 0, node.index, left);
          node.record(StepKind.PRODUCE, id, key, inst, left, right, TraceStep.NO_VALUE, time);
          node.emit(id, key, right, 0);
        }
      }
      if (others.size == 0) {
        s.buffers[1 - side].remove(key);
      }
    }
    Buffer own = s.buffers[side].get(key);
    if (own != null) {
      own.expire(horizon);
    }
    if (t >= horizon) {
      if (own == null) {
        own = new Buffer();
        s.buffers[side].put(key, own);
      }
      own.add(t, event);
    } else if (own != null && own.size == 0) {
      s.buffers[side].remove(key);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public boolean busy() {
    for (Instance s : instances) {
      if (!s.waiting.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void crash() {
    instances = fresh(instances.length);
  }

  @Override
  public Object snapshot() {
    Instance[] copy = new Instance[instances.length];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = instances[i].copy(0);
    }
    return copy;
  }

  /** Restores a checkpoint; events that were waiting wait again, for a whole {@code maxWait}. */
  @Override
  public void restore(Object snapshot) {
    Instance[] saved = (Instance[]) snapshot;
    long deadline = node.world().now() + maxWait;
    for (int i = 0; i < instances.length; i++) {
      instances[i] = saved[i].copy(deadline);
      armTimer(instances[i], i);
    }
  }

  /** A table row: the current value and version, and recent versions by event time. */
  private static final class Row {
    long value = TraceStep.NO_VALUE;
    long version;
    long[] times = new long[4];
    long[] versions = new long[4];
    long[] values = new long[4];
    int size;

    /** Adds a version to the history, in event-time order, forgetting the oldest beyond HISTORY. */
    void remember(long t, long version, long value) {
      if (size == HISTORY) {
        System.arraycopy(times, 1, times, 0, size - 1);
        System.arraycopy(versions, 1, versions, 0, size - 1);
        System.arraycopy(values, 1, values, 0, size - 1);
        size--;
      }
      if (size == times.length) {
        int n = Math.min(HISTORY, size * 2);
        times = Arrays.copyOf(times, n);
        versions = Arrays.copyOf(versions, n);
        values = Arrays.copyOf(values, n);
      }
      int i = size;
      while (i > 0 && times[i - 1] > t) {
        times[i] = times[i - 1];
        versions[i] = versions[i - 1];
        values[i] = values[i - 1];
        i--;
      }
      times[i] = t;
      versions[i] = version;
      values[i] = value;
      size++;
    }

    /** The history entry valid at {@code t} (the last one at or before it), or -1. */
    int asOf(long t) {
      int i = size - 1;
      while (i >= 0 && times[i] > t) {
        i--;
      }
      return i;
    }

    Row copy() {
      Row r = new Row();
      r.value = value;
      r.version = version;
      r.times = times.clone();
      r.versions = versions.clone();
      r.values = values.clone();
      r.size = size;
      return r;
    }
  }

  /** Buffered stream events of one key: event times and ids, in arrival order. */
  private static final class Buffer {
    long[] times = new long[4];
    long[] ids = new long[4];
    int size;

    void add(long t, long id) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        ids = Arrays.copyOf(ids, size * 2);
      }
      times[size] = t;
      ids[size] = id;
      size++;
    }

    /** Drops events older than {@code horizon}, keeping the order of the rest. */
    void expire(long horizon) {
      int kept = 0;
      for (int j = 0; j < size; j++) {
        if (times[j] >= horizon) {
          times[kept] = times[j];
          ids[kept] = ids[j];
          kept++;
        }
      }
      size = kept;
    }

    Buffer copy() {
      Buffer b = new Buffer();
      b.times = times.clone();
      b.ids = ids.clone();
      b.size = size;
      return b;
    }
  }

  /** A stream event waiting for the table to reach its time. */
  private record Waiter(long event, int key, long value, long time, long deadline) {}

  /** One instance's tables, buffers and waiting events. */
  private static final class Instance {
    @SuppressWarnings("unchecked")
    final Map<Integer, Row>[] tables = new Map[] {new HashMap<>(), new HashMap<>()};

    @SuppressWarnings("unchecked")
    final Map<Integer, Buffer>[] buffers = new Map[] {new HashMap<>(), new HashMap<>()};

    final Map<Integer, Long> changes = new HashMap<>();
    long maxSeen = Long.MIN_VALUE;
    long tableTime = Long.MIN_VALUE;
    final List<Waiter> waiting = new ArrayList<>();
    long timerAt = Long.MAX_VALUE;
    long timerGen;

    /** A deep copy; waiting events get {@code deadline} when it is not 0. */
    Instance copy(long deadline) {
      Instance c = new Instance();
      for (int side = 0; side < 2; side++) {
        for (Map.Entry<Integer, Row> e : tables[side].entrySet()) {
          c.tables[side].put(e.getKey(), e.getValue().copy());
        }
        for (Map.Entry<Integer, Buffer> e : buffers[side].entrySet()) {
          c.buffers[side].put(e.getKey(), e.getValue().copy());
        }
      }
      c.changes.putAll(changes);
      c.maxSeen = maxSeen;
      c.tableTime = tableTime;
      for (Waiter w : waiting) {
        c.waiting.add(
            deadline == 0 ? w : new Waiter(w.event(), w.key(), w.value(), w.time(), deadline));
      }
      return c;
    }
  }
}
