package dev.flowsim.simulator.node;

import dev.flowsim.model.Service;
import dev.flowsim.simulator.engine.BrokerInput;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.engine.Messages;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.Sampler;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.kernel.SimRandom;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An application service handling each request (after a service-time draw; requests are handled
 * concurrently) by writing per its strategy. Dual write: it writes each store it is connected to
 * itself — one after the other (waiting for each ack, and passing the database's version on), or
 * all at once — and each write can fail on its own and be retried; when retries run out the request
 * stays half done. A write fails when the attempt fails outright or when no answer comes within
 * {@link #WRITE_TIMEOUT_MICROS} (the write or its ack was lost; the write may still have been
 * applied); either leaves a DROP step by the service (offset = the number of the target, in
 * connection order; old value none, unlike a link's drop). Single write: only the database (derived
 * stores follow its change stream). Event sourcing: it appends the event to its topic. The
 * requester is acknowledged when every write is. A write a store refuses (a {@link Messages#NACK},
 * e.g. a claim of a taken name) is not retried: the request ends there, its remaining writes are
 * not made, and the requester gets a NACK. A full queue that pushes back ({@link Messages#BUSY})
 * took nothing: the write is offered again after the backoff, which is not a failure.
 */
final class ServiceNode extends Node {
  /** Pause before a failed write is tried again. */
  static final long RETRY_BACKOFF_MICROS = 50_000L;

  /** How long a write waits for its ack before it counts as failed. */
  static final long WRITE_TIMEOUT_MICROS = 5_000_000L;

  private final Service spec;
  private final Sampler serviceTime;
  private final SimRandom failures;
  private final Map<Long, List<Request>> inFlight = new HashMap<>();
  private final Map<Long, Attempt> attempts = new HashMap<>();
  private List<Link> targets = List.of();
  private long nextToken = 1;
  private int open;

  /** One request being handled: the writes still to do. */
  private final class Request {
    final Link from;
    final long event;
    final int key;
    final long value;
    final long offset;
    final int partition;
    final long aux;
    int outstanding;
    long version;
    boolean failed;
    boolean refused;
    final int[] tries;

    /** The token of the pending attempt of each write, 0 when none is pending. */
    final long[] pending;

    Request(Link from, long event, int key, long value, long offset, int partition, long aux) {
      this.from = from;
      this.event = event;
      this.key = key;
      this.value = value;
      this.offset = offset;
      this.partition = partition;
      this.aux = aux;
      this.tries = new int[targets.size()];
      this.pending = new long[targets.size()];
    }
  }

  /**
   * A write attempt awaiting its answer, by token (the write's aux number, which stores echo in
   * their acks); {@code timeout} is the handle of its timeout.
   */
  private record Attempt(Request request, int target, long timeout) {}

  ServiceNode(World world, Service spec) {
    super(world, spec.id());
    this.spec = spec;
    this.serviceTime = new Sampler(spec.serviceTime(), world.random(spec.id(), "service"));
    this.failures = world.random(spec.id(), "failures");
  }

  @Override
  public boolean wantsAcks() {
    return true;
  }

  @Override
  protected void onStart() {
    targets = new ArrayList<>(outputs());
    openBrokerInputs(false);
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    int kind = msgs.kind(m);
    if (fromDownstream) {
      if (kind == Messages.ACK || kind == Messages.NACK) {
        answered(link, m, kind == Messages.NACK);
      } else if (kind == Messages.BUSY) {
        pushedBack(link, m);
      }
      return;
    }
    if (kind != Messages.EVENT && kind != Messages.WRITE) {
      return;
    }
    BrokerInput b = brokerInput(link);
    if (b != null) {
      b.received(m);
    }
    Request r =
        new Request(
            link,
            msgs.event(m),
            msgs.key(m),
            msgs.value(m),
            msgs.version(m),
            msgs.partition(m),
            msgs.aux(m));
    open++;
    int born = incarnation();
    world.kernel().schedule(slowed(serviceTime.sample()), () -> start(r, born));
  }

  private void start(Request r, int born) {
    if (born != incarnation()) {
      return;
    }
    inFlight.computeIfAbsent(r.event, e -> new ArrayList<>()).add(r);
    if (spec.writeStrategy() == Service.WriteStrategy.DUAL_WRITE
        && spec.writeOrder() == Service.WriteOrder.PARALLEL) {
      r.outstanding = targets.size();
      for (int i = 0; i < targets.size(); i++) {
        write(r, i, born);
      }
    } else {
      r.outstanding = 1;
      write(r, 0, born);
    }
  }

  /** Attempts write number {@code i}; a failed attempt is retried after a backoff. */
  private void write(Request r, int i, int born) {
    if (born != incarnation()) {
      return;
    }
    r.tries[i]++;
    if (spec.failureProbability() > 0 && failures.nextDouble() < spec.failureProbability()) {
      step(StepKind.DROP, r.event, r.key, TraceStep.NONE, i, r.value, TraceStep.NO_VALUE);
      failed(r, i, born);
      return;
    }
    send(r, i, born);
  }

  /** Sends write {@code i} of {@code r} as a new attempt, with its own token and timeout. */
  private void send(Request r, int i, int born) {
    if (born != incarnation()) {
      return;
    }
    Link target = targets.get(i);
    long token = nextToken++;
    long timeout = world.kernel().schedule(WRITE_TIMEOUT_MICROS, () -> timedOut(token, born));
    attempts.put(token, new Attempt(r, i, timeout));
    r.pending[i] = token;
    Messages msgs = world.messages();
    int kind = target.to().isBroker() ? Messages.EVENT : Messages.WRITE;
    target.send(msgs.alloc(kind, r.event, r.key, r.value, 0, TraceStep.NONE, token, r.version));
  }

  private void timedOut(long token, int born) {
    Attempt a = born == incarnation() ? attempts.remove(token) : null;
    if (a != null) {
      Request r = a.request();
      r.pending[a.target()] = 0;
      step(StepKind.DROP, r.event, r.key, TraceStep.NONE, a.target(), r.value, TraceStep.NO_VALUE);
      failed(r, a.target(), born);
    }
  }

  /** Write {@code i} of {@code r} failed: retried after a backoff while retries remain. */
  private void failed(Request r, int i, int born) {
    if (r.tries[i] <= spec.retries()) {
      world.kernel().schedule(RETRY_BACKOFF_MICROS, () -> write(r, i, born));
    } else {
      r.failed = true;
      finishWrite(r);
    }
  }

  /** The attempt a reply answers, no longer pending; null for one that timed out already. */
  private Attempt answeredAttempt(Link link, int m) {
    Messages msgs = world.messages();
    Attempt a = attempts.remove(msgs.aux(m));
    if (a == null && msgs.aux(m) == 0) {
      a = attemptFor(msgs.event(m), targets.indexOf(link)); // a broker that does not echo tokens
    }
    if (a != null) {
      world.kernel().cancel(a.timeout());
      a.request().pending[a.target()] = 0;
    }
    return a;
  }

  /** A full queue took nothing: the write is offered again after the backoff. */
  private void pushedBack(Link link, int m) {
    Attempt a = answeredAttempt(link, m);
    if (a != null) {
      int born = incarnation();
      world.kernel().schedule(RETRY_BACKOFF_MICROS, () -> send(a.request(), a.target(), born));
    }
  }

  /** An ack or a refusal came back; one for an attempt that timed out is ignored. */
  private void answered(Link link, int m, boolean refused) {
    Attempt a = answeredAttempt(link, m);
    if (a == null) {
      return;
    }
    Messages msgs = world.messages();
    Request r = a.request();
    int i = a.target();
    if (refused) {
      r.refused = true;
      finishWrite(r);
      return;
    }
    if (msgs.sourceVersion(m) > 0) {
      r.version = msgs.sourceVersion(m);
    }
    boolean sequential =
        spec.writeStrategy() == Service.WriteStrategy.DUAL_WRITE
            && spec.writeOrder() == Service.WriteOrder.SEQUENTIAL;
    if (sequential && i + 1 < targets.size()) {
      write(r, i + 1, incarnation());
      return;
    }
    finishWrite(r);
  }

  /** The pending attempt on target {@code i} of the oldest request of {@code event}, or null. */
  private Attempt attemptFor(long event, int i) {
    List<Request> rs = inFlight.get(event);
    if (rs == null || i < 0) {
      return null;
    }
    for (Request r : rs) {
      if (r.pending[i] != 0) {
        return attempts.remove(r.pending[i]);
      }
    }
    return null;
  }

  /** One write of {@code r} ended; when none is left, the requester is told how it went. */
  private void finishWrite(Request r) {
    if (--r.outstanding > 0) {
      return;
    }
    List<Request> rs = inFlight.get(r.event);
    rs.remove(r);
    if (rs.isEmpty()) {
      inFlight.remove(r.event);
    }
    open--;
    BrokerInput b = brokerInput(r.from);
    if (b != null) {
      b.done(r.event, r.partition, r.offset, (int) r.aux);
    } else if (!r.failed && Writes.ackWanted(r.from.from())) {
      Messages msgs = world.messages();
      int kind = r.refused ? Messages.NACK : Messages.ACK;
      r.from.reply(msgs.alloc(kind, r.event, r.key, r.value, 0, TraceStep.NONE, r.aux, r.version));
      if (!r.refused) {
        step(StepKind.ACK, r.event, r.key, TraceStep.NONE, r.version, r.value, TraceStep.NO_VALUE);
      }
    }
  }

  @Override
  protected boolean busy() {
    return open > 0;
  }

  @Override
  protected void onCrash() {
    inFlight.clear();
    for (Attempt a : attempts.values()) {
      world.kernel().cancel(a.timeout());
    }
    attempts.clear();
    open = 0;
    crashBrokerInputs();
  }

  @Override
  protected void onRestart() {
    restartBrokerInputs();
  }
}
