package dev.flowsim.app.gui.sim;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Database;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Topic;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed layout of a playback state vector for one pipeline: which {@code long} slot holds what
 * (queue depth, partition end offsets, committed offsets per consumer group, replica versions,
 * crash flags, cut counts, the last window result), and the fold that applies one trace step to a
 * state. The state is a plain {@code long[]} so checkpoints are array copies and two states compare
 * with {@link Arrays#equals(long[], long[])}.
 *
 * <p>Components are numbered in pipeline order ({@code 0..n-1}) and connections after them ({@code
 * n..n+m-1}), the order in which the simulator interns them in the trace's component table; {@link
 * #mapping(List)} translates any other table.
 */
public final class StateLayout {

  private final Pipeline pipeline;
  private final int components;
  private final int links;
  private int size;

  final int[] crashed;
  final int[] queueWaiting;
  final boolean[] queuePersistent;
  final int[] topicPartitions;
  final int[] topicEnd;
  final int[] topicGroups;
  final int[] topicCommitted;
  final List<List<String>> groupNames;
  final int[] dbReplicas;
  final int[] dbApplied;
  final int[] dbGone;
  final int[] dbDown;
  final int[] dbLeader;
  final int[] dbLeaderVersion;
  final int[] winStart;
  final int[] winEnd;
  final int[] winValue;
  final int[] winCount;
  final int[] cutForward;
  final int[] cutBackward;

  public StateLayout(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.components = pipeline.components().size();
    this.links = pipeline.connections().size();
    int n = components;
    crashed = new int[n];
    queueWaiting = filled(n);
    queuePersistent = new boolean[n];
    topicPartitions = new int[n];
    topicEnd = filled(n);
    topicGroups = new int[n];
    topicCommitted = filled(n);
    groupNames = new ArrayList<>();
    dbReplicas = new int[n];
    dbApplied = filled(n);
    dbGone = filled(n);
    dbDown = filled(n);
    dbLeader = filled(n);
    dbLeaderVersion = filled(n);
    winStart = filled(n);
    winEnd = filled(n);
    winValue = filled(n);
    winCount = filled(n);
    for (int i = 0; i < n; i++) {
      Component c = pipeline.components().get(i);
      crashed[i] = size++;
      List<String> groups = List.of();
      if (c instanceof Queue q) {
        queueWaiting[i] = size++;
        queuePersistent[i] = q.durability() == Queue.Durability.PERSISTENT;
      } else if (c instanceof Topic t) {
        int parts = t.partitions();
        groups = groups(pipeline, c.id());
        topicPartitions[i] = parts;
        topicGroups[i] = groups.size();
        topicEnd[i] = size;
        size += parts;
        topicCommitted[i] = size;
        size += parts * groups.size();
      } else if (c instanceof Database d) {
        int replicas = d.followers() + 1;
        dbReplicas[i] = replicas;
        dbApplied[i] = size;
        size += replicas;
        dbGone[i] = size;
        size += replicas;
        dbDown[i] = size;
        size += replicas;
        dbLeader[i] = size++;
        dbLeaderVersion[i] = size++;
      } else if (c instanceof dev.flowsim.model.Processor) {
        winStart[i] = size++;
        winEnd[i] = size++;
        winValue[i] = size++;
        winCount[i] = size++;
      }
      groupNames.add(groups);
    }
    cutForward = new int[links];
    cutBackward = new int[links];
    for (int j = 0; j < links; j++) {
      cutForward[j] = size++;
      cutBackward[j] = size++;
    }
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }

  /** Consumer groups of a topic, one per distinct group name on its outgoing links, in order. */
  static List<String> groups(Pipeline pipeline, String topic) {
    List<String> names = new ArrayList<>();
    for (Connection conn : pipeline.connectionsFrom(topic)) {
      String g = conn.consumerOrDefault().group();
      String name = g != null ? g : conn.to();
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  /** Number of slots of a state. */
  public int size() {
    return size;
  }

  public int componentCount() {
    return components;
  }

  public int linkCount() {
    return links;
  }

  /** A fresh state: nothing appended, nothing committed, everything up. */
  public long[] initial() {
    return new long[size];
  }

  /** The local numbering this layout expects, in trace-table order: components, then links. */
  public List<String> expectedNames() {
    List<String> names = new ArrayList<>();
    for (Component c : pipeline.components()) {
      names.add(c.id());
    }
    for (Connection c : pipeline.connections()) {
      names.add(c.label());
    }
    return names;
  }

  /**
   * Translates a trace's component table (names in index order) to local numbers: components {@code
   * 0..n-1}, links {@code n..}, -1 for names this pipeline does not have.
   */
  public int[] mapping(List<String> traceNames) {
    List<String> expected = expectedNames();
    int[] map = new int[traceNames.size()];
    for (int i = 0; i < map.length; i++) {
      map[i] = expected.indexOf(traceNames.get(i));
    }
    return map;
  }

  /** The identity mapping (the simulator's own numbering), for steps streamed during a run. */
  public int[] identity() {
    int[] map = new int[components + links];
    for (int i = 0; i < map.length; i++) {
      map[i] = i;
    }
    return map;
  }

  /**
   * Applies one step to {@code s}.
   *
   * @param local the step's component in local numbering ({@link #mapping}), or -1 to ignore
   */
  public void apply(long[] s, int local, TraceStep step) {
    if (local < 0) {
      return;
    }
    StepKind kind = step.kind();
    if (local >= components) {
      int l = local - components;
      if (kind == StepKind.CUT || kind == StepKind.HEAL) {
        long dirs = step.offset();
        long d = kind == StepKind.CUT ? 1 : -1;
        if ((dirs & 1) != 0) {
          s[cutForward[l]] += d;
        }
        if ((dirs & 2) != 0) {
          s[cutBackward[l]] += d;
        }
      }
      return;
    }
    int c = local;
    int p = step.partition();
    switch (kind) {
      case CRASH -> {
        if (dbDown[c] >= 0 && p >= 0 && p < dbReplicas[c]) {
          s[dbDown[c] + p] = 1;
        } else {
          s[crashed[c]] = 1;
          if (queueWaiting[c] >= 0 && !queuePersistent[c]) {
            s[queueWaiting[c]] = 0;
          }
        }
      }
      case RESTART -> {
        if (dbDown[c] >= 0 && p >= 0 && p < dbReplicas[c]) {
          s[dbDown[c] + p] = 0;
        } else {
          s[crashed[c]] = 0;
        }
      }
      case FAILOVER -> {
        if (dbApplied[c] >= 0) {
          s[crashed[c]] = 0;
          int old = (int) s[dbLeader[c]];
          if (old >= 0 && old < dbReplicas[c]) {
            s[dbGone[c] + old] = 1;
          }
          if (p >= 0 && p < dbReplicas[c]) {
            s[dbLeader[c]] = p;
            s[dbApplied[c] + p] = step.offset();
          }
          s[dbLeaderVersion[c]] = step.offset();
        }
      }
      case APPEND -> {
        if (topicEnd[c] >= 0) {
          if (p >= 0 && p < topicPartitions[c]) {
            int slot = topicEnd[c] + p;
            s[slot] = Math.max(s[slot], step.offset() + 1);
          }
        } else if (queueWaiting[c] >= 0) {
          s[queueWaiting[c]]++;
        }
      }
      case REDELIVER -> {
        if (queueWaiting[c] >= 0) {
          s[queueWaiting[c]]++;
        }
      }
      case SEND -> {
        if (queueWaiting[c] >= 0) {
          s[queueWaiting[c]]--;
        }
      }
      case DROP -> {
        if (queueWaiting[c] >= 0
            && s[crashed[c]] == 0
            && step.offset() >= 0
            && step.oldValue() == TraceStep.NO_VALUE) {
          s[queueWaiting[c]]--;
        }
      }
      case COMMIT -> {
        long g = step.value();
        if (topicCommitted[c] >= 0
            && g >= 0
            && g < topicGroups[c]
            && p >= 0
            && p < topicPartitions[c]) {
          s[topicCommitted[c] + (int) g * topicPartitions[c] + p] = step.offset();
        }
      }
      case APPLY -> {
        if (dbApplied[c] >= 0) {
          if (p >= 0 && p < dbReplicas[c]) {
            s[dbLeader[c]] = p;
            s[dbApplied[c] + p] = step.offset();
          }
          s[dbLeaderVersion[c]] = step.offset();
        }
      }
      case REPLICATE -> {
        if (dbApplied[c] >= 0 && p >= 0 && p < dbReplicas[c]) {
          s[dbApplied[c] + p] = step.offset();
        }
      }
      case WINDOW_EMIT -> {
        if (winStart[c] >= 0) {
          s[winStart[c]] = step.offset();
          s[winEnd[c]] = step.clock() + 1;
          s[winValue[c]] = step.value();
          s[winCount[c]]++;
        }
      }
      default -> {}
    }
  }

  // ------------------------------------------------------------------ reading a state

  /** True when component {@code c} (local number) is crashed. */
  public boolean crashed(long[] s, int c) {
    return s[crashed[c]] != 0;
  }

  /** Messages a queue holds waiting for a consumer, or -1 if {@code c} is not a queue. */
  public long queueDepth(long[] s, int c) {
    return queueWaiting[c] < 0 ? -1 : Math.max(0, s[queueWaiting[c]]);
  }

  /** Partitions of a topic (0 if {@code c} is not a topic). */
  public int partitions(int c) {
    return topicPartitions[c];
  }

  /** The next offset a topic partition will append at. */
  public long endOffset(long[] s, int c, int partition) {
    return s[topicEnd[c] + partition];
  }

  /** Consumer group names of a topic. */
  public List<String> groups(int c) {
    return groupNames.get(c);
  }

  /** A group's committed offset (next to read) on a partition. */
  public long committed(long[] s, int c, int group, int partition) {
    return s[topicCommitted[c] + group * topicPartitions[c] + partition];
  }

  /** Records a group has yet to commit, over all partitions of a topic. */
  public long lag(long[] s, int c, int group) {
    long lag = 0;
    for (int p = 0; p < topicPartitions[c]; p++) {
      lag += Math.max(0, endOffset(s, c, p) - committed(s, c, group, p));
    }
    return lag;
  }

  /** Replicas of a database (0 if {@code c} is not one). */
  public int replicas(int c) {
    return dbReplicas[c];
  }

  /**
   * How many versions replica {@code r} trails the leader; -1 when it is the leader or was lost in
   * a failover.
   */
  public long replicationLag(long[] s, int c, int r) {
    if (s[dbLeader[c]] == r || s[dbGone[c] + r] != 0) {
      return -1;
    }
    return Math.max(0, s[dbLeaderVersion[c]] - s[dbApplied[c] + r]);
  }

  /** True when a database follower is down on its own. */
  public boolean replicaDown(long[] s, int c, int r) {
    return s[dbDown[c] + r] != 0;
  }

  /** Window results a processor emitted so far (0 if it has none or is not a processor). */
  public long windowCount(long[] s, int c) {
    return winCount[c] < 0 ? 0 : s[winCount[c]];
  }

  /** The last window result: {start, end, value}. */
  public long[] lastWindow(long[] s, int c) {
    return new long[] {s[winStart[c]], s[winEnd[c]], s[winValue[c]]};
  }

  /** Directions of link {@code l} currently cut: 1 forward, 2 backward, 3 both. */
  public int cut(long[] s, int l) {
    return (s[cutForward[l]] > 0 ? 1 : 0) + (s[cutBackward[l]] > 0 ? 2 : 0);
  }
}
