package dev.flowsim.simulator.metrics;

import java.util.List;
import java.util.Optional;

/**
 * The time series of a run, sampled from the trace at a fixed virtual interval by {@link
 * MetricsRecorder}. Every series shares the run's sample times: {@code interval, 2 × interval, ...}
 * and a last sample at the end of the run (after the drain), so the last interval may be shorter. A
 * sample at time T covers the steps up to and including T; rates and percentiles cover the interval
 * that ends at T.
 *
 * <p>The series, by {@linkplain Series#name() name} (all derived from trace steps only):
 *
 * <dl>
 *   <dt>{@value #THROUGHPUT} ({@code KIND/s}, every component)
 *   <dd>Steps per second of the component's main kind in the interval: PRODUCE for producers,
 *       APPEND for topics and queues, APPLY for databases (leader commits) and derived stores,
 *       CONSUME for processors reading a topic or queue (DELIVER for the others, and for services),
 *       READ for readers. The unit names the kind, e.g. {@code APPLY/s}.
 *   <dt>{@value #REPLICATION_LAG_VERSIONS} ({@code versions}, per database follower: replica)
 *   <dd>The leader's last commit version (its APPLY steps) minus the last version the follower
 *       applied (its REPLICATE steps). It keeps growing while a follower is down. NaN while the
 *       replica is the leader (after a failover promoted it) or gone (the old leader).
 *   <dt>{@value #REPLICATION_LAG_MS} ({@code ms}, per follower)
 *   <dd>How long ago the leader committed the oldest version the follower lacks; 0 when it is up to
 *       date. The leader's commit times are kept for the last {@value MetricsRecorder#COMMIT_TIMES}
 *       versions; a follower further behind shows a lower bound.
 *   <dt>{@value #CONSUMER_LAG} ({@code records}, per topic, consumer group and partition)
 *   <dd>The partition's end offset (its last APPEND + 1) minus the group's committed offset (its
 *       last COMMIT), as Kafka reports lag. Records deleted by retention still count: they are what
 *       the group has not read.
 *   <dt>{@value #QUEUE_DEPTH} ({@code messages}, per queue)
 *   <dd>Messages waiting in the queue to be handed to a consumer: +1 per APPEND (each fan-out copy
 *       counts), -1 per delivery (SEND from the queue; a REDELIVER puts the message back first), -1
 *       per message the queue drops (drop-oldest); an in-memory queue's crash empties it. Messages
 *       out at consumers and not yet acked are not counted: acks leave no step in the trace, so a
 *       message taken back after an ack timeout counts again only when it is redelivered.
 *   <dt>{@value #STALENESS_VERSIONS} ({@code versions}, per derived store with a source database)
 *   <dd>The source database's last commit version minus the newest of its versions the store has
 *       applied (the store's APPLY version). Measured where the store's writes carry the database's
 *       versions: stores fed by the database's change stream (CDC) through topics and
 *       map/filter/enrich/dedupe processors, and stores written by a sequential dual write next to
 *       the database. A parallel dual write carries no versions: such stores have no staleness
 *       series ({@link Series#source()} names the database).
 *   <dt>{@value #STALENESS_MS} ({@code ms}, same stores)
 *   <dd>How long ago the source committed the oldest version newer than the store's newest: the age
 *       of the oldest change not yet visible in the store; 0 when it has caught up.
 *   <dt>{@value #LATENCY_P50}, {@value #LATENCY_P95}, {@value #LATENCY_P99} ({@code ms}, per store)
 *   <dd>End-to-end latency percentiles of the writes applied in the interval: from the creation of
 *       the event (its PRODUCE) to its APPLY at the store (a database's leader commit, a derived
 *       store's apply). NaN when nothing was applied in the interval. Taken from a fixed log-linear
 *       histogram (relative error under 2%, clamped to the exact minimum and maximum).
 * </dl>
 */
public final class Metrics {
  public static final String THROUGHPUT = "throughput";
  public static final String REPLICATION_LAG_VERSIONS = "replication.lag.versions";
  public static final String REPLICATION_LAG_MS = "replication.lag.ms";
  public static final String CONSUMER_LAG = "consumer.lag";
  public static final String QUEUE_DEPTH = "queue.depth";
  public static final String STALENESS_VERSIONS = "staleness.versions";
  public static final String STALENESS_MS = "staleness.ms";
  public static final String LATENCY_P50 = "latency.p50";
  public static final String LATENCY_P95 = "latency.p95";
  public static final String LATENCY_P99 = "latency.p99";

  private static final Metrics EMPTY = new Metrics(0, new long[0], List.of());

  private final long intervalMicros;
  private final long[] times;
  private final List<Series> series;

  Metrics(long intervalMicros, long[] times, List<Series> series) {
    this.intervalMicros = intervalMicros;
    this.times = times;
    this.series = List.copyOf(series);
  }

  /** No metrics (a run with metrics off). */
  public static Metrics empty() {
    return EMPTY;
  }

  /** True when there is no sample. */
  public boolean isEmpty() {
    return times.length == 0;
  }

  /** The sampling interval in virtual microseconds (0 for {@link #empty()}). */
  public long intervalMicros() {
    return intervalMicros;
  }

  /** The number of samples of every series. */
  public int sampleCount() {
    return times.length;
  }

  /** The sample times, in virtual microseconds (a copy). */
  public long[] times() {
    return times.clone();
  }

  /** Every series, by component (spec order), then by name in the order listed above. */
  public List<Series> series() {
    return series;
  }

  /** The series with this name, in order. */
  public List<Series> named(String name) {
    return series.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The series of one component, in order. */
  public List<Series> of(String component) {
    return series.stream().filter(s -> s.component().equals(component)).toList();
  }

  /** The first series with this name and component. */
  public Optional<Series> find(String name, String component) {
    return series.stream()
        .filter(s -> s.name().equals(name) && s.component().equals(component))
        .findFirst();
  }
}
