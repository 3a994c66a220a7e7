package dev.flowsim.simulator.node;

import dev.flowsim.model.Fault;
import dev.flowsim.model.Retention;
import dev.flowsim.model.Topic;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.engine.Messages;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.kernel.SimRandom;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A log-based topic: partitions of append-only entries with dense offsets. The partitioner places
 * each event; consumer groups (one per distinct group name on the outgoing links) each get every
 * partition, assigned to one member (a consumer instance) at a time; the broker pushes up to a
 * window of records ahead of the member's acks and keeps the group's committed offsets. When a
 * member is detected down (after a session timeout) or comes back, the group rebalances and the new
 * owner resumes from the last commit, which replays what was processed but not committed. Retention
 * deletes the oldest entries for good (a consumer behind them loses them); compaction removes
 * entries superseded by a later one of the same key.
 */
final class TopicNode extends Node implements World.FaultTarget {
  /** Records pushed ahead of a member's acks, per partition. */
  static final int WINDOW = 64;

  /** How long a crashed member goes unnoticed before its partitions move. */
  static final long SESSION_TIMEOUT_MICROS = 3_000_000L;

  /** How long a member may ack nothing while records are out before they are fetched again. */
  static final long FETCH_TIMEOUT_MICROS = 5_000_000L;

  /** Entries younger than this are not compacted yet. */
  static final long COMPACTION_LAG_MICROS = 1_000_000L;

  private final Topic spec;
  private final PartitionLog[] logs;
  private final SimRandom random;
  private final List<Group> groups = new ArrayList<>();
  private final Map<Link, Group> groupOf = new HashMap<>();
  private Retention retention;
  private int roundRobin;

  TopicNode(World world, Topic spec) {
    super(world, spec.id());
    this.spec = spec;
    this.logs = new PartitionLog[spec.partitions()];
    for (int p = 0; p < logs.length; p++) {
      logs[p] = new PartitionLog();
    }
    this.random = world.random(spec.id(), "partitioner");
    this.retention = spec.retention();
  }

  @Override
  public boolean isBroker() {
    return true;
  }

  @Override
  protected void onStart() {
    Map<String, Group> byName = new LinkedHashMap<>();
    for (Link out : outputs()) {
      String name = out.consumer().group() != null ? out.consumer().group() : out.to().id();
      Group g = byName.computeIfAbsent(name, n -> new Group(n, byName.size(), logs.length));
      for (int i = 0; i < out.to().consumerInstances(); i++) {
        g.members.add(new Member(out, i));
      }
      groupOf.put(out, g);
      if (out.consumer().startFrom() == dev.flowsim.model.Connection.StartFrom.LATEST) {
        g.latest = true;
      }
    }
    groups.addAll(byName.values());
    for (Group g : groups) {
      g.rebalance();
    }
    scheduleHousekeeping();
  }

  /** Retention by time and compaction run as periodic background work, as in a real broker. */
  private void scheduleHousekeeping() {
    long every = 1_000_000L;
    if (retention.time() != null) {
      every = Math.max(1_000L, Math.min(every, retention.time().micros() / 4));
    }
    if (retention.time() == null && !spec.compaction()) {
      return;
    }
    long period = every;
    world
        .kernel()
        .schedule(
            period,
            () -> {
              housekeeping();
              if (world.producing() || !world.quiescent()) {
                scheduleHousekeeping();
              }
            });
  }

  private void housekeeping() {
    for (int p = 0; p < logs.length; p++) {
      PartitionLog log = logs[p];
      if (retention.time() != null) {
        long cutoff = world.now() - retention.time().micros();
        while (log.base < log.end && log.time(log.base) < cutoff) {
          expire(p, log.base);
          log.dropHead();
        }
      }
      if (spec.compaction()) {
        // the head of the log (younger than the compaction lag) is left alone, as Kafka leaves
        // the active segment
        long cutoff = world.now() - COMPACTION_LAG_MICROS;
        for (long o = log.base; o < log.end && log.time(o) < cutoff; o++) {
          long latest = log.latestOffset(log.key(o));
          if (!log.removed(o) && latest != o) {
            compact(p, o, latest);
          }
        }
      }
    }
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    int kind = msgs.kind(m);
    if (!fromDownstream) {
      if (kind == Messages.EVENT || kind == Messages.WRITE) {
        append(link, m);
      }
      return;
    }
    Group g = groupOf.get(link);
    int p = msgs.partition(m);
    if (g == null || p < 0 || p >= logs.length) {
      return;
    }
    if (kind == Messages.ACK) {
      Member owner = g.owner[p];
      if (owner != null && owner.link == link && owner.instance == (int) msgs.aux(m)) {
        g.inflight[p] = Math.max(0, g.inflight[p] - 1);
        g.acked[p] = Math.max(g.acked[p], msgs.version(m) + 1);
        g.progressAt[p] = world.now();
      }
      if (msgs.value(m) == 1) {
        g.commit(p, msgs.version(m) + 1);
      }
      g.pump(p);
    } else if (kind == Messages.COMMIT) {
      g.commit(p, msgs.version(m));
    }
  }

  private void append(Link from, int m) {
    Messages msgs = world.messages();
    int key = msgs.key(m);
    int p =
        switch (spec.partitioner()) {
          case KEY_HASH -> Math.floorMod(world.keyHash(key), logs.length);
          case ROUND_ROBIN -> roundRobin++ % logs.length;
          case RANDOM -> random.nextInt(logs.length);
        };
    PartitionLog log = logs[p];
    long offset = log.append(msgs.event(m), key, msgs.value(m), msgs.sourceVersion(m), world.now());
    step(StepKind.APPEND, msgs.event(m), key, p, offset, msgs.value(m), TraceStep.NO_VALUE);
    if (from.from().wantsAcks()) {
      from.reply(msgs.alloc(Messages.ACK, msgs.event(m), key, msgs.value(m), offset, p, 0));
    }
    if (retention.count() != null) {
      while (log.end - log.base > retention.count()) {
        expire(p, log.base);
        log.dropHead();
      }
    }
    for (Group g : groups) {
      g.pump(p);
    }
  }

  /** Compaction removes an entry superseded by a later one of the same key (old value = it). */
  private void compact(int p, long offset, long supersededBy) {
    PartitionLog log = logs[p];
    step(
        StepKind.EXPIRE,
        log.event(offset),
        log.key(offset),
        p,
        offset,
        log.value(offset),
        supersededBy);
    log.remove(offset);
  }

  private void expire(int p, long offset) {
    PartitionLog log = logs[p];
    if (!log.removed(offset)) {
      step(
          StepKind.EXPIRE,
          log.event(offset),
          log.key(offset),
          p,
          offset,
          log.value(offset),
          TraceStep.NO_VALUE);
    }
  }

  /** A stable, well-spread hash of a key id (murmur3's finalizer). */
  static int mix(int key) {
    int h = key;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  @Override
  public void fault(Fault fault, boolean active) {
    if (fault instanceof Fault.Rewind r) {
      for (Group g : groups) {
        if (r.group() == null || r.group().equals(g.name)) {
          g.rewind(r.by() == null ? Long.MIN_VALUE : world.now() - r.by().micros());
        }
      }
      return;
    }
    if (fault instanceof Fault.RetentionShrink r && active) {
      retention = r.retention();
      for (int p = 0; p < logs.length; p++) {
        PartitionLog log = logs[p];
        if (retention.count() != null) {
          while (log.end - log.base > retention.count()) {
            expire(p, log.base);
            log.dropHead();
          }
        }
      }
      scheduleHousekeeping();
    }
  }

  @Override
  protected void peerDown(Link link) {
    Group g = groupOf.get(link);
    if (g != null) {
      g.setAlive(link, false);
    }
  }

  @Override
  protected void peerUp(Link link) {
    Group g = groupOf.get(link);
    if (g != null) {
      g.setAlive(link, true);
    }
  }

  @Override
  protected long peerDownDelay() {
    return SESSION_TIMEOUT_MICROS;
  }

  @Override
  protected boolean busy() {
    for (Group g : groups) {
      for (int p = 0; p < logs.length; p++) {
        Member o = g.owner[p];
        if (o != null && o.alive && o.link.to().isUp() && g.position[p] < logs[p].end) {
          return true;
        }
      }
    }
    return false;
  }

  /** A consumer instance of a group: the link to its component and its instance number. */
  private static final class Member {
    final Link link;
    final int instance;
    boolean alive = true;

    Member(Link link, int instance) {
      this.link = link;
      this.instance = instance;
    }
  }

  /** A consumer group: members, partition owners, delivery positions and committed offsets. */
  private final class Group {
    final String name;
    final int number;
    final List<Member> members = new ArrayList<>();
    final Member[] owner;
    final long[] position;
    final long[] committed;
    final int[] inflight;
    final long[] acked;
    final long[] progressAt;
    final boolean[] watched;
    boolean latest;
    boolean started;

    Group(String name, int number, int partitions) {
      this.name = name;
      this.number = number;
      owner = new Member[partitions];
      position = new long[partitions];
      committed = new long[partitions];
      inflight = new int[partitions];
      acked = new long[partitions];
      progressAt = new long[partitions];
      watched = new boolean[partitions];
    }

    /**
     * Records pushed to a member may be lost on the link (loss, a cut). A partition whose member
     * has acked nothing for {@link #FETCH_TIMEOUT_MICROS} while records are out is re-fetched from
     * the record after the last ack: the trailing records are sent again, and records lost before a
     * later ack stay lost for this group (the consumer went past them).
     */
    void watch(int p) {
      if (watched[p]) {
        return;
      }
      watched[p] = true;
      world
          .kernel()
          .scheduleAt(
              progressAt[p] + FETCH_TIMEOUT_MICROS,
              () -> {
                watched[p] = false;
                if (inflight[p] == 0 || !isUp()) {
                  return;
                }
                if (world.now() - progressAt[p] >= FETCH_TIMEOUT_MICROS) {
                  position[p] = Math.max(Math.max(acked[p], committed[p]), logs[p].base);
                  inflight[p] = 0;
                  progressAt[p] = world.now();
                  pump(p);
                } else {
                  watch(p);
                }
              });
    }

    /**
     * A member's component went down or came back: whatever was in flight to it is gone, so its
     * partitions restart from the last commit; then the group rebalances.
     */
    void setAlive(Link link, boolean alive) {
      for (Member m : members) {
        if (m.link == link) {
          m.alive = alive;
        }
      }
      for (int p = 0; p < owner.length; p++) {
        if (owner[p] != null && owner[p].link == link) {
          position[p] = Math.max(committed[p], logs[p].base);
          acked[p] = position[p];
          inflight[p] = 0;
        }
      }
      rebalance();
    }

    /** Assigns partitions round-robin to the live members; moved partitions restart at commit. */
    void rebalance() {
      List<Member> live = members.stream().filter(mm -> mm.alive).toList();
      for (int p = 0; p < owner.length; p++) {
        Member next = live.isEmpty() ? null : live.get(p % live.size());
        if (!started && latest) {
          committed[p] = logs[p].end;
        }
        if (next != owner[p]) {
          owner[p] = next;
          position[p] = Math.max(committed[p], logs[p].base);
          acked[p] = position[p];
          inflight[p] = 0;
        }
        if (next != null && next.alive && !started) {
          position[p] = Math.max(committed[p], logs[p].base);
          acked[p] = position[p];
        }
      }
      started = true;
      for (int p = 0; p < owner.length; p++) {
        pump(p);
      }
    }

    /**
     * Resets the group's offsets to the first entry appended at or after {@code since} (the oldest
     * entry kept for {@link Long#MIN_VALUE}), as an operator's offset reset does: a COMMIT step
     * with the lower offset records it, and the owners read from there again.
     */
    void rewind(long since) {
      for (int p = 0; p < owner.length; p++) {
        PartitionLog log = logs[p];
        long to = log.base;
        while (to < log.end && log.time(to) < since) {
          to++;
        }
        if (to < committed[p] || to < position[p]) {
          committed[p] = to;
          position[p] = to;
          acked[p] = to;
          inflight[p] = 0;
          world
              .trace()
              .record(
                  world.now(),
                  index,
                  StepKind.COMMIT,
                  TraceStep.NONE,
                  TraceStep.NONE,
                  p,
                  to,
                  number,
                  TraceStep.NO_VALUE,
                  clock());
          pump(p);
        }
      }
    }

    void commit(int p, long next) {
      if (next > committed[p]) {
        committed[p] = next;
        world
            .trace()
            .record(
                world.now(),
                index,
                StepKind.COMMIT,
                TraceStep.NONE,
                TraceStep.NONE,
                p,
                next,
                number,
                TraceStep.NO_VALUE,
                clock());
      }
    }

    /** Pushes records of partition {@code p} to its owner while the window allows. */
    void pump(int p) {
      Member o = owner[p];
      if (o == null || !o.alive || !isUp()) {
        return;
      }
      PartitionLog log = logs[p];
      Messages msgs = world.messages();
      while (inflight[p] < WINDOW && position[p] < log.end) {
        if (position[p] < log.base) {
          position[p] = log.base; // retention deleted what this group had not read: lost
          continue;
        }
        long off = position[p]++;
        if (log.removed(off)) {
          continue;
        }
        if (inflight[p]++ == 0) {
          progressAt[p] = world.now();
        }
        watch(p);
        o.link.send(
            msgs.alloc(
                Messages.EVENT,
                log.event(off),
                log.key(off),
                log.value(off),
                off,
                p,
                o.instance,
                log.version(off)));
      }
    }
  }

  /** One partition: entries in columns, offsets dense from {@code base} (oldest kept) to end. */
  private static final class PartitionLog {
    long base;
    long end;
    private int start;
    private long[] events = new long[64];
    private int[] keys = new int[64];
    private long[] values = new long[64];
    private long[] versions = new long[64];
    private long[] times = new long[64];
    private boolean[] removed = new boolean[64];
    private final Map<Integer, Long> latest = new HashMap<>();

    long append(long event, int key, long value, long version, long now) {
      int size = (int) (end - base);
      if (start + size == events.length) {
        if (start > events.length / 2) {
          shift();
        } else {
          int n = events.length * 2;
          events = Arrays.copyOf(events, n);
          keys = Arrays.copyOf(keys, n);
          values = Arrays.copyOf(values, n);
          versions = Arrays.copyOf(versions, n);
          times = Arrays.copyOf(times, n);
          removed = Arrays.copyOf(removed, n);
        }
      }
      int i = start + size;
      events[i] = event;
      keys[i] = key;
      values[i] = value;
      versions[i] = version;
      times[i] = now;
      removed[i] = false;
      latest.put(key, end);
      return end++;
    }

    private void shift() {
      int size = (int) (end - base);
      System.arraycopy(events, start, events, 0, size);
      System.arraycopy(keys, start, keys, 0, size);
      System.arraycopy(values, start, values, 0, size);
      System.arraycopy(versions, start, versions, 0, size);
      System.arraycopy(times, start, times, 0, size);
      System.arraycopy(removed, start, removed, 0, size);
      start = 0;
    }

    void dropHead() {
      start++;
      base++;
    }

    private int at(long offset) {
      return start + (int) (offset - base);
    }

    long event(long o) {
      return events[at(o)];
    }

    int key(long o) {
      return keys[at(o)];
    }

    long value(long o) {
      return values[at(o)];
    }

    long version(long o) {
      return versions[at(o)];
    }

    long time(long o) {
      return times[at(o)];
    }

    boolean removed(long o) {
      return removed[at(o)];
    }

    void remove(long o) {
      removed[at(o)] = true;
    }

    long latestOffset(int key) {
      Long o = latest.get(key);
      return o == null ? -1 : o;
    }
  }
}
