package dev.flowsim.simulator.node;

import dev.flowsim.model.Fault;
import dev.flowsim.model.Producer;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.engine.KeyChooser;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.engine.Messages;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.Sampler;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.kernel.PayloadAction;
import dev.flowsim.simulator.kernel.SimRandom;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A producer: creates events at its rate (constant gaps or Poisson, multiplied during a burst) over
 * its key space, stamps each with its own clock (true time + skew + drift), sends it to every
 * output, and — with a retry policy — resends it after a timeout until acknowledged. Without
 * request ids a retry is indistinguishable from a new event downstream. While offline it keeps
 * producing into a buffer and sends everything when it reconnects. It remembers, per key, the last
 * event it produced and the version its write was acknowledged with: the "session" of its users,
 * which dependent producers and readers acting as the same users consult. A full queue with
 * backpressure does not take an event ({@link Messages#BUSY}): the producer offers it to that queue
 * again after a short backoff, until it is taken.
 */
final class ProducerNode extends Node implements World.FaultTarget {
  /** Pause before an event a full queue did not take is offered again. */
  static final long BUSY_BACKOFF_MICROS = 50_000L;

  private final Producer spec;

  /** One action for every arrival: payload = the incarnation that scheduled it. */
  private final PayloadAction tick = born -> tick((int) born);

  private final KeyChooser keys;
  private final SimRandom arrivals;
  private final SimRandom values;
  private final byte op;
  private long skew;
  private double driftPpm;
  private double rateFactor = 1.0;
  private boolean offline;
  private final ArrayDeque<Long> buffer = new ArrayDeque<>();
  private final Map<Long, Integer> attempts = new HashMap<>();
  private long produced;
  private long[] lastEvent = new long[16];
  private long[] lastEventTime = new long[16];
  private long[] ackedVersion = new long[16];
  private boolean stopped;
  private int busyRetries;

  ProducerNode(World world, Producer spec) {
    super(world, spec.id());
    this.spec = spec;
    this.keys = new KeyChooser(spec.keys(), world.random(spec.id(), "keys"), world.trace().keys());
    this.arrivals = world.random(spec.id(), "arrivals");
    this.values = world.random(spec.id(), "values");
    this.op =
        switch (spec.operation()) {
          case SET -> Events.SET;
          case INCREMENT -> Events.INCREMENT;
          case CLAIM -> Events.CLAIM;
          case TRANSFER -> Events.TRANSFER;
        };
    this.skew = spec.clock().skew().micros();
    this.driftPpm = spec.clock().driftPpm();
  }

  @Override
  public long clock() {
    long now = world.now();
    return now + skew + Math.round(now * driftPpm / 1e6);
  }

  @Override
  public boolean wantsAcks() {
    return spec.retry() != null;
  }

  @Override
  protected void onStart() {
    scheduleNext();
  }

  private void scheduleNext() {
    double mean = spec.rate().meanGapMicros() / rateFactor;
    long gap =
        spec.arrivals() == Producer.Arrivals.CONSTANT
            ? Math.max(1, Math.round(mean))
            : Math.max(1, Sampler.exponential(arrivals, mean));
    int born = incarnation();
    world.kernel().schedule(gap, tick, born);
  }

  private void tick(int born) {
    if (born != incarnation() || !isUp() || stopped) {
      return;
    }
    if (spec.limit() != null && produced >= spec.limit()) {
      return;
    }
    produce();
    scheduleNext();
  }

  private void produce() {
    int key = keys.next();
    grow(key);
    long cause = 0;
    if (spec.dependsOn() != null && world.node(spec.dependsOn()) instanceof ProducerNode other) {
      cause = other.lastEvent(key);
    }
    Events events = world.events();
    long eventTime = clock();
    long id = events.create(key, op, 0, eventTime, world.now(), 0, index, cause);
    long value =
        switch (op) {
          case Events.INCREMENT -> 1;
          // one leg of a transfer: a debit (negative) or a credit of 1..100 on the account
          case Events.TRANSFER -> (values.nextBoolean() ? -1 : 1) * (1 + values.nextInt(100));
          default -> id;
        };
    long requestId = spec.requestIds() ? id : 0;
    events.setValueAndRequest(id, value, requestId);
    produced++;
    lastEvent[key] = id;
    lastEventTime[key] = world.now();
    step(
        StepKind.PRODUCE,
        id,
        key,
        TraceStep.NONE,
        cause == 0 ? TraceStep.NONE : cause,
        value,
        TraceStep.NO_VALUE);
    if (offline) {
      buffer.add(id);
    } else {
      send(id);
    }
  }

  private void send(long id) {
    Events events = world.events();
    Messages msgs = world.messages();
    for (Link out : outputs()) {
      out.send(
          msgs.alloc(Messages.EVENT, id, events.key(id), events.value(id), 0, TraceStep.NONE, 0));
    }
    if (spec.retry() != null) {
      attempts.merge(id, 1, Integer::sum);
      int born = incarnation();
      world.kernel().schedule(spec.retry().timeout().micros(), () -> timeout(id, born));
    }
  }

  private void timeout(long id, int born) {
    Integer n = attempts.get(id);
    if (n == null || born != incarnation() || !isUp()) {
      return;
    }
    if (n >= spec.retry().maxAttempts()) {
      attempts.remove(id);
      return;
    }
    send(id);
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    if (fromDownstream && msgs.kind(m) == Messages.BUSY) {
      long id = msgs.event(m);
      int born = incarnation();
      busyRetries++;
      world
          .kernel()
          .schedule(
              BUSY_BACKOFF_MICROS,
              () -> {
                if (born == incarnation()) {
                  busyRetries--;
                  Events events = world.events();
                  link.send(
                      msgs.alloc(
                          Messages.EVENT,
                          id,
                          events.key(id),
                          events.value(id),
                          0,
                          TraceStep.NONE,
                          0));
                }
              });
      return;
    }
    if (fromDownstream && msgs.kind(m) == Messages.NACK) {
      // refused for good (e.g. a constraint): retrying cannot help
      attempts.remove(msgs.event(m));
      return;
    }
    if (fromDownstream && msgs.kind(m) == Messages.ACK) {
      long id = msgs.event(m);
      if (attempts.remove(id) != null || spec.retry() == null) {
        int key = msgs.key(m);
        if (key >= 0) {
          grow(key);
          ackedVersion[key] = Math.max(ackedVersion[key], msgs.sourceVersion(m));
        }
      }
    }
  }

  @Override
  public void fault(Fault fault, boolean active) {
    if (fault instanceof Fault.ClockChange c) {
      skew = c.skew().micros();
      driftPpm = c.driftPpm();
    } else if (fault instanceof Fault.Burst b) {
      rateFactor = active ? b.factor() : 1.0;
    } else if (fault instanceof Fault.Offline) {
      offline = active;
      if (!active) {
        while (!buffer.isEmpty()) {
          send(buffer.poll());
        }
      }
    }
  }

  @Override
  protected void stopProducing() {
    stopped = true;
    offline = false;
    while (!buffer.isEmpty()) {
      send(buffer.poll());
    }
  }

  @Override
  protected boolean busy() {
    return !attempts.isEmpty() || !buffer.isEmpty() || busyRetries > 0;
  }

  @Override
  protected void onCrash() {
    attempts.clear();
    buffer.clear();
    busyRetries = 0;
  }

  @Override
  protected void onRestart() {
    scheduleNext();
  }

  private void grow(int key) {
    if (key >= lastEvent.length) {
      int n = Math.max(key + 1, lastEvent.length * 2);
      lastEvent = Arrays.copyOf(lastEvent, n);
      lastEventTime = Arrays.copyOf(lastEventTime, n);
      ackedVersion = Arrays.copyOf(ackedVersion, n);
    }
  }

  /** The last event this producer's users created for {@code key}, or 0. */
  long lastEvent(int key) {
    return key < lastEvent.length ? lastEvent[key] : 0;
  }

  /** When the last event for {@code key} was created, or -1. */
  long lastEventTime(int key) {
    return key < lastEvent.length && lastEvent[key] != 0 ? lastEventTime[key] : -1;
  }

  /** The highest store version this producer's writes of {@code key} were acknowledged with. */
  long ackedVersion(int key) {
    return key < ackedVersion.length ? ackedVersion[key] : 0;
  }

  KeyChooser keys() {
    return keys;
  }
}
