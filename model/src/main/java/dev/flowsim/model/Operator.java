package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a {@link Processor} does with each event. The JSON {@code type} names form a closed set:
 * {@code map}, {@code filter}, {@code enrich}, {@code window}, {@code join}, {@code dedupe}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Operator.Map.class, name = "map"),
  @JsonSubTypes.Type(value = Operator.Filter.class, name = "filter"),
  @JsonSubTypes.Type(value = Operator.Enrich.class, name = "enrich"),
  @JsonSubTypes.Type(value = Operator.Window.class, name = "window"),
  @JsonSubTypes.Type(value = Operator.Join.class, name = "join"),
  @JsonSubTypes.Type(value = Operator.Dedupe.class, name = "dedupe")
})
public sealed interface Operator {

  /** True when the result depends on the order in which events of one key arrive. */
  boolean isOrderSensitive();

  /** True when the operator keeps state across events (windows, joins, seen request ids). */
  default boolean isStateful() {
    return this instanceof Window || this instanceof Join || this instanceof Dedupe;
  }

  /** Stateless transformation of each event. */
  record Map() implements Operator {
    public static final Map INSTANCE = new Map();

    @Override
    public boolean isOrderSensitive() {
      return false;
    }
  }

  /**
   * Keeps a fraction of events (chosen deterministically by event).
   *
   * @param keep fraction kept, in [0, 1] (default 0.5)
   */
  record Filter(Double keep) implements Operator {
    public Filter {
      keep = keep == null ? 0.5 : keep;
    }

    @Override
    public boolean isOrderSensitive() {
      return false;
    }
  }

  /** Stateless enrichment of each event with derived fields. */
  record Enrich() implements Operator {
    @Override
    public boolean isOrderSensitive() {
      return false;
    }
  }

  /**
   * Windowed aggregation by key. The watermark is the largest event time seen minus {@code
   * watermarkDelay}; a window fires when the watermark reaches its end, and is kept until the
   * watermark passes its end plus {@code allowedLateness}; an event for a window that has fired is
   * late and handled by {@code latePolicy} (a correction re-emits a window still kept).
   *
   * @param window tumbling, hopping, sliding or session (default tumbling)
   * @param size window length (default 10s)
   * @param advance hop between window starts, for hopping windows ({@code null}: the size)
   * @param gap inactivity that ends a session window (default 5s)
   * @param time event time (producer clocks) or processing time (default event)
   * @param watermarkDelay how far the watermark trails the largest event time seen (default 0s)
   * @param allowedLateness how long a fired window is kept for corrections (default 0s)
   * @param latePolicy what happens to a late event (default drop)
   * @param aggregate what is computed per window (default count)
   */
  @JsonPropertyOrder({
    "window",
    "size",
    "advance",
    "gap",
    "time",
    "watermarkDelay",
    "allowedLateness",
    "latePolicy",
    "aggregate"
  })
  record Window(
      WindowType window,
      Duration size,
      Duration advance,
      Duration gap,
      TimeSemantics time,
      Duration watermarkDelay,
      Duration allowedLateness,
      LatePolicy latePolicy,
      Aggregate aggregate)
      implements Operator {

    public Window {
      window = window == null ? WindowType.TUMBLING : window;
      size = size == null ? Duration.ofSeconds(10) : size;
      gap = gap == null ? Duration.ofSeconds(5) : gap;
      time = time == null ? TimeSemantics.EVENT : time;
      watermarkDelay = watermarkDelay == null ? Duration.ZERO : watermarkDelay;
      allowedLateness = allowedLateness == null ? Duration.ZERO : allowedLateness;
      latePolicy = latePolicy == null ? LatePolicy.DROP : latePolicy;
      aggregate = aggregate == null ? Aggregate.COUNT : aggregate;
    }

    /** The hop between window starts: {@code advance}, or the size when not given. */
    public Duration hop() {
      return advance == null ? size : advance;
    }

    @Override
    public boolean isOrderSensitive() {
      return time == TimeSemantics.EVENT;
    }
  }

  /** The shape of a window. */
  enum WindowType {
    @JsonProperty("tumbling")
    TUMBLING,
    @JsonProperty("hopping")
    HOPPING,
    @JsonProperty("sliding")
    SLIDING,
    @JsonProperty("session")
    SESSION
  }

  /** Which clock assigns events to windows. */
  enum TimeSemantics {
    @JsonProperty("event")
    EVENT,
    @JsonProperty("processing")
    PROCESSING
  }

  /** What happens to an event behind the watermark. */
  enum LatePolicy {
    @JsonProperty("drop")
    DROP,
    @JsonProperty("correction")
    CORRECTION,
    @JsonProperty("side-output")
    SIDE_OUTPUT
  }

  /** The per-window result. */
  enum Aggregate {
    @JsonProperty("count")
    COUNT,
    @JsonProperty("sum")
    SUM,
    @JsonProperty("latest")
    LATEST
  }

  /**
   * A join of two inputs.
   *
   * @param join stream-stream (within a window), stream-table (enrich from a table kept from a
   *     changelog) or table-table (a maintained view) (default stream-table)
   * @param window how far apart two stream events may be to join (stream-stream; default 10s)
   * @param table the id of the input that is the table (stream-table)
   * @param versioned join each event with the table version as of its own time, waiting up to
   *     {@code maxWait} for the table to catch up (default false: whatever the table holds now)
   * @param maxWait longest wait for the table to reach the event's version (default 1s)
   */
  @JsonPropertyOrder({"join", "window", "table", "versioned", "maxWait"})
  record Join(JoinType join, Duration window, String table, Boolean versioned, Duration maxWait)
      implements Operator {
    public Join {
      join = join == null ? JoinType.STREAM_TABLE : join;
      window = window == null ? Duration.ofSeconds(10) : window;
      versioned = versioned != null && versioned;
      maxWait = maxWait == null ? Duration.ofSeconds(1) : maxWait;
    }

    @Override
    public boolean isOrderSensitive() {
      return true;
    }
  }

  /** The kind of join. */
  enum JoinType {
    @JsonProperty("stream-stream")
    STREAM_STREAM,
    @JsonProperty("stream-table")
    STREAM_TABLE,
    @JsonProperty("table-table")
    TABLE_TABLE
  }

  /**
   * Drops events whose request id was already seen (idempotent processing).
   *
   * @param retention how long a seen request id is remembered (default 1h)
   */
  record Dedupe(Duration retention) implements Operator {
    public Dedupe {
      retention = retention == null ? Duration.ofSeconds(3600) : retention;
    }

    @Override
    public boolean isOrderSensitive() {
      return false;
    }
  }
}
