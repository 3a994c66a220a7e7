package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A scheduled fault, part of the spec so a run is reproducible. The JSON {@code type} names form a
 * closed set: {@code crash}, {@code partition}, {@code slow}, {@code clock}, {@code burst}, {@code
 * offline}, {@code retention-shrink}, {@code rewind}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Fault.Crash.class, name = "crash"),
  @JsonSubTypes.Type(value = Fault.Partition.class, name = "partition"),
  @JsonSubTypes.Type(value = Fault.Slow.class, name = "slow"),
  @JsonSubTypes.Type(value = Fault.ClockChange.class, name = "clock"),
  @JsonSubTypes.Type(value = Fault.Burst.class, name = "burst"),
  @JsonSubTypes.Type(value = Fault.Offline.class, name = "offline"),
  @JsonSubTypes.Type(value = Fault.RetentionShrink.class, name = "retention-shrink"),
  @JsonSubTypes.Type(value = Fault.Rewind.class, name = "rewind")
})
public sealed interface Fault {

  /** When the fault starts. */
  Duration at();

  /** The ids of the components the fault refers to. */
  @JsonIgnore
  List<String> componentIds();

  /**
   * The component crashes at {@code at}, losing volatile state, and restarts after {@code
   * restartAfter} (never, if {@code null}). For a database, {@code replica} names one follower
   * (1..followers) to crash instead of the leader; it catches up from the leader's log when it
   * restarts.
   */
  @JsonPropertyOrder({"component", "at", "restartAfter", "replica"})
  record Crash(
      @JsonProperty(required = true) String component,
      @JsonProperty(required = true) Duration at,
      Duration restartAfter,
      Integer replica)
      implements Fault {
    /** A crash of the whole component (for a database: its leader). */
    public Crash(String component, Duration at, Duration restartAfter) {
      this(component, at, restartAfter, null);
    }

    @Override
    public List<String> componentIds() {
      return List.of(component);
    }
  }

  /**
   * The link between {@code from} and {@code to} is cut for {@code duration}: both directions, or
   * only messages from {@code from} to {@code to} when {@code oneWay}. A connection must join the
   * two, in either direction: a one-way cut against its direction loses its replies (acks).
   */
  @JsonPropertyOrder({"from", "to", "at", "duration", "oneWay"})
  record Partition(
      @JsonProperty(required = true) String from,
      @JsonProperty(required = true) String to,
      @JsonProperty(required = true) Duration at,
      @JsonProperty(required = true) Duration duration,
      Boolean oneWay)
      implements Fault {
    public Partition {
      oneWay = oneWay != null && oneWay;
    }

    @Override
    public List<String> componentIds() {
      return List.of(from, to);
    }
  }

  /** The component's service time is multiplied by {@code factor} for {@code duration}. */
  @JsonPropertyOrder({"component", "at", "duration", "factor"})
  record Slow(
      @JsonProperty(required = true) String component,
      @JsonProperty(required = true) Duration at,
      @JsonProperty(required = true) Duration duration,
      Double factor)
      implements Fault {
    public Slow {
      factor = factor == null ? 10.0 : factor;
    }

    @Override
    public List<String> componentIds() {
      return List.of(component);
    }
  }

  /**
   * From {@code at} the component's clock is off by {@code skew} and drifts by {@code driftPpm}.
   */
  @JsonPropertyOrder({"component", "at", "skew", "driftPpm"})
  record ClockChange(
      @JsonProperty(required = true) String component,
      @JsonProperty(required = true) Duration at,
      Duration skew,
      Double driftPpm)
      implements Fault {
    public ClockChange {
      skew = skew == null ? Duration.ZERO : skew;
      driftPpm = driftPpm == null ? 0.0 : driftPpm;
    }

    @Override
    public List<String> componentIds() {
      return List.of(component);
    }
  }

  /** The producer's rate is multiplied by {@code factor} for {@code duration}. */
  @JsonPropertyOrder({"component", "at", "duration", "factor"})
  record Burst(
      @JsonProperty(required = true) String component,
      @JsonProperty(required = true) Duration at,
      @JsonProperty(required = true) Duration duration,
      Double factor)
      implements Fault {
    public Burst {
      factor = factor == null ? 10.0 : factor;
    }

    @Override
    public List<String> componentIds() {
      return List.of(component);
    }
  }

  /**
   * The producer is offline for {@code duration}: it keeps producing (stamping its own clock) but
   * buffers, then sends everything late when it reconnects.
   */
  @JsonPropertyOrder({"component", "at", "duration"})
  record Offline(
      @JsonProperty(required = true) String component,
      @JsonProperty(required = true) Duration at,
      @JsonProperty(required = true) Duration duration)
      implements Fault {
    @Override
    public List<String> componentIds() {
      return List.of(component);
    }
  }

  /** From {@code at} the topic keeps only {@code retention} (a disk filling up). */
  @JsonPropertyOrder({"component", "at", "retention"})
  record RetentionShrink(
      @JsonProperty(required = true) String component,
      @JsonProperty(required = true) Duration at,
      @JsonProperty(required = true) Retention retention)
      implements Fault {
    @Override
    public List<String> componentIds() {
      return List.of(component);
    }
  }

  /**
   * At {@code at}, a consumer group of the topic is rewound (as an operator resets its offsets): it
   * reads again from the first entry appended within the last {@code by}, or from the oldest entry
   * kept when {@code by} is absent — a replay that rebuilds state, or repeats effects.
   *
   * @param component the topic
   * @param group the consumer group (a consumer's group name, or its id when it names none); {@code
   *     null} for every group of the topic
   */
  @JsonPropertyOrder({"component", "group", "at", "by"})
  record Rewind(
      @JsonProperty(required = true) String component,
      String group,
      @JsonProperty(required = true) Duration at,
      Duration by)
      implements Fault {
    @Override
    public List<String> componentIds() {
      return List.of(component);
    }
  }
}
