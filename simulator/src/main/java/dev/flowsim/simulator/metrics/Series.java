package dev.flowsim.simulator.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named time series of a run: what is measured ({@link #name()}, e.g. {@value
 * Metrics#CONSUMER_LAG}), in which {@link #unit()}, of which component, and — when the metric has
 * them — the partition, the replica, the consumer group or the source database it is about. The
 * samples are taken at the {@linkplain Metrics#times() run's sample times}, one value per time;
 * {@link Double#NaN} marks a sample without a value (e.g. no write was applied in that interval, or
 * the replica was the leader then).
 *
 * <p>Immutable: the array accessors return copies; {@link #time(int)} and {@link #value(int)} read
 * without copying.
 */
public final class Series {
  /** The value of {@link #partition()} and {@link #replica()} when the series has none. */
  public static final int NONE = -1;

  private final String name;
  private final String unit;
  private final String component;
  private final int partition;
  private final int replica;
  private final String group;
  private final String source;
  private final long[] times;
  private final double[] values;

  Series(
      String name,
      String unit,
      String component,
      int partition,
      int replica,
      String group,
      String source,
      long[] times,
      double[] values) {
    if (times.length != values.length) {
      throw new IllegalArgumentException(
          "a series needs one value per sample time: " + times.length + " != " + values.length);
    }
    this.name = Objects.requireNonNull(name, "name");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.component = Objects.requireNonNull(component, "component");
    this.partition = partition;
    this.replica = replica;
    this.group = group;
    this.source = source;
    this.times = times;
    this.values = values;
  }

  /** What is measured, one of the names listed on {@link Metrics}. */
  public String name() {
    return name;
  }

  /** The unit of the values: {@code ms}, {@code versions}, {@code records}, {@code APPLY/s}... */
  public String unit() {
    return unit;
  }

  /** The id of the component measured. */
  public String component() {
    return component;
  }

  /** The partition measured (consumer lag), or {@link #NONE}. */
  public int partition() {
    return partition;
  }

  /** The database replica measured (replication lag; 0 is the first leader), or {@link #NONE}. */
  public int replica() {
    return replica;
  }

  /** The consumer group measured (consumer lag), or null. */
  public String group() {
    return group;
  }

  /** The database a derived store's staleness is measured against, or null. */
  public String source() {
    return source;
  }

  /** The number of samples. */
  public int size() {
    return values.length;
  }

  /** Sample time number {@code i}, in virtual microseconds. */
  public long time(int i) {
    return times[i];
  }

  /** Sample value number {@code i} ({@link Double#NaN} when there is none). */
  public double value(int i) {
    return values[i];
  }

  /** The sample times, in virtual microseconds (a copy). */
  public long[] times() {
    return times.clone();
  }

  /** The sample values (a copy). */
  public double[] values() {
    return values.clone();
  }

  /** The largest value, or NaN when every sample is NaN. */
  public double max() {
    double max = Double.NaN;
    for (double v : values) {
      if (!Double.isNaN(v) && (Double.isNaN(max) || v > max)) {
        max = v;
      }
    }
    return max;
  }

  /** The last value that is not NaN, or NaN. */
  public double last() {
    for (int i = values.length - 1; i >= 0; i--) {
      if (!Double.isNaN(values[i])) {
        return values[i];
      }
    }
    return Double.NaN;
  }

  /**
   * A readable label: the name and the qualifiers, e.g. {@code consumer.lag orders group=billing
   * partition=2}.
   */
  public String label() {
    StringBuilder b = new StringBuilder(name).append(' ').append(component);
    if (replica != NONE) {
      b.append(" replica=").append(replica);
    }
    if (group != null) {
      b.append(" group=").append(group);
    }
    if (partition != NONE) {
      b.append(" partition=").append(partition);
    }
    if (source != null) {
      b.append(" source=").append(source);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return label() + " (" + unit + ") " + Arrays.toString(values);
  }
}
