package dev.flowsim.simulator.engine;

import dev.flowsim.simulator.kernel.AbstractSimComponent;
import dev.flowsim.simulator.trace.StepKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A component at run time: a state machine driven by messages arriving on its links, timers it
 * scheduled, and crash/restart. A node never reads another node's state; it learns only through
 * messages, so crashes, partitions and delays are honest. Subclasses implement the mechanics of one
 * component kind.
 */
public abstract class Node extends AbstractSimComponent {
  protected final World world;

  /** The node's index in the trace's component table (= its position in the spec). */
  public final int index;

  final List<Link> inputs = new ArrayList<>();
  final List<Link> outputs = new ArrayList<>();

  private BrokerInput[] brokerInputs = new BrokerInput[0];

  /** Multiplies service times; a {@code slow} fault raises it for a while. */
  protected double slowFactor = 1.0;

  protected Node(World world, String id) {
    super(id);
    this.world = world;
    this.index = world.trace().components().intern(id);
  }

  /** The world this node lives in. */
  public World world() {
    return world;
  }

  /** True for topics and queues: their consumers ack and commit through {@link BrokerInput}. */
  public boolean isBroker() {
    return false;
  }

  /**
   * Opens the consumer end of every input from a topic or queue (call once, on start). With {@code
   * checkpointed}, offsets are committed only at checkpoints (see {@link BrokerInput}).
   */
  protected final void openBrokerInputs(boolean checkpointed) {
    brokerInputs = new BrokerInput[inputs.size()];
    for (Link in : inputs) {
      if (in.from().isBroker()) {
        BrokerInput b = new BrokerInput(this, in, checkpointed);
        brokerInputs[in.inputIndex()] = b;
        b.start();
      }
    }
  }

  /** The consumer end of input {@code link}, or null when it does not come from a broker. */
  protected final BrokerInput brokerInput(Link link) {
    int i = link.to() == this ? link.inputIndex() : -1;
    return i >= 0 && i < brokerInputs.length ? brokerInputs[i] : null;
  }

  /** The consumer end of input number {@code i}, or null. */
  protected final BrokerInput brokerInput(int i) {
    return i < brokerInputs.length ? brokerInputs[i] : null;
  }

  /** Restarts every broker input's timers (on restart) or forgets its volatile state (crash). */
  protected final void restartBrokerInputs() {
    for (BrokerInput b : brokerInputs) {
      if (b != null) {
        b.start();
      }
    }
  }

  protected final void crashBrokerInputs() {
    for (BrokerInput b : brokerInputs) {
      if (b != null) {
        b.crash();
      }
    }
  }

  /** Links on which messages arrive from upstream. */
  public List<Link> inputs() {
    return Collections.unmodifiableList(inputs);
  }

  /** Links to the components downstream. */
  public List<Link> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  /**
   * A message arrived. {@code fromDownstream} is true for replies travelling back up a link (acks,
   * read replies, fetches and commits from consumers), false for messages from upstream. The
   * message slot is freed after this returns.
   */
  protected abstract void receive(Link link, int m, boolean fromDownstream);

  /** This component's own clock at the current true time (producers may be skewed). */
  public long clock() {
    return world.now();
  }

  /** How many consumer instances this node runs when it reads a topic or queue. */
  public int consumerInstances() {
    return 1;
  }

  /** Whether upstream senders should get an {@link Messages#ACK} for each event. */
  public boolean wantsAcks() {
    return false;
  }

  /** The run's production phase ended: stop creating new work (producers, readers). */
  protected void stopProducing() {}

  /** True while the node holds work it has not finished (a queue, a busy server, a buffer). */
  protected boolean busy() {
    return false;
  }

  /**
   * A downstream component on {@code link} was detected down (after {@link #peerDownDelay()}):
   * brokers move its work elsewhere.
   */
  protected void peerDown(Link link) {}

  /** A downstream component on {@code link} restarted and rejoined. */
  protected void peerUp(Link link) {}

  /**
   * Production has ended and nothing moves any more (no message in flight, no node busy): the end
   * of input has reached this node, as a final watermark would. A node holding results until more
   * input comes (open windows) emits them now. Called through {@link World#endOfInput()}.
   *
   * @return true if the node emitted anything (the run is then not quiescent yet)
   */
  protected boolean endOfInput() {
    return false;
  }

  /** How long this node takes to notice that a downstream component crashed. */
  protected long peerDownDelay() {
    return 0;
  }

  void setSlowFactor(double factor) {
    slowFactor = factor;
  }

  /** Scales a service-time draw by the current slow factor. */
  protected final long slowed(long micros) {
    return slowFactor == 1.0 ? micros : Math.round(micros * slowFactor);
  }

  /** Records a trace step of this node at the current time with this node's clock. */
  protected final void step(
      StepKind kind, long event, int key, int partition, long offset, long value, long oldValue) {
    world
        .trace()
        .record(world.now(), index, kind, event, key, partition, offset, value, oldValue, clock());
  }

  @Override
  protected void onStart() {}

  @Override
  protected void onCrash() {}

  @Override
  protected void onRestart() {}

  @Override
  public String toString() {
    return id();
  }
}
