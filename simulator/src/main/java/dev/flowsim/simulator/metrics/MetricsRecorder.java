package dev.flowsim.simulator.metrics;

import dev.flowsim.model.Component;
import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.model.check.PipelineGraph;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.Trace;
import dev.flowsim.simulator.trace.TraceListener;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples a run's {@link Metrics} from its trace as the steps stream by: a trace listener that
 * keeps a few counters per component (versions, offsets, queue depth, step counts, a latency
 * histogram) and, whenever virtual time passes a sample time, appends one value to every series.
 * Each step costs a few array reads and writes and allocates nothing; memory is fixed per component
 * plus one value per series per sample. The series and their meanings are listed on {@link
 * Metrics}.
 *
 * <p>Feed it every step of a run in order, then call {@link #finish(long)} with the end time.
 * Sampling reads the trace only, so it changes nothing in the run (its hash, kernel events).
 */
public final class MetricsRecorder implements TraceListener {
  /** The default sampling interval: one second of virtual time. */
  public static final long DEFAULT_INTERVAL_MICROS = 1_000_000L;

  /** How many of a database's latest commit times are kept for time-based lag. */
  static final int COMMIT_TIMES = 1 << 16;

  private static final byte OTHER = 0;
  private static final byte TOPIC = 1;
  private static final byte QUEUE = 2;
  private static final byte DATABASE = 3;
  private static final byte DERIVED = 4;

  private final long interval;
  private final Events events;
  private long[] created = new long[0];

  private final byte[] role;
  private final StepKind[] mainKind;
  private final long[] counted;
  private final DbState[] dbs;
  private final TopicState[] topics;
  private final QueueState[] queues;
  private final StoreState[] stores;
  private final LatencyHistogram[] latency;

  private final List<Probe> probes = new ArrayList<>();
  private long[] times = new long[64];
  private int samples;
  private long lastSample;
  private long nextSample;
  private Metrics result;

  /**
   * A recorder that reads events' creation times from their PRODUCE steps.
   *
   * @param trace the trace the steps come from (for its component indices)
   */
  public MetricsRecorder(Pipeline pipeline, Trace trace, long intervalMicros) {
    this(pipeline, trace, null, intervalMicros);
  }

  /**
   * A recorder for a run.
   *
   * @param trace the run's trace, whose component table already holds the pipeline's components
   * @param events the run's ground truth, for events' creation times (null: taken from PRODUCE
   *     steps)
   * @param intervalMicros the sampling interval in virtual microseconds (above 0)
   */
  public MetricsRecorder(Pipeline pipeline, Trace trace, Events events, long intervalMicros) {
    if (intervalMicros <= 0) {
      throw new IllegalArgumentException("the metrics interval must be above 0: " + intervalMicros);
    }
    this.interval = intervalMicros;
    this.events = events;
    this.nextSample = intervalMicros;
    int n = 0;
    int[] index = new int[pipeline.components().size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = trace.components().indexOf(pipeline.components().get(i).id());
      n = Math.max(n, index[i] + 1);
    }
    role = new byte[n];
    mainKind = new StepKind[n];
    counted = new long[n];
    dbs = new DbState[n];
    topics = new TopicState[n];
    queues = new QueueState[n];
    stores = new StoreState[n];
    latency = new LatencyHistogram[n];

    PipelineGraph graph = new PipelineGraph(pipeline);
    Map<String, Integer> at = new LinkedHashMap<>();
    for (int i = 0; i < index.length; i++) {
      if (index[i] >= 0) {
        at.put(pipeline.components().get(i).id(), index[i]);
      }
    }
    // databases first: derived stores measure their staleness against them
    for (Component c : pipeline.components()) {
      Integer i = at.get(c.id());
      if (i != null && c instanceof Database d) {
        role[i] = DATABASE;
        dbs[i] = new DbState(d.followers() + 1, needsCommitTimes(pipeline, graph, d));
      }
    }
    for (int ci = 0; ci < index.length; ci++) {
      Component c = pipeline.components().get(ci);
      int i = index[ci];
      if (i < 0) {
        continue;
      }
      mainKind[i] = mainKind(c, graph);
      probes.add(
          new Probe(
              Metrics.THROUGHPUT,
              mainKind[i] + "/s",
              c.id(),
              Series.NONE,
              Series.NONE,
              null,
              null,
              (t, seconds) -> seconds > 0 ? counted[i] / seconds : Double.NaN));
      if (c instanceof Database) {
        DbState d = dbs[i];
        for (int r = 1; r < d.applied.length; r++) {
          int replica = r;
          probes.add(
              new Probe(
                  Metrics.REPLICATION_LAG_VERSIONS,
                  "versions",
                  c.id(),
                  Series.NONE,
                  replica,
                  null,
                  null,
                  (t, s) -> d.versionsBehind(replica)));
        }
        for (int r = 1; r < d.applied.length; r++) {
          int replica = r;
          probes.add(
              new Probe(
                  Metrics.REPLICATION_LAG_MS,
                  "ms",
                  c.id(),
                  Series.NONE,
                  replica,
                  null,
                  null,
                  (t, s) ->
                      d.isFollower(replica) ? d.millisBehind(d.applied[replica], t) : Double.NaN));
        }
        addLatency(c.id(), i);
      } else if (c instanceof Topic topic) {
        role[i] = TOPIC;
        List<String> groups = groups(pipeline, c.id());
        TopicState ts = new TopicState(topic.partitions(), groups.size());
        topics[i] = ts;
        for (int g = 0; g < groups.size(); g++) {
          for (int p = 0; p < topic.partitions(); p++) {
            int group = g;
            int partition = p;
            probes.add(
                new Probe(
                    Metrics.CONSUMER_LAG,
                    "records",
                    c.id(),
                    partition,
                    Series.NONE,
                    groups.get(g),
                    null,
                    (t, s) -> Math.max(0, ts.end[partition] - ts.committed[group][partition])));
          }
        }
      } else if (c instanceof Queue q) {
        role[i] = QUEUE;
        QueueState qs = new QueueState(q.durability() == Queue.Durability.PERSISTENT);
        queues[i] = qs;
        probes.add(
            new Probe(
                Metrics.QUEUE_DEPTH,
                "messages",
                c.id(),
                Series.NONE,
                Series.NONE,
                null,
                null,
                (t, s) -> Math.max(0, qs.waiting)));
      } else if (c instanceof DerivedStore) {
        role[i] = DERIVED;
        String source = sourceDatabase(pipeline, graph, c);
        Integer si = source == null ? null : at.get(source);
        StoreState ss = new StoreState();
        stores[i] = ss;
        if (si != null && dbs[si] != null) {
          DbState d = dbs[si];
          probes.add(
              new Probe(
                  Metrics.STALENESS_VERSIONS,
                  "versions",
                  c.id(),
                  Series.NONE,
                  Series.NONE,
                  null,
                  source,
                  (t, s) -> Math.max(0, d.leaderVersion - ss.newest)));
          probes.add(
              new Probe(
                  Metrics.STALENESS_MS,
                  "ms",
                  c.id(),
                  Series.NONE,
                  Series.NONE,
                  null,
                  source,
                  (t, s) -> d.millisBehind(ss.newest, t)));
        }
        addLatency(c.id(), i);
      }
    }
  }

  private void addLatency(String id, int i) {
    LatencyHistogram h = new LatencyHistogram();
    latency[i] = h;
    String[] names = {Metrics.LATENCY_P50, Metrics.LATENCY_P95, Metrics.LATENCY_P99};
    double[] qs = {0.50, 0.95, 0.99};
    for (int k = 0; k < names.length; k++) {
      double q = qs[k];
      probes.add(
          new Probe(
              names[k],
              "ms",
              id,
              Series.NONE,
              Series.NONE,
              null,
              null,
              (t, s) -> h.quantile(q) / 1000.0));
    }
  }

  /** The kind of step whose rate is a component's throughput. */
  private static StepKind mainKind(Component c, PipelineGraph graph) {
    if (c instanceof Producer) {
      return StepKind.PRODUCE;
    }
    if (c instanceof Topic || c instanceof Queue) {
      return StepKind.APPEND;
    }
    if (c instanceof Database || c instanceof DerivedStore) {
      return StepKind.APPLY;
    }
    if (c instanceof Reader) {
      return StepKind.READ;
    }
    if (c instanceof Processor) {
      for (Component in : graph.inputs(c.id())) {
        if (in.kind().isBroker()) {
          return StepKind.CONSUME;
        }
      }
    }
    return StepKind.DELIVER;
  }

  /**
   * The consumer groups of a topic, numbered as its COMMIT steps number them: one per distinct
   * group name on its outgoing connections (the consumer's id when none is set), in order.
   */
  private static List<String> groups(Pipeline pipeline, String topic) {
    List<String> names = new ArrayList<>();
    for (var conn : pipeline.connectionsFrom(topic)) {
      String g =
          conn.consumerOrDefault().group() != null ? conn.consumerOrDefault().group() : conn.to();
      if (!names.contains(g)) {
        names.add(g);
      }
    }
    return names;
  }

  /**
   * The database whose commit versions a derived store's writes carry: the nearest upstream
   * database whose change stream reaches the store through topics, queues and
   * map/filter/enrich/dedupe processors (CDC), else a database written by the same sequential dual
   * write; null when there is none.
   */
  static String sourceDatabase(Pipeline pipeline, PipelineGraph graph, Component store) {
    String best = null;
    int bestLength = Integer.MAX_VALUE;
    for (Component c : pipeline.components()) {
      if (c instanceof Database) {
        List<String> path = graph.path(c.id(), store.id()).orElse(null);
        if (path != null && path.size() < bestLength && carriesVersions(graph, path)) {
          best = c.id();
          bestLength = path.size();
        }
      }
    }
    if (best != null) {
      return best;
    }
    for (Component w : graph.inputs(store.id())) {
      if (w instanceof Service s
          && s.writeStrategy() == Service.WriteStrategy.DUAL_WRITE
          && s.writeOrder() == Service.WriteOrder.SEQUENTIAL) {
        for (Component o : graph.outputs(w.id())) {
          if (o instanceof Database) {
            return o.id();
          }
        }
      }
    }
    return null;
  }

  private static boolean carriesVersions(PipelineGraph graph, List<String> path) {
    for (int k = 1; k < path.size() - 1; k++) {
      Component c = graph.component(path.get(k));
      boolean passes =
          c instanceof Topic
              || c instanceof Queue
              || (c instanceof Processor p
                  && !(p.operator() instanceof Operator.Window)
                  && !(p.operator() instanceof Operator.Join));
      if (!passes) {
        return false;
      }
    }
    return true;
  }

  /** Whether a database's commit times are needed: it has followers or a store trails it. */
  private static boolean needsCommitTimes(Pipeline pipeline, PipelineGraph graph, Database d) {
    if (d.followers() > 0) {
      return true;
    }
    for (Component c : pipeline.components()) {
      if (c instanceof DerivedStore && d.id().equals(sourceDatabase(pipeline, graph, c))) {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ the hot path

  @Override
  public void onStep(TraceStep s) {
    if (result != null) {
      return;
    }
    long t = s.timeMicros();
    if (t > nextSample) {
      sampleBefore(t);
    }
    StepKind k = s.kind();
    if (events == null && k == StepKind.PRODUCE) {
      remember(s.eventId(), t);
    }
    int c = s.component();
    if (c < 0 || c >= role.length) {
      return; // a link (CUT, HEAL)
    }
    if (k == mainKind[c]) {
      counted[c]++;
    }
    switch (role[c]) {
      case DATABASE -> onDatabase(c, s, k, t);
      case TOPIC -> onTopic(topics[c], s, k);
      case QUEUE -> onQueue(queues[c], s, k);
      case DERIVED -> {
        if (k == StepKind.APPLY) {
          StoreState st = stores[c];
          if (s.offset() > st.newest) {
            st.newest = s.offset();
          }
          applied(c, s.eventId(), t);
        }
      }
      default -> {}
    }
  }

  private void onDatabase(int c, TraceStep s, StepKind k, long t) {
    DbState d = dbs[c];
    if (k == StepKind.APPLY) {
      d.commit(s.partition(), s.offset(), t);
      applied(c, s.eventId(), t);
    } else if (k == StepKind.REPLICATE) {
      d.replicated(s.partition(), s.offset());
    } else if (k == StepKind.FAILOVER) {
      d.failover(s.partition(), s.offset());
    }
  }

  private static void onTopic(TopicState ts, TraceStep s, StepKind k) {
    int p = s.partition();
    if (p < 0 || p >= ts.end.length) {
      return;
    }
    if (k == StepKind.APPEND) {
      ts.end[p] = Math.max(ts.end[p], s.offset() + 1);
    } else if (k == StepKind.COMMIT) {
      long g = s.value();
      if (g >= 0 && g < ts.committed.length) {
        ts.committed[(int) g][p] = s.offset();
      }
    }
  }

  private static void onQueue(QueueState q, TraceStep s, StepKind k) {
    switch (k) {
      case APPEND, REDELIVER -> q.waiting++;
      case SEND -> q.waiting--;
      case DROP -> {
        // the queue's own drop of a held message (drop-oldest); a crash's drops empty it at once,
        // link drops (old value = the link) concern messages already sent
        if (!q.down && s.offset() >= 0 && s.oldValue() == TraceStep.NO_VALUE) {
          q.waiting--;
        }
      }
      case CRASH -> {
        q.down = true;
        if (!q.persistent) {
          q.waiting = 0;
        }
      }
      case RESTART -> q.down = false;
      default -> {}
    }
  }

  private void applied(int c, long event, long t) {
    long born = createdAt(event);
    if (born >= 0) {
      latency[c].add(t - born);
    }
  }

  private long createdAt(long event) {
    if (event <= 0) {
      return -1;
    }
    if (events != null) {
      return event <= events.count() ? events.createdAt(event) : -1;
    }
    return event < created.length ? created[(int) event] : -1;
  }

  private void remember(long event, long t) {
    if (event <= 0 || event >= Integer.MAX_VALUE - 8) {
      return;
    }
    if (event >= created.length) {
      int old = created.length;
      created = Arrays.copyOf(created, (int) Math.max(event + 1, Math.max(1024, old * 2L)));
      Arrays.fill(created, old, created.length, -1);
    }
    created[(int) event] = t;
  }

  // ------------------------------------------------------------------ sampling

  /** Takes the samples due before a step at {@code t} (those at times before t). */
  private void sampleBefore(long t) {
    while (nextSample < t) {
      sample(nextSample);
      nextSample += interval;
    }
  }

  private void sample(long t) {
    double seconds = (t - lastSample) / 1e6;
    if (samples == times.length) {
      times = Arrays.copyOf(times, samples * 2);
    }
    times[samples] = t;
    for (Probe p : probes) {
      p.add(samples, p.sampler.at(t, seconds));
    }
    samples++;
    lastSample = t;
    Arrays.fill(counted, 0);
    for (LatencyHistogram h : latency) {
      if (h != null) {
        h.reset();
      }
    }
  }

  /**
   * Takes the last samples (every interval up to {@code endMicros}, then one at {@code endMicros})
   * and returns the metrics. Later steps are ignored; calling it again returns the same metrics.
   */
  public Metrics finish(long endMicros) {
    if (result != null) {
      return result;
    }
    while (nextSample < endMicros) {
      sample(nextSample);
      nextSample += interval;
    }
    if (samples == 0 || endMicros > lastSample) {
      sample(Math.max(endMicros, lastSample));
    }
    long[] t = Arrays.copyOf(times, samples);
    List<Series> series = new ArrayList<>(probes.size());
    for (Probe p : probes) {
      series.add(
          new Series(
              p.name,
              p.unit,
              p.component,
              p.partition,
              p.replica,
              p.group,
              p.source,
              t,
              Arrays.copyOf(p.values, samples)));
    }
    result = new Metrics(interval, t, series);
    return result;
  }

  // ------------------------------------------------------------------ state

  @FunctionalInterface
  private interface Sampler {
    double at(long t, double seconds);
  }

  private static final class Probe {
    final String name;
    final String unit;
    final String component;
    final int partition;
    final int replica;
    final String group;
    final String source;
    final Sampler sampler;
    double[] values = new double[64];

    Probe(
        String name,
        String unit,
        String component,
        int partition,
        int replica,
        String group,
        String source,
        Sampler sampler) {
      this.name = name;
      this.unit = unit;
      this.component = component;
      this.partition = partition;
      this.replica = replica;
      this.group = group;
      this.source = source;
      this.sampler = sampler;
    }

    void add(int i, double v) {
      if (i == values.length) {
        values = Arrays.copyOf(values, i * 2);
      }
      values[i] = v;
    }
  }

  /** A database as seen in its steps: versions per replica, the leader, its commit times. */
  private static final class DbState {
    final long[] applied;
    final boolean[] gone;
    int leader;
    long leaderVersion;
    final long[] commitTimes;
    final long[] commitVersions;

    DbState(int replicas, boolean keepTimes) {
      applied = new long[replicas];
      gone = new boolean[replicas];
      commitTimes = keepTimes ? new long[COMMIT_TIMES] : null;
      commitVersions = keepTimes ? new long[COMMIT_TIMES] : null;
    }

    void commit(int replica, long version, long t) {
      if (replica >= 0 && replica < applied.length) {
        leader = replica;
        applied[replica] = version;
      }
      leaderVersion = version;
      if (commitTimes != null && version > 0) {
        int slot = (int) (version & (COMMIT_TIMES - 1));
        commitTimes[slot] = t;
        commitVersions[slot] = version;
      }
    }

    void replicated(int replica, long version) {
      if (replica >= 0 && replica < applied.length) {
        applied[replica] = version;
      }
    }

    void failover(int newLeader, long version) {
      if (leader >= 0 && leader < gone.length) {
        gone[leader] = true;
      }
      if (newLeader >= 0 && newLeader < applied.length) {
        leader = newLeader;
        applied[newLeader] = version;
      }
      leaderVersion = version;
    }

    boolean isFollower(int r) {
      return r != leader && !gone[r];
    }

    double versionsBehind(int r) {
      return isFollower(r) ? Math.max(0, leaderVersion - applied[r]) : Double.NaN;
    }

    /**
     * Milliseconds since the leader committed the oldest version after {@code have} (0 when {@code
     * have} is current; a lower bound when that version's time is no longer kept).
     */
    double millisBehind(long have, long now) {
      if (leaderVersion <= have) {
        return 0;
      }
      if (commitTimes == null) {
        return Double.NaN;
      }
      long v = Math.max(have + 1, leaderVersion - COMMIT_TIMES + 1);
      int slot = (int) (v & (COMMIT_TIMES - 1));
      return commitVersions[slot] == v ? (now - commitTimes[slot]) / 1000.0 : Double.NaN;
    }
  }

  private static final class TopicState {
    final long[] end;
    final long[][] committed;

    TopicState(int partitions, int groups) {
      end = new long[partitions];
      committed = new long[groups][partitions];
    }
  }

  private static final class QueueState {
    final boolean persistent;
    long waiting;
    boolean down;

    QueueState(boolean persistent) {
      this.persistent = persistent;
    }
  }

  private static final class StoreState {
    long newest;
  }
}
