package dev.flowsim.simulator.node;

import dev.flowsim.model.Operator;
import dev.flowsim.model.Processor;
import dev.flowsim.simulator.engine.BrokerInput;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.engine.Messages;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.Sampler;
import dev.flowsim.simulator.engine.WorkQueue;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.HashMap;
import java.util.Map;

/**
 * A stream processor: {@code parallelism} instances, each a FIFO server taking a service-time draw
 * per event. An instance gets the records of the partitions its broker assigned to it, or — for
 * direct inputs — the keys that hash to it. After the operator has run, results go to every output
 * (events to brokers, writes to stores) and the input record is done (acked and, per the commit
 * policy, committed).
 */
final class ProcessorNode extends Node {
  static final int EVENT = 0;
  static final int KEY = 1;
  static final int VALUE = 2;
  static final int OFFSET = 3;
  static final int PARTITION = 4;
  static final int SOURCE = 5;
  static final int LINK = 6;
  static final int INSTANCE = 7;
  static final int WIDTH = 8;

  private final Processor spec;
  private final Sampler serviceTime;
  private final WorkQueue[] queues;
  private final boolean[] serving;
  private final long[][] current;
  private final Map<Link, BrokerInput> brokerInputs = new HashMap<>();
  private Link[] linkByIndex = new Link[0];
  private final OperatorLogic logic;

  ProcessorNode(World world, Processor spec) {
    super(world, spec.id());
    this.spec = spec;
    this.serviceTime = new Sampler(spec.serviceTime(), world.random(spec.id(), "service"));
    int k = spec.parallelism();
    this.queues = new WorkQueue[k];
    this.serving = new boolean[k];
    this.current = new long[k][WIDTH];
    for (int i = 0; i < k; i++) {
      queues[i] = new WorkQueue(WIDTH);
    }
    this.logic = OperatorLogic.of(spec.operator(), this);
  }

  @Override
  public int consumerInstances() {
    return spec.parallelism();
  }

  @Override
  protected void onStart() {
    linkByIndex = inputs().toArray(new Link[0]);
    for (Link in : inputs()) {
      if (in.from().isBroker()) {
        BrokerInput b = new BrokerInput(this, in);
        brokerInputs.put(in, b);
        b.start();
      }
    }
    logic.start();
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    int kind = msgs.kind(m);
    if (fromDownstream || (kind != Messages.EVENT && kind != Messages.WRITE)) {
      return;
    }
    BrokerInput b = brokerInputs.get(link);
    int instance;
    if (b != null) {
      b.received(m);
      instance = (int) msgs.aux(m);
    } else {
      instance = Math.floorMod(TopicNode.mix(msgs.key(m)), queues.length);
    }
    if (instance < 0 || instance >= queues.length) {
      instance = 0;
    }
    int li = 0;
    while (linkByIndex[li] != link) {
      li++;
    }
    queues[instance].add(
        msgs.event(m),
        msgs.key(m),
        msgs.value(m),
        msgs.version(m),
        msgs.partition(m),
        msgs.sourceVersion(m),
        li,
        instance);
    if (!serving[instance]) {
      serveNext(instance);
    }
  }

  private void serveNext(int instance) {
    if (queues[instance].isEmpty() || !isUp()) {
      serving[instance] = false;
      return;
    }
    serving[instance] = true;
    int born = incarnation();
    world.kernel().schedule(slowed(serviceTime.sample()), () -> finish(instance, born));
  }

  private void finish(int instance, int born) {
    if (born != incarnation()) {
      return;
    }
    long[] item = current[instance];
    queues[instance].poll(item);
    Link from = linkByIndex[(int) item[LINK]];
    logic.process(item, from);
    BrokerInput b = brokerInputs.get(from);
    if (b != null) {
      b.done(item[EVENT], (int) item[PARTITION], item[OFFSET], (int) item[INSTANCE]);
    } else if (from.from().wantsAcks()) {
      Messages msgs = world.messages();
      from.reply(
          msgs.alloc(
              Messages.ACK,
              item[EVENT],
              (int) item[KEY],
              item[VALUE],
              0,
              TraceStep.NONE,
              0,
              item[SOURCE]));
    }
    serveNext(instance);
  }

  /** Sends a result to every output: an event to brokers, a write to stores. */
  void emit(long event, int key, long value, long sourceVersion) {
    Messages msgs = world.messages();
    for (Link out : outputs()) {
      int kind = out.to().isBroker() ? Messages.EVENT : Messages.WRITE;
      out.send(msgs.alloc(kind, event, key, value, 0, TraceStep.NONE, 0, sourceVersion));
    }
  }

  /** Records that an input event was deliberately not passed on (filtered, duplicate, late). */
  void skip(long event, int key, long value) {
    step(StepKind.SKIP, event, key, TraceStep.NONE, TraceStep.NONE, value, TraceStep.NO_VALUE);
  }

  Processor spec() {
    return spec;
  }

  @Override
  protected boolean busy() {
    for (boolean s : serving) {
      if (s) {
        return true;
      }
    }
    return logic.busy();
  }

  @Override
  protected void onCrash() {
    for (int i = 0; i < queues.length; i++) {
      queues[i].clear();
      serving[i] = false;
    }
    brokerInputs.values().forEach(BrokerInput::crash);
    logic.crash();
  }

  @Override
  protected void onRestart() {
    logic.restart();
    brokerInputs.values().forEach(BrokerInput::start);
  }

  /**
   * The behaviour of one operator kind inside a processor. Stateless operators pass events on;
   * stateful ones keep state that a crash loses back to the last checkpoint.
   */
  interface OperatorLogic {
    /** Handles one input event (fields as in {@link ProcessorNode}'s work item). */
    void process(long[] item, Link from);

    default void start() {}

    default void crash() {}

    default void restart() {}

    default boolean busy() {
      return false;
    }

    static OperatorLogic of(Operator op, ProcessorNode node) {
      if (op instanceof Operator.Filter f) {
        double keep = f.keep();
        return (item, from) -> {
          // deterministic per event: the same event is always kept or always dropped
          double u =
              (TopicNode.mix((int) (item[EVENT] ^ (item[EVENT] >>> 32))) >>> 1)
                  / (double) Integer.MAX_VALUE;
          if (u < keep) {
            node.emit(item[EVENT], (int) item[KEY], item[VALUE], item[SOURCE]);
          } else {
            node.skip(item[EVENT], (int) item[KEY], item[VALUE]);
          }
        };
      }
      if (op instanceof Operator.Dedupe d) {
        return new DedupeLogic(node, d);
      }
      if (op instanceof Operator.Map || op instanceof Operator.Enrich) {
        return (item, from) -> node.emit(item[EVENT], (int) item[KEY], item[VALUE], item[SOURCE]);
      }
      throw new Nodes.Unsupported(
          node.id(),
          "the simulator does not model "
              + op.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
              + " operators yet");
    }
  }
}
