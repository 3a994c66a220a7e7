package dev.flowsim.simulator.node;

import dev.flowsim.model.Queue;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.engine.Messages;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.kernel.Kernel;
import dev.flowsim.simulator.kernel.PayloadAction;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue broker (AMQP/JMS-like). Each message gets a sequence number when it is enqueued (APPEND:
 * offset = the number) and waits until it is pushed to one consumer instance — round-robin over the
 * instances that hold fewer unacked messages than the prefetch; the instances are every outgoing
 * link times its consumer's {@link Node#consumerInstances()}. Load-balanced delivery has one queue
 * shared by all of them; fan-out gives every outgoing link its own queue with a copy of each
 * message (its instances share that copy's queue).
 *
 * <p>A delivery carries the sequence number as its version (the consumer's CONSUME offset) and the
 * instance as aux; the consumer's ack echoes both, and counts only from the instance that holds the
 * message now. An acked message is deleted: nothing is ever replayed. When no ack comes within the
 * ack timeout the broker takes the message back (the instance's prefetch slot is freed, as a
 * visibility timeout does) and redelivers it (REDELIVER), to another instance when one has room:
 * the message overtakes later messages of its key, and the slow instance may still finish its copy
 * — reordering and duplicates. A consumer detected down ({@link #HEARTBEAT_TIMEOUT_MICROS} after a
 * crash) or reconnecting after a restart gets its unacked messages taken back and redelivered.
 *
 * <p>A bounded queue counts the messages it holds (waiting and unacked). When full, drop-new drops
 * the arriving message (DROP, no offset); drop-oldest drops the oldest message still waiting (DROP
 * with its offset), or the new one if every held message is out at a consumer; backpressure takes
 * nothing and replies {@link Messages#BUSY}, and the sender offers the message again after a
 * backoff (SKIP at the queue, offset none). In fan-out mode the copies are judged per queue, except
 * that backpressure refuses a message unless every queue has room, so a retry never duplicates a
 * copy. A crash of an in-memory queue loses every held message (DROP each); a persistent queue
 * keeps them and, after its restart, redelivers those that were out at consumers. Senders that want
 * acks are acked when the message is enqueued.
 *
 * <p>Steps carry partition -1 for a load-balanced queue and the consumer link's number among the
 * queue's outputs for a fan-out copy; messages to consumers always carry partition -1.
 */
final class QueueNode extends Node {
  /** How long a crashed consumer's connection goes unnoticed (missed heartbeats). */
  static final long HEARTBEAT_TIMEOUT_MICROS = 3_000_000L;

  private static final byte READY = 1;
  private static final byte UNACKED = 2;
  private static final byte GONE = 0;

  private final Queue spec;
  private final boolean fanOut;
  private final boolean persistent;
  private final int prefetch;
  private final long ackTimeout;
  private final int capacity;
  private final List<Store> stores = new ArrayList<>();
  private final Map<Link, Store> storeOf = new HashMap<>();

  QueueNode(World world, Queue spec) {
    super(world, spec.id());
    this.spec = spec;
    this.fanOut = spec.delivery() == Queue.Delivery.FAN_OUT;
    this.persistent = spec.durability() == Queue.Durability.PERSISTENT;
    this.prefetch = spec.prefetch();
    this.ackTimeout = spec.ackTimeout().micros();
    this.capacity = spec.capacity() == null ? Integer.MAX_VALUE : spec.capacity();
  }

  @Override
  public boolean isBroker() {
    return true;
  }

  @Override
  protected void onStart() {
    List<Link> outs = outputs();
    if (fanOut) {
      for (int i = 0; i < outs.size(); i++) {
        Store s = new Store(i);
        s.addConsumer(outs.get(i));
        stores.add(s);
        storeOf.put(outs.get(i), s);
      }
    } else {
      Store s = new Store(TraceStep.NONE);
      for (Link out : outs) {
        s.addConsumer(out);
        storeOf.put(out, s);
      }
      stores.add(s);
    }
  }

  @Override
  protected long peerDownDelay() {
    return HEARTBEAT_TIMEOUT_MICROS;
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    int kind = msgs.kind(m);
    if (!fromDownstream) {
      if (kind == Messages.EVENT || kind == Messages.WRITE) {
        enqueue(link, m);
      }
      return;
    }
    Store s = storeOf.get(link);
    if (s != null && kind == Messages.ACK) {
      s.ack(link, msgs.version(m), (int) msgs.aux(m));
    }
  }

  private void enqueue(Link from, int m) {
    Messages msgs = world.messages();
    long event = msgs.event(m);
    int key = msgs.key(m);
    long value = msgs.value(m);
    if (spec.overflow() == Queue.Overflow.BACKPRESSURE) {
      for (Store s : stores) {
        if (s.held >= capacity) {
          step(StepKind.SKIP, event, key, s.tag, TraceStep.NONE, value, TraceStep.NO_VALUE);
          from.reply(
              msgs.alloc(
                  Messages.BUSY,
                  event,
                  key,
                  value,
                  msgs.version(m),
                  msgs.partition(m),
                  msgs.aux(m),
                  msgs.sourceVersion(m)));
          return;
        }
      }
    }
    long first = TraceStep.NONE;
    for (Store s : stores) {
      if (s.held >= capacity) {
        if (spec.overflow() == Queue.Overflow.DROP_OLDEST && !s.ready.isEmpty()) {
          s.dropOldest();
        } else {
          step(StepKind.DROP, event, key, s.tag, TraceStep.NONE, value, TraceStep.NO_VALUE);
          continue;
        }
      }
      long seq = s.append(event, key, value, msgs.sourceVersion(m));
      step(StepKind.APPEND, event, key, s.tag, seq, value, TraceStep.NO_VALUE);
      if (first == TraceStep.NONE) {
        first = seq;
      }
    }
    if (first != TraceStep.NONE && from.from().wantsAcks()) {
      // the ack echoes the message's aux number (a service's write token)
      from.reply(msgs.alloc(Messages.ACK, event, key, value, first, TraceStep.NONE, msgs.aux(m)));
    }
    for (Store s : stores) {
      s.pump();
    }
  }

  @Override
  protected void peerDown(Link link) {
    Store s = storeOf.get(link);
    if (s != null) {
      s.reconnect(link, false);
    }
  }

  @Override
  protected void peerUp(Link link) {
    Store s = storeOf.get(link);
    if (s != null) {
      s.reconnect(link, true);
    }
  }

  @Override
  protected boolean busy() {
    for (Store s : stores) {
      if (s.busy()) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void onCrash() {
    for (Store s : stores) {
      s.crash();
    }
  }

  @Override
  protected void onRestart() {
    for (Store s : stores) {
      s.pump();
    }
  }

  /**
   * One queue of messages with its consumer instances: the messages held, in columns indexed by
   * sequence number in a ring (acked ones leave holes until the head is acked), the waiting ones in
   * a min-heap of sequence numbers (a message taken back returns to its place, ahead of newer
   * ones), and per instance whether it is connected and how many messages it holds unacked.
   */
  private final class Store {
    final int tag;
    final List<Link> consumerLinks = new ArrayList<>();
    final Map<Link, Integer> firstInstance = new HashMap<>();
    Link[] instanceLink = new Link[0];
    int[] instanceNumber = new int[0];
    boolean[] connected = new boolean[0];
    int[] unacked = new int[0];
    int instances;
    int roundRobin;

    long base;
    long end;
    int mask = 63;
    long[] events = new long[64];
    int[] keys = new int[64];
    long[] values = new long[64];
    long[] sources = new long[64];
    byte[] states = new byte[64];
    int[] holders = new int[64];
    int[] deliveries = new int[64];
    long[] deadlines = new long[64];
    long[] timers = new long[64];
    final SeqHeap ready = new SeqHeap();
    int held;
    int out;
    final PayloadAction timeout = seq -> timedOut(seq);

    Store(int tag) {
      this.tag = tag;
    }

    void addConsumer(Link link) {
      int n = link.to().consumerInstances();
      consumerLinks.add(link);
      firstInstance.put(link, instances);
      int total = instances + n;
      instanceLink = Arrays.copyOf(instanceLink, total);
      instanceNumber = Arrays.copyOf(instanceNumber, total);
      connected = Arrays.copyOf(connected, total);
      unacked = Arrays.copyOf(unacked, total);
      for (int i = 0; i < n; i++) {
        instanceLink[instances + i] = link;
        instanceNumber[instances + i] = i;
        connected[instances + i] = true;
      }
      instances = total;
    }

    private int at(long seq) {
      return (int) (seq & mask);
    }

    private boolean holds(long seq) {
      return seq >= base && seq < end && states[at(seq)] != GONE;
    }

    long append(long event, int key, long value, long source) {
      if (end - base > mask) {
        grow();
      }
      long seq = end++;
      int i = at(seq);
      events[i] = event;
      keys[i] = key;
      values[i] = value;
      sources[i] = source;
      states[i] = READY;
      holders[i] = -1;
      deliveries[i] = 0;
      timers[i] = Kernel.NO_EVENT;
      held++;
      ready.add(seq);
      return seq;
    }

    private void grow() {
      int n = (mask + 1) * 2;
      long[] ev = new long[n];
      int[] ks = new int[n];
      long[] vs = new long[n];
      long[] ss = new long[n];
      byte[] st = new byte[n];
      int[] hs = new int[n];
      int[] ds = new int[n];
      long[] dl = new long[n];
      long[] tm = new long[n];
      int newMask = n - 1;
      for (long seq = base; seq < end; seq++) {
        int from = at(seq);
        int to = (int) (seq & newMask);
        ev[to] = events[from];
        ks[to] = keys[from];
        vs[to] = values[from];
        ss[to] = sources[from];
        st[to] = states[from];
        hs[to] = holders[from];
        ds[to] = deliveries[from];
        dl[to] = deadlines[from];
        tm[to] = timers[from];
      }
      events = ev;
      keys = ks;
      values = vs;
      sources = ss;
      states = st;
      holders = hs;
      deliveries = ds;
      deadlines = dl;
      timers = tm;
      mask = newMask;
    }

    /** Deletes a message (acked or dropped) and moves the head past deleted ones. */
    private void remove(long seq) {
      int i = at(seq);
      states[i] = GONE;
      held--;
      while (base < end && states[at(base)] == GONE) {
        base++;
      }
    }

    void dropOldest() {
      long seq = ready.poll();
      int i = at(seq);
      step(StepKind.DROP, events[i], keys[i], tag, seq, values[i], TraceStep.NO_VALUE);
      remove(seq);
    }

    /** Pushes waiting messages to instances with room, oldest first. */
    void pump() {
      if (!isUp()) {
        return;
      }
      while (!ready.isEmpty()) {
        long seq = ready.peek();
        int instance = pick(holders[at(seq)]);
        if (instance < 0) {
          return;
        }
        ready.poll();
        deliver(seq, instance);
      }
    }

    /**
     * The next instance with room in round-robin order, avoiding {@code previous} (the instance
     * that let the message time out) when another has room; -1 when none has room.
     */
    private int pick(int previous) {
      int fallback = -1;
      for (int k = 0; k < instances; k++) {
        int c = (roundRobin + k) % instances;
        if (connected[c] && unacked[c] < prefetch) {
          if (c != previous) {
            roundRobin = c + 1;
            return c;
          }
          fallback = c;
        }
      }
      if (fallback >= 0) {
        roundRobin = fallback + 1;
      }
      return fallback;
    }

    private void deliver(long seq, int instance) {
      int i = at(seq);
      states[i] = UNACKED;
      holders[i] = instance;
      unacked[instance]++;
      out++;
      if (deliveries[i]++ > 0) {
        step(StepKind.REDELIVER, events[i], keys[i], tag, seq, values[i], TraceStep.NO_VALUE);
      }
      deadlines[i] = world.now() + ackTimeout;
      timers[i] = world.kernel().scheduleAt(deadlines[i], timeout, seq);
      Messages msgs = world.messages();
      instanceLink[instance].send(
          msgs.alloc(
              Messages.EVENT,
              events[i],
              keys[i],
              values[i],
              seq,
              TraceStep.NONE,
              instanceNumber[instance],
              sources[i]));
    }

    /** Takes an unacked message back from its instance: it waits again, in its old place. */
    private void takeBack(long seq) {
      int i = at(seq);
      world.kernel().cancel(timers[i]);
      timers[i] = Kernel.NO_EVENT;
      unacked[holders[i]]--;
      out--;
      states[i] = READY;
      ready.add(seq);
    }

    void ack(Link link, long seq, int instanceNumber) {
      Integer first = firstInstance.get(link);
      if (first == null || !holds(seq)) {
        return;
      }
      int i = at(seq);
      if (states[i] != UNACKED || holders[i] != first + instanceNumber) {
        return; // a late ack of a delivery taken back: the message is out again or waiting
      }
      world.kernel().cancel(timers[i]);
      unacked[holders[i]]--;
      out--;
      remove(seq);
      pump();
    }

    private void timedOut(long seq) {
      if (!isUp() || !holds(seq)) {
        return;
      }
      int i = at(seq);
      if (states[i] != UNACKED || deadlines[i] != world.now()) {
        return;
      }
      takeBack(seq);
      pump();
    }

    /**
     * A consumer's connection was lost (detected down) or made anew (restarted): whatever it held
     * unacked is taken back; its instances take messages again only when connected.
     */
    void reconnect(Link link, boolean up) {
      int first = firstInstance.get(link);
      int n = link.to().consumerInstances();
      for (long seq = base; seq < end; seq++) {
        int i = at(seq);
        if (states[i] == UNACKED && holders[i] >= first && holders[i] < first + n) {
          takeBack(seq);
        }
      }
      for (int c = first; c < first + n; c++) {
        connected[c] = up;
      }
      pump();
    }

    boolean busy() {
      if (out > 0) {
        return true;
      }
      if (ready.isEmpty()) {
        return false;
      }
      for (int c = 0; c < instances; c++) {
        if (connected[c] && instanceLink[c].to().isUp()) {
          return true;
        }
      }
      return false;
    }

    void crash() {
      for (long seq = base; seq < end; seq++) {
        int i = at(seq);
        if (states[i] == UNACKED) {
          takeBack(seq);
        }
      }
      if (persistent) {
        return; // on disk: after the restart everything waits again, unacked ones redelivered
      }
      for (long seq = base; seq < end; seq++) {
        int i = at(seq);
        if (states[i] != GONE) {
          step(StepKind.DROP, events[i], keys[i], tag, seq, values[i], TraceStep.NO_VALUE);
          states[i] = GONE;
        }
      }
      base = end;
      held = 0;
      ready.clear();
    }
  }

  /** A binary min-heap of sequence numbers (no boxing). */
  private static final class SeqHeap {
    private long[] heap = new long[64];
    private int size;

    boolean isEmpty() {
      return size == 0;
    }

    long peek() {
      return heap[0];
    }

    void add(long v) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (heap[parent] <= v) {
          break;
        }
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = v;
    }

    long poll() {
      long top = heap[0];
      long last = heap[--size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && heap[child + 1] < heap[child]) {
          child++;
        }
        if (heap[child] >= last) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
      return top;
    }

    void clear() {
      size = 0;
    }
  }
}
