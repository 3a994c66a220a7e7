package dev.flowsim.simulator.node;

import dev.flowsim.model.DerivedStore;
import dev.flowsim.simulator.engine.BrokerInput;
import dev.flowsim.simulator.engine.KeyTable;
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
 * A derived store (search index, cache, warehouse, materialized view): a write becomes visible an
 * apply-latency draw after it arrives, in arrival order (a pipeline, as an index refresh is, not a
 * bottleneck). Last-arrival-wins applies whatever comes last; version-checked ignores a write whose
 * version is not newer than the one held. The version is the source's (a database commit version
 * carried through CDC, or passed on by a sequential dual write) or, for records consumed straight
 * from a topic, the record's offset + 1 — so a replay after a crash is recognised. Writes without
 * any version (a parallel dual write) cannot be checked and are applied. Applied data is durable;
 * writes not yet visible are lost in a crash (a topic replays them from the last commit).
 */
final class StoreNode extends Node {
  private static final int EVENT = 0;
  private static final int KEY = 1;
  private static final int VALUE = 2;
  private static final int OFFSET = 3;
  private static final int PARTITION = 4;
  private static final int SOURCE = 5;
  private static final int LINK = 6;
  private static final int INSTANCE = 7;

  private final DerivedStore spec;
  private final Sampler applyLatency;

  /** One action for every apply: payload = the incarnation that scheduled it. */
  private final PayloadAction apply = born -> applyHead((int) born);

  private final KeyTable table = new KeyTable();
  private final WorkQueue pending = new WorkQueue(8);
  private final long[] work = new long[8];
  private long lastVisible;

  StoreNode(World world, DerivedStore spec) {
    super(world, spec.id());
    this.spec = spec;
    this.applyLatency = new Sampler(spec.applyLatency(), world.random(spec.id(), "apply"));
  }

  @Override
  protected void onStart() {
    openBrokerInputs(false);
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    int kind = msgs.kind(m);
    if (fromDownstream) {
      if (kind == Messages.READ) {
        Reads.answer(this, link, m, table);
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
    pending.add(
        msgs.event(m),
        msgs.key(m),
        msgs.value(m),
        msgs.version(m),
        msgs.partition(m),
        msgs.sourceVersion(m),
        link.inputIndex(),
        msgs.aux(m));
    int born = incarnation();
    long at = Math.max(world.now() + slowed(applyLatency.sample()), lastVisible);
    lastVisible = at;
    world.kernel().scheduleAt(at, apply, born);
  }

  private void applyHead(int born) {
    if (born != incarnation()) {
      return;
    }
    pending.poll(work);
    long event = work[EVENT];
    int key = (int) work[KEY];
    long version = work[SOURCE];
    Link from = inputs().get((int) work[LINK]);
    BrokerInput b = brokerInput(from);
    if (version == 0 && b != null && work[PARTITION] >= 0) {
      version = work[OFFSET] + 1;
    }
    long old = table.value(key);
    if (spec.writeMode() == DerivedStore.WriteMode.VERSION_CHECKED
        && version > 0
        && version <= table.version(key)) {
      step(StepKind.SKIP, event, key, TraceStep.NONE, version, work[VALUE], old);
    } else {
      long value = Writes.apply(world.events().op(event), old, work[VALUE]);
      table.put(key, value, version > 0 ? version : table.version(key));
      step(StepKind.APPLY, event, key, TraceStep.NONE, version, value, old);
    }
    if (b != null) {
      b.done(event, (int) work[PARTITION], work[OFFSET], (int) work[INSTANCE]);
    } else if (Writes.ackWanted(from.from())) {
      // the ack echoes the write's aux number, so the writer can match it to its request
      Messages msgs = world.messages();
      from.reply(
          msgs.alloc(
              Messages.ACK, event, key, work[VALUE], 0, TraceStep.NONE, work[INSTANCE], version));
    }
  }

  @Override
  protected boolean busy() {
    return !pending.isEmpty();
  }

  @Override
  protected void onCrash() {
    pending.clear();
    lastVisible = 0; // the lost writes no longer hold back the ones that arrive after a restart
    crashBrokerInputs();
  }

  @Override
  protected void onRestart() {
    restartBrokerInputs();
  }

  KeyTable table() {
    return table;
  }
}
