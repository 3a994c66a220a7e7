package dev.flowsim.simulator.node;

import dev.flowsim.model.Constraint;
import dev.flowsim.model.Database;
import dev.flowsim.simulator.engine.BrokerInput;
import dev.flowsim.simulator.engine.Events;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system of record: a leader that commits writes one at a time (a write-latency draw each),
 * numbering them with versions (its log sequence), and followers that apply the leader's log in
 * order after a replication-lag draw. The writer is acknowledged at once (async), when one follower
 * has the write (semi-sync) or when all have it (sync); a client (producer) is always told the
 * version its write got, which is how its users' session knows what they wrote. Each commit is also
 * published, in commit order, to every topic the database feeds (change data capture).
 *
 * <p>A crash of the leader stops its replication stream: what the followers had not applied by then
 * never reaches them from it. The most up-to-date live follower is promoted after {@code
 * failoverAfter} (a FAILOVER step: partition = the new leader, offset = its last version, old value
 * = the old leader's last version), so writes the old leader acknowledged but had not replicated to
 * it are lost, and the new leader numbers new writes from its own last version; the other followers
 * catch up from the new leader, and the old leader does not come back. A leader that restarts
 * before a failover keeps its data and its followers catch up from it. Readers choose a replica; a
 * read that must see a version waits until the replica has it.
 *
 * <p>Constraints whose {@code enforcedBy} is this database are checked by the leader at commit, the
 * single point that orders all writes: a claim of a key already held by another claimant (unique),
 * or a write that would leave a value below zero (non-negative), is refused. A refused write is not
 * committed, replicated or published; it leaves a SKIP step (partition = the leader, offset = the
 * version of the value held, value = the refused value, old value = the value held) and the writer
 * gets a {@link Messages#NACK} instead of an ack (carrying the held version as source version); a
 * record consumed from a topic is done all the same. Without an enforcer nothing is checked: a
 * claim overwrites the previous owner.
 */
final class DatabaseNode extends Node implements World.FollowerHost {
  private static final int EVENT = 0;
  private static final int KEY = 1;
  private static final int VALUE = 2;
  private static final int OFFSET = 3;
  private static final int PARTITION = 4;
  private static final int LINK = 5;
  private static final int INSTANCE = 6;

  private final Database spec;
  private final Sampler writeLatency;
  private final Sampler[] lag;
  private final KeyTable[] replicas;
  private final long[] applied;
  private final long[] lastScheduled;
  private final boolean[] alive;
  private int leader;
  private int epoch;
  private final WorkQueue pending = new WorkQueue(7);
  private final long[] work = new long[7];
  private boolean committing;
  private final boolean unique;
  private final boolean nonNegative;

  /** The leader's log: the change of each version. */
  private long[] logEvents = new long[1024];

  private int[] logKeys = new int[1024];
  private long[] logValues = new long[1024];

  /** Writers waiting for replication before their ack, by version. */
  private final Map<Long, WaitingAck> waitingAcks = new HashMap<>();

  private final List<long[]> waitingReads = new ArrayList<>();
  private final PayloadAction replicate = this::replicate;

  private record WaitingAck(
      Link link,
      long event,
      int key,
      long value,
      long instance,
      long offset,
      int partition,
      int[] needed) {}

  DatabaseNode(World world, Database spec) {
    super(world, spec.id());
    this.spec = spec;
    this.writeLatency = new Sampler(spec.writeLatency(), world.random(spec.id(), "write"));
    int n = spec.followers() + 1;
    this.replicas = new KeyTable[n];
    this.lag = new Sampler[n];
    this.applied = new long[n];
    this.lastScheduled = new long[n];
    this.alive = new boolean[n];
    for (int i = 0; i < n; i++) {
      replicas[i] = new KeyTable();
      lag[i] = new Sampler(spec.replicationLag(), world.random(spec.id(), "replica-" + i));
      alive[i] = true;
    }
    boolean u = false;
    boolean nn = false;
    for (Constraint c : world.pipeline().constraints()) {
      if (spec.id().equals(c.enforcedBy())) {
        u |= c.type() == Constraint.Type.UNIQUE;
        nn |= c.type() == Constraint.Type.NON_NEGATIVE;
      }
    }
    this.unique = u;
    this.nonNegative = nn;
  }

  @Override
  public boolean wantsAcks() {
    return false;
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
        read(link, m);
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
    int li = link.inputIndex();
    pending.add(
        msgs.event(m),
        msgs.key(m),
        msgs.value(m),
        msgs.version(m),
        msgs.partition(m),
        li,
        msgs.aux(m));
    if (!committing) {
      next();
    }
  }

  private void next() {
    if (pending.isEmpty() || !isUp()) {
      committing = false;
      return;
    }
    committing = true;
    int born = incarnation();
    world.kernel().schedule(slowed(writeLatency.sample()), () -> commitHead(born));
  }

  private void commitHead(int born) {
    if (born != incarnation()) {
      return;
    }
    pending.poll(work);
    long event = work[EVENT];
    int key = (int) work[KEY];
    KeyTable t = replicas[leader];
    long old = t.value(key);
    byte op = world.events().op(event);
    long value = Writes.apply(op, old, work[VALUE]);
    Link from = inputs().get((int) work[LINK]);
    if (refused(op, old, value, work[VALUE])) {
      refuse(from, event, key, old, t.version(key));
      next();
      return;
    }
    long version = applied[leader] + 1;
    appendLog(version, event, key, value);
    t.put(key, value, version);
    applied[leader] = version;
    step(StepKind.APPLY, event, key, leader, version, value, old);
    int needed =
        switch (spec.replication()) {
          case ASYNC -> 0;
          case SEMI_SYNC -> Math.min(1, liveFollowers());
          case SYNC -> liveFollowers();
        };
    WaitingAck ack =
        new WaitingAck(
            from,
            event,
            key,
            value,
            work[INSTANCE],
            work[OFFSET],
            (int) work[PARTITION],
            new int[] {needed});
    if (needed == 0) {
      acknowledge(ack, version);
    } else {
      waitingAcks.put(version, ack);
    }
    for (int r = 0; r < replicas.length; r++) {
      if (r != leader && alive[r]) {
        long at = Math.max(world.now() + lag[r].sample(), lastScheduled[r]);
        lastScheduled[r] = at;
        world.kernel().scheduleAt(at, replicate, ((long) epoch << 40) | (version << 5) | r);
      }
    }
    Messages msgs = world.messages();
    for (Link out : outputs()) {
      if (out.to().isBroker()) {
        out.send(msgs.alloc(Messages.EVENT, event, key, value, 0, TraceStep.NONE, 0, version));
      }
    }
    next();
  }

  /** Whether a constraint this database enforces forbids the write. */
  private boolean refused(byte op, long old, long value, long written) {
    if (unique && op == Events.CLAIM && old != TraceStep.NO_VALUE && old != written) {
      return true; // another claimant holds the key (a retry of the winning claim is not refused)
    }
    return nonNegative && value < 0;
  }

  /** The write at the head of the queue is refused: SKIP, and a NACK to the writer. */
  private void refuse(Link from, long event, int key, long old, long heldVersion) {
    step(StepKind.SKIP, event, key, leader, heldVersion, work[VALUE], old);
    BrokerInput b = brokerInput(from);
    if (b != null) {
      b.done(event, (int) work[PARTITION], work[OFFSET], (int) work[INSTANCE]);
    } else if (Writes.ackWanted(from.from())) {
      Messages msgs = world.messages();
      from.reply(
          msgs.alloc(
              Messages.NACK,
              event,
              key,
              work[VALUE],
              0,
              TraceStep.NONE,
              work[INSTANCE],
              heldVersion));
    }
  }

  private int liveFollowers() {
    int n = 0;
    for (int r = 0; r < replicas.length; r++) {
      if (r != leader && alive[r]) {
        n++;
      }
    }
    return n;
  }

  /**
   * The write is acknowledged (ACK step: offset = its version), and its writer told so (the ack
   * echoes the write's aux number, so a writer can match it to its request).
   */
  private void acknowledge(WaitingAck a, long version) {
    step(StepKind.ACK, a.event(), a.key(), leader, version, a.value(), TraceStep.NO_VALUE);
    BrokerInput b = brokerInput(a.link());
    if (b != null) {
      b.done(a.event(), a.partition(), a.offset(), (int) a.instance());
    } else if (Writes.ackWanted(a.link().from())) {
      Messages msgs = world.messages();
      a.link()
          .reply(
              msgs.alloc(
                  Messages.ACK,
                  a.event(),
                  a.key(),
                  a.value(),
                  0,
                  TraceStep.NONE,
                  a.instance(),
                  version));
    }
  }

  /** A follower applies the next version of the leader's log. */
  private void replicate(long payload) {
    int r = (int) (payload & 31);
    long version = (payload >>> 5) & ((1L << 35) - 1);
    int e = (int) (payload >>> 40);
    if (e != epoch || !alive[r] || r == leader || version <= applied[r]) {
      return;
    }
    if (version != applied[r] + 1) {
      throw new IllegalStateException(
          id() + ": replica " + r + " at version " + applied[r] + " was sent version " + version);
    }
    int slot = (int) version;
    long event = logEvents[slot];
    int key = logKeys[slot];
    long value = logValues[slot];
    long old = replicas[r].value(key);
    replicas[r].put(key, value, version);
    applied[r] = version;
    world
        .trace()
        .record(
            world.now(), index, StepKind.REPLICATE, event, key, r, version, value, old, clock());
    WaitingAck a = waitingAcks.get(version);
    if (a != null && isUp() && --a.needed()[0] <= 0) {
      waitingAcks.remove(version);
      acknowledge(a, version);
    }
    serveWaitingReads();
  }

  private void appendLog(long version, long event, int key, long value) {
    int slot = (int) version;
    if (slot >= logEvents.length) {
      int n = Math.max(slot + 1, logEvents.length * 2);
      logEvents = Arrays.copyOf(logEvents, n);
      logKeys = Arrays.copyOf(logKeys, n);
      logValues = Arrays.copyOf(logValues, n);
    }
    logEvents[slot] = event;
    logKeys[slot] = key;
    logValues[slot] = value;
  }

  // ---------------------------------------------------------------- reads

  /**
   * A read: partition = -1 for the leader or the follower ordinal (0-based among followers);
   * version = the least version the reader must see (0 for none).
   */
  private void read(Link link, int m) {
    Messages msgs = world.messages();
    int replica = replicaFor(msgs.partition(m));
    long least = msgs.version(m);
    if (applied[replica] >= least || replica == leader) {
      Reads.answer(this, link, m, replicas[replica], replica);
    } else {
      int li = 0;
      while (outputs().get(li) != link) {
        li++;
      }
      waitingReads.add(new long[] {li, replica, least, msgs.event(m), msgs.key(m), msgs.aux(m)});
    }
  }

  private int replicaFor(int follower) {
    if (follower < 0 || follower >= replicas.length - 1) {
      return leader;
    }
    int ordinal = 0;
    for (int r = 0; r < replicas.length; r++) {
      if (r == leader) {
        continue;
      }
      if (ordinal++ == follower) {
        return alive[r] ? r : leader;
      }
    }
    return leader;
  }

  private void serveWaitingReads() {
    if (waitingReads.isEmpty()) {
      return;
    }
    Messages msgs = world.messages();
    for (int i = 0; i < waitingReads.size(); ) {
      long[] w = waitingReads.get(i);
      int replica = (int) w[1];
      if (applied[replica] >= w[2] || replica == leader) {
        waitingReads.remove(i);
        int key = (int) w[4];
        outputs()
            .get((int) w[0])
            .send(
                msgs.alloc(
                    Messages.READ_REPLY,
                    w[3],
                    key,
                    replicas[replica].value(key),
                    0,
                    replica,
                    w[5],
                    replicas[replica].version(key)));
      } else {
        i++;
      }
    }
  }

  // ---------------------------------------------------------------- crash and failover

  @Override
  protected void onCrash() {
    epoch++; // the replication stream stops: what followers had not applied does not reach them
    pending.clear();
    committing = false;
    waitingAcks.clear();
    waitingReads.clear();
    crashBrokerInputs();
    if (liveFollowers() > 0) {
      int born = incarnation();
      world
          .kernel()
          .schedule(
              spec.failoverAfter().micros(),
              () -> {
                if (born == incarnation() && !isUp()) {
                  failover();
                }
              });
    }
  }

  /** Promotes the live follower with the highest applied version; later versions are lost. */
  private void failover() {
    int old = leader;
    int best = -1;
    for (int r = 0; r < replicas.length; r++) {
      if (r != old && alive[r] && (best < 0 || applied[r] > applied[best])) {
        best = r;
      }
    }
    alive[old] = false;
    leader = best;
    world
        .trace()
        .record(
            world.now(),
            index,
            StepKind.FAILOVER,
            TraceStep.NONE,
            TraceStep.NONE,
            best,
            applied[best],
            TraceStep.NO_VALUE,
            applied[old],
            clock());
    world.recover(this); // onRestart: the other followers catch up from the new leader
  }

  @Override
  protected void onRestart() {
    // committed data is durable (restart) or on the promoted follower (failover)
    restartBrokerInputs();
    catchUp();
  }

  /** A new replication stream from the leader: followers behind it receive what they lack. */
  private void catchUp() {
    epoch++;
    Arrays.fill(lastScheduled, world.now());
    for (int r = 0; r < replicas.length; r++) {
      if (r != leader && alive[r]) {
        for (long v = applied[r] + 1; v <= applied[leader]; v++) {
          long at = Math.max(world.now() + lag[r].sample(), lastScheduled[r]);
          lastScheduled[r] = at;
          world.kernel().scheduleAt(at, replicate, ((long) epoch << 40) | (v << 5) | r);
        }
      }
    }
  }

  @Override
  protected boolean busy() {
    return !pending.isEmpty() || !waitingReads.isEmpty() || replicationBehind();
  }

  private boolean replicationBehind() {
    for (int r = 0; r < replicas.length; r++) {
      if (r != leader && alive[r] && applied[r] < applied[leader]) {
        return true;
      }
    }
    return false;
  }

  int followerCount() {
    return replicas.length - 1;
  }

  /** The replica index of follower number {@code ordinal} (1-based, in replica order). */
  private int follower(int ordinal) {
    int n = 0;
    for (int r = 0; r < replicas.length; r++) {
      if (r != leader && ++n == ordinal) {
        return r;
      }
    }
    return -1;
  }

  /**
   * Follower number {@code ordinal} crashes (CRASH step, partition = its replica): it stops
   * applying the leader's log, reads routed to it go to the leader, and writes waiting for its
   * acknowledgement no longer count on it.
   */
  @Override
  public void crashFollower(int ordinal) {
    int r = follower(ordinal);
    if (r < 0 || !alive[r]) {
      return;
    }
    alive[r] = false;
    world
        .trace()
        .record(
            world.now(),
            index,
            StepKind.CRASH,
            TraceStep.NONE,
            TraceStep.NONE,
            r,
            applied[r],
            TraceStep.NO_VALUE,
            TraceStep.NO_VALUE,
            clock());
    List<Long> versions = new ArrayList<>(waitingAcks.keySet());
    versions.sort(null);
    for (long v : versions) {
      WaitingAck a = waitingAcks.get(v);
      if (v > applied[r] && --a.needed()[0] <= 0) {
        waitingAcks.remove(v);
        acknowledge(a, v);
      }
    }
  }

  /** The follower restarts with its durable data (RESTART step) and catches up from the leader. */
  @Override
  public void restartFollower(int ordinal) {
    for (int r = 0; r < replicas.length; r++) {
      if (r != leader && !alive[r] && follower(ordinal) == r) {
        alive[r] = true;
        world
            .trace()
            .record(
                world.now(),
                index,
                StepKind.RESTART,
                TraceStep.NONE,
                TraceStep.NONE,
                r,
                applied[r],
                TraceStep.NO_VALUE,
                TraceStep.NO_VALUE,
                clock());
        if (isUp()) {
          catchUp();
        }
        return;
      }
    }
  }
}
