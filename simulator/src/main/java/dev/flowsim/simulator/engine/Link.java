package dev.flowsim.simulator.engine;

import dev.flowsim.model.Connection;
import dev.flowsim.simulator.kernel.PayloadAction;
import dev.flowsim.simulator.kernel.SimRandom;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;

/**
 * A connection at run time: a scheduler of deliveries. Each message sent gets a latency draw; a
 * FIFO link never delivers a message before one sent earlier in the same direction; loss and
 * duplication are drawn per message (a duplicated message is delivered, or dropped, twice); a
 * network partition cuts one or both directions, dropping what is sent and what arrives while cut
 * (overlapping partitions of one link each keep their directions cut until they end). Data messages
 * (events and writes) leave SEND, DELIVER and DROP steps in the trace, recorded by the sending or
 * receiving component with the link's own index in the component table as the step's old value, so
 * every step names the link it happened on; control messages (acks, fetches, commits, reads) travel
 * the same way without steps of their own.
 */
public final class Link {
  private final World world;
  private final Connection spec;
  private final Node from;
  private final Node to;
  private final int traceIndex;
  private final Sampler latency;
  private final SimRandom random;
  private final double loss;
  private final double duplication;
  private final boolean fifo;
  private long lastForward;
  private long lastBackward;

  /** How many partitions currently cut each direction. */
  private int cutForward;

  private int cutBackward;
  private int inputIndex = -1;
  private final PayloadAction arriveForward = m -> arrive((int) m, true);
  private final PayloadAction arriveBackward = m -> arrive((int) m, false);

  Link(World world, Connection spec, Node from, Node to) {
    this.world = world;
    this.spec = spec;
    this.from = from;
    this.to = to;
    this.traceIndex = world.trace().components().intern(spec.label());
    String id = spec.label();
    this.latency = new Sampler(spec.latency(), world.random(id, "latency"));
    this.random = world.random(id, "faults");
    this.loss = spec.loss();
    this.duplication = spec.duplication();
    this.fifo = spec.fifo();
  }

  /** The link's index in the trace's component table (its label, as in CUT and HEAL steps). */
  public int traceIndex() {
    return traceIndex;
  }

  public Connection spec() {
    return spec;
  }

  public Node from() {
    return from;
  }

  public Node to() {
    return to;
  }

  /** This link's position among {@link #to()}'s inputs. */
  public int inputIndex() {
    return inputIndex;
  }

  void setInputIndex(int i) {
    inputIndex = i;
  }

  /** The consumer settings of this link (defaults when the spec gives none). */
  public Connection.Consumer consumer() {
    return spec.consumerOrDefault();
  }

  /** Sends a message downstream, from {@link #from()} to {@link #to()}. */
  public void send(int m) {
    transmit(m, true);
  }

  /** Sends a message back upstream, from {@link #to()} to {@link #from()}. */
  public void reply(int m) {
    transmit(m, false);
  }

  private void transmit(int m, boolean forward) {
    Messages msgs = world.messages();
    boolean data = isData(msgs.kind(m));
    Node sender = forward ? from : to;
    if (data) {
      world.record(sender, StepKind.SEND, msgs, m, traceIndex);
    }
    if (isCut(forward)) {
      drop(m, data, sender);
      return;
    }
    if (loss > 0 && random.nextDouble() < loss) {
      drop(m, data, sender);
      return;
    }
    schedule(m, forward);
    if (duplication > 0 && random.nextDouble() < duplication) {
      schedule(msgs.copy(m), forward);
    }
  }

  private void schedule(int m, boolean forward) {
    long at = world.now() + latency.sample();
    if (fifo) {
      if (forward) {
        at = Math.max(at, lastForward);
        lastForward = at;
      } else {
        at = Math.max(at, lastBackward);
        lastBackward = at;
      }
    }
    world.kernel().scheduleAt(at, forward ? arriveForward : arriveBackward, m);
  }

  private void arrive(int m, boolean forward) {
    Messages msgs = world.messages();
    boolean data = isData(msgs.kind(m));
    Node receiver = forward ? to : from;
    if (isCut(forward) || !receiver.isUp()) {
      drop(m, data, receiver);
      return;
    }
    if (data) {
      world.record(receiver, StepKind.DELIVER, msgs, m, traceIndex);
    }
    try {
      receiver.receive(this, m, !forward);
    } finally {
      msgs.free(m);
    }
  }

  private void drop(int m, boolean data, Node at) {
    Messages msgs = world.messages();
    if (data) {
      world.record(at, StepKind.DROP, msgs, m, traceIndex);
    }
    msgs.free(m);
  }

  private boolean isCut(boolean forward) {
    return (forward ? cutForward : cutBackward) > 0;
  }

  private static boolean isData(int kind) {
    return kind == Messages.EVENT || kind == Messages.WRITE;
  }

  /**
   * Cuts directions of the link (a network partition begins): {@code forward} stops messages from
   * {@link #from()} to {@link #to()}, {@code backward} stops the replies. The step's offset holds 1
   * for forward plus 2 for backward.
   */
  void cut(boolean forward, boolean backward) {
    cutForward += forward ? 1 : 0;
    cutBackward += backward ? 1 : 0;
    world
        .trace()
        .record(
            world.now(),
            traceIndex,
            StepKind.CUT,
            TraceStep.NONE,
            TraceStep.NONE,
            TraceStep.NONE,
            (forward ? 1 : 0) + (backward ? 2 : 0),
            TraceStep.NO_VALUE,
            TraceStep.NO_VALUE,
            world.now());
  }

  /**
   * One partition of the link ends: the directions it cut carry messages again, unless another
   * partition still cuts them. The step's offset names the directions this partition had cut (1 for
   * forward plus 2 for backward), as its CUT step did.
   */
  void heal(boolean forward, boolean backward) {
    cutForward -= forward ? 1 : 0;
    cutBackward -= backward ? 1 : 0;
    world
        .trace()
        .record(
            world.now(),
            traceIndex,
            StepKind.HEAL,
            TraceStep.NONE,
            TraceStep.NONE,
            TraceStep.NONE,
            (forward ? 1 : 0) + (backward ? 2 : 0),
            TraceStep.NO_VALUE,
            TraceStep.NO_VALUE,
            world.now());
  }

  @Override
  public String toString() {
    return spec.label();
  }
}
