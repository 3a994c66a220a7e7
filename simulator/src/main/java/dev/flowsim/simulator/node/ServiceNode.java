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
 * stays half done. Single write: only the database (derived stores follow its change stream). Event
 * sourcing: it appends the event to its topic. The requester is acknowledged when every write is.
 */
final class ServiceNode extends Node {
  /** Pause before a failed write is tried again. */
  static final long RETRY_BACKOFF_MICROS = 50_000L;

  private final Service spec;
  private final Sampler serviceTime;
  private final SimRandom failures;
  private final Map<Link, BrokerInput> brokerInputs = new HashMap<>();
  private final Map<Long, List<Request>> inFlight = new HashMap<>();
  private List<Link> targets = List.of();
  private int open;

  /** One request being handled: the writes still to do. */
  private final class Request {
    final Link from;
    final long event;
    final int key;
    final long value;
    final long offset;
    final int partition;
    final int instance;
    int next;
    int outstanding;
    long version;
    final int[] attempts;

    Request(Link from, long event, int key, long value, long offset, int partition, int instance) {
      this.from = from;
      this.event = event;
      this.key = key;
      this.value = value;
      this.offset = offset;
      this.partition = partition;
      this.instance = instance;
      this.attempts = new int[targets.size()];
    }
  }

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
    for (Link in : inputs()) {
      if (in.from().isBroker()) {
        BrokerInput b = new BrokerInput(this, in);
        brokerInputs.put(in, b);
        b.start();
      }
    }
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    int kind = msgs.kind(m);
    if (fromDownstream) {
      if (kind == Messages.ACK) {
        acked(link, msgs.event(m), msgs.sourceVersion(m));
      }
      return;
    }
    if (kind != Messages.EVENT && kind != Messages.WRITE) {
      return;
    }
    BrokerInput b = brokerInputs.get(link);
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
            (int) msgs.aux(m));
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
    Link target = targets.get(i);
    r.attempts[i]++;
    if (spec.failureProbability() > 0 && failures.nextDouble() < spec.failureProbability()) {
      step(StepKind.DROP, r.event, r.key, TraceStep.NONE, i, r.value, TraceStep.NO_VALUE);
      if (r.attempts[i] <= spec.retries()) {
        world.kernel().schedule(RETRY_BACKOFF_MICROS, () -> write(r, i, born));
      } else {
        finishWrite(r, false);
      }
      return;
    }
    Messages msgs = world.messages();
    int kind = target.to().isBroker() ? Messages.EVENT : Messages.WRITE;
    target.send(msgs.alloc(kind, r.event, r.key, r.value, 0, TraceStep.NONE, 0, r.version));
  }

  private void acked(Link link, long event, long version) {
    List<Request> rs = inFlight.get(event);
    if (rs == null) {
      return;
    }
    Request r = rs.get(0);
    if (version > 0) {
      r.version = version;
    }
    int i = targets.indexOf(link);
    boolean sequential =
        spec.writeStrategy() == Service.WriteStrategy.DUAL_WRITE
            && spec.writeOrder() == Service.WriteOrder.SEQUENTIAL;
    if (sequential && i + 1 < targets.size()) {
      write(r, i + 1, incarnation());
      return;
    }
    finishWrite(r, true);
  }

  private void finishWrite(Request r, boolean ok) {
    if (--r.outstanding > 0) {
      return;
    }
    List<Request> rs = inFlight.get(r.event);
    rs.remove(r);
    if (rs.isEmpty()) {
      inFlight.remove(r.event);
    }
    open--;
    BrokerInput b = brokerInputs.get(r.from);
    if (b != null) {
      b.done(r.event, r.partition, r.offset, r.instance);
    } else if (ok && r.from.from().wantsAcks()) {
      Messages msgs = world.messages();
      r.from.reply(
          msgs.alloc(Messages.ACK, r.event, r.key, r.value, 0, TraceStep.NONE, 0, r.version));
      step(StepKind.ACK, r.event, r.key, TraceStep.NONE, r.version, r.value, TraceStep.NO_VALUE);
    }
  }

  @Override
  protected boolean busy() {
    return open > 0;
  }

  @Override
  protected void onCrash() {
    inFlight.clear();
    open = 0;
    brokerInputs.values().forEach(BrokerInput::crash);
  }

  @Override
  protected void onRestart() {
    brokerInputs.values().forEach(BrokerInput::start);
  }
}
