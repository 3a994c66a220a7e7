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
import dev.flowsim.simulator.kernel.PayloadAction;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;

/**
 * A stream processor: {@code parallelism} instances, each a FIFO server taking a service-time draw
 * per event. An instance gets the records of the partitions (or queue messages) its broker assigned
 * to it, or — for direct inputs — the keys that hash to it. After the operator has run, results go
 * to every output (events to brokers, writes to stores) and the input record is done (acked and,
 * per the commit policy, committed). A full queue downstream that does not take a result ({@link
 * Messages#BUSY}, backpressure) is offered it again after a backoff.
 *
 * <p><b>Checkpoints.</b> A stateful operator (window, join, dedupe) is checkpointed every {@code
 * checkpointInterval}, as Flink does: a copy of the state of all instances and the input positions
 * (the next offset to process per topic partition) is kept durably, one CHECKPOINT step per input
 * partition (partition, offset = the position, value = the checkpoint's number, old value = the
 * input's number among the processor's inputs; a single step with no partition when it reads no
 * topic), and the positions are committed to the topics with it — the connection's commit policy
 * does not apply to a stateful processor's topic inputs. A crash loses the state; the restart
 * restores the last checkpoint and its positions, so the topics replay exactly what the restored
 * state lacks and the state is exactly-once, while the results emitted since the checkpoint are
 * emitted again (duplicates downstream unless the sink is idempotent). A replayed record that the
 * state already holds (behind the restored position) is skipped (SKIP with its partition and
 * offset). Queues and direct inputs cannot replay: what they delivered since the checkpoint is lost
 * from the state. A stateless operator keeps no checkpoints, and its inputs commit per their
 * policy: after processing replays after a crash (duplicates), before processing skips (loss).
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

  /** Pause before a result a full queue did not take is offered again. */
  static final long BUSY_BACKOFF_MICROS = 50_000L;

  private final Processor spec;
  private final Sampler serviceTime;
  private final WorkQueue[] queues;
  private final boolean[] serving;
  private final long[][] current;
  private final OperatorLogic logic;

  /** One action for every service completion: payload = incarnation << 32 | instance. */
  private final PayloadAction finish = p -> finish((int) (p & 0xFFFF_FFFFL), (int) (p >>> 32));

  private final ConstraintGuard guard;
  private final boolean stateful;
  private int busyRetries;

  /** The last checkpoint (durable: a crash keeps it). */
  private int checkpoints;

  private Object checkpointState;
  private long[][] checkpointPositions;

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
    this.stateful = spec.operator().isStateful();
    this.logic = OperatorLogic.of(spec.operator(), this);
    this.guard = ConstraintGuard.of(world, this);
  }

  @Override
  public int consumerInstances() {
    return spec.parallelism();
  }

  @Override
  protected void onStart() {
    openBrokerInputs(stateful);
    logic.start();
    scheduleCheckpoint();
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    int kind = msgs.kind(m);
    if (fromDownstream) {
      if (kind == Messages.BUSY) {
        offerAgain(link, m);
      }
      return;
    }
    if (kind != Messages.EVENT && kind != Messages.WRITE) {
      return;
    }
    BrokerInput b = brokerInput(link);
    int instance;
    if (b != null) {
      b.received(m);
      instance = (int) msgs.aux(m);
      if (stateful && b.alreadyProcessed(msgs.partition(m), msgs.version(m))) {
        step(
            StepKind.SKIP,
            msgs.event(m),
            msgs.key(m),
            msgs.partition(m),
            msgs.version(m),
            msgs.value(m),
            TraceStep.NO_VALUE);
        b.done(msgs.event(m), msgs.partition(m), msgs.version(m), instance);
        return;
      }
    } else {
      instance = Math.floorMod(world.keyHash(msgs.key(m)), queues.length);
    }
    if (instance < 0 || instance >= queues.length) {
      instance = 0;
    }
    queues[instance].add(
        msgs.event(m),
        msgs.key(m),
        msgs.value(m),
        msgs.version(m),
        msgs.partition(m),
        msgs.sourceVersion(m),
        link.inputIndex(),
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
    world.kernel().schedule(slowed(serviceTime.sample()), finish, ((long) born << 32) | instance);
  }

  private void finish(int instance, int born) {
    if (born != incarnation()) {
      return;
    }
    long[] item = current[instance];
    queues[instance].poll(item);
    Link from = inputs().get((int) item[LINK]);
    logic.process(item, from);
    BrokerInput b = brokerInput(from);
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

  /**
   * Sends a result to every output: an event to brokers, a write to stores — unless a constraint
   * this processor enforces refuses it (a SKIP step: value = the refused value, old value = what
   * the processor holds for the key).
   */
  void emit(long event, int key, long value, long sourceVersion) {
    if (guard != null && !guard.admit(event, key, value)) {
      return;
    }
    Messages msgs = world.messages();
    for (Link out : outputs()) {
      int kind = out.to().isBroker() ? Messages.EVENT : Messages.WRITE;
      out.send(msgs.alloc(kind, event, key, value, 0, TraceStep.NONE, 0, sourceVersion));
    }
  }

  /** A full queue did not take a result (backpressure): offer it again after a backoff. */
  private void offerAgain(Link out, int m) {
    Messages msgs = world.messages();
    long event = msgs.event(m);
    int key = msgs.key(m);
    long value = msgs.value(m);
    long source = msgs.sourceVersion(m);
    int born = incarnation();
    busyRetries++;
    world
        .kernel()
        .schedule(
            BUSY_BACKOFF_MICROS,
            () -> {
              if (born == incarnation()) {
                busyRetries--;
                out.send(
                    msgs.alloc(Messages.EVENT, event, key, value, 0, TraceStep.NONE, 0, source));
              }
            });
  }

  /** Records that an input event was deliberately not passed on (filtered, duplicate, late). */
  void skip(long event, int key, long value) {
    step(StepKind.SKIP, event, key, TraceStep.NONE, TraceStep.NONE, value, TraceStep.NO_VALUE);
  }

  /** Records a step of this processor with a clock of the operator's choosing (an event time). */
  void record(
      StepKind kind,
      long event,
      int key,
      int partition,
      long offset,
      long value,
      long oldValue,
      long clock) {
    world
        .trace()
        .record(world.now(), index, kind, event, key, partition, offset, value, oldValue, clock);
  }

  /** Records a step of this processor with its own clock. */
  void record(
      StepKind kind, long event, int key, int partition, long offset, long value, long oldValue) {
    step(kind, event, key, partition, offset, value, oldValue);
  }

  Processor spec() {
    return spec;
  }

  int instances() {
    return queues.length;
  }

  // ---------------------------------------------------------------- checkpoints

  private void scheduleCheckpoint() {
    if (!stateful) {
      return;
    }
    int born = incarnation();
    world.kernel().schedule(spec.checkpointInterval().micros(), () -> checkpoint(born));
  }

  private void checkpoint(int born) {
    if (born != incarnation() || !isUp()) {
      return;
    }
    checkpoints++;
    checkpointState = logic.snapshot();
    checkpointPositions = new long[inputs().size()][];
    boolean any = false;
    for (int li = 0; li < inputs().size(); li++) {
      BrokerInput b = brokerInput(li);
      if (b == null) {
        continue;
      }
      long[] positions = b.positions();
      checkpointPositions[li] = positions;
      for (int p = 0; p < positions.length; p++) {
        step(StepKind.CHECKPOINT, TraceStep.NONE, TraceStep.NONE, p, positions[p], checkpoints, li);
        any = true;
      }
      b.commitProcessed();
    }
    if (!any) {
      step(
          StepKind.CHECKPOINT,
          TraceStep.NONE,
          TraceStep.NONE,
          TraceStep.NONE,
          TraceStep.NONE,
          checkpoints,
          TraceStep.NO_VALUE);
    }
    if (world.producing() || !world.quiescent()) {
      scheduleCheckpoint();
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  protected boolean busy() {
    for (boolean s : serving) {
      if (s) {
        return true;
      }
    }
    return busyRetries > 0 || logic.busy();
  }

  @Override
  protected boolean endOfInput() {
    return logic.endOfInput();
  }

  @Override
  protected void onCrash() {
    for (int i = 0; i < queues.length; i++) {
      queues[i].clear();
      serving[i] = false;
    }
    busyRetries = 0;
    crashBrokerInputs();
    logic.crash();
  }

  @Override
  protected void onRestart() {
    logic.restart();
    restartBrokerInputs();
    if (stateful && checkpointState != null) {
      logic.restore(checkpointState);
      for (int li = 0; li < inputs().size(); li++) {
        if (brokerInput(li) != null && checkpointPositions[li] != null) {
          brokerInput(li).restore(checkpointPositions[li]);
        }
      }
    }
    scheduleCheckpoint();
  }

  /**
   * The behaviour of one operator kind inside a processor. Stateless operators pass events on;
   * stateful ones keep state that a crash loses back to the last checkpoint.
   */
  interface OperatorLogic {
    /** Handles one input event (fields as in {@link ProcessorNode}'s work item). */
    void process(long[] item, Link from);

    default void start() {}

    /** The processor crashed: drop all state. */
    default void crash() {}

    default void restart() {}

    /** True while the operator holds work it will finish by itself (e.g. events waiting). */
    default boolean busy() {
      return false;
    }

    /** A deep copy of the state, for a checkpoint; null when the operator keeps none. */
    default Object snapshot() {
      return null;
    }

    /** Replaces the state with a copy of a checkpoint's (after a restart). */
    default void restore(Object snapshot) {}

    /** The end of input arrived: emit what is held back. True if anything was emitted. */
    default boolean endOfInput() {
      return false;
    }

    static OperatorLogic of(Operator op, ProcessorNode node) {
      if (op instanceof Operator.Filter f) {
        double keep = f.keep();
        return (item, from) -> {
          // deterministic per event (its key and event time, not its id, which depends on the
          // other producers): the same event is always kept or always dropped
          long t = node.world().events().eventTime(item[EVENT]);
          int h = node.world().keyHash((int) item[KEY]) ^ TopicNode.mix((int) (t ^ (t >>> 32)));
          double u = (TopicNode.mix(h) >>> 1) / (double) Integer.MAX_VALUE;
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
      if (op instanceof Operator.Window w) {
        return new WindowLogic(node, w);
      }
      if (op instanceof Operator.Join j) {
        return new JoinLogic(node, j);
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
