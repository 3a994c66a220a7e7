package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A source of events: users, devices or an upstream system. It emits events at a rate over a key
 * space, stamps them with its own (possibly skewed or drifting) clock, may attach request ids for
 * idempotence, may retry on timeout, and may make each event causally depend on the latest event of
 * the same key from another producer ({@code dependsOn}, e.g. "message" after "unfriend").
 *
 * @param rate events per unit of time (default {@code 100/s})
 * @param arrivals constant gaps or a Poisson process (default poisson)
 * @param keys which keys the events touch
 * @param operation what each event does to its key (default set)
 * @param clock the producer's own clock: skew and drift against true time
 * @param requestIds whether events carry a request id that consumers can deduplicate on
 * @param retry resend on timeout; {@code null} for no retries
 * @param dependsOn id of a producer whose latest event of the same key each event depends on
 * @param limit stop after this many events; {@code null} for no limit
 */
@JsonPropertyOrder({
  "id",
  "rate",
  "arrivals",
  "keys",
  "operation",
  "clock",
  "requestIds",
  "retry",
  "dependsOn",
  "limit"
})
public record Producer(
    @JsonProperty(required = true) String id,
    Rate rate,
    Arrivals arrivals,
    KeySpace keys,
    Operation operation,
    Clock clock,
    Boolean requestIds,
    Retry retry,
    String dependsOn,
    Long limit)
    implements Component {

  /** How the gaps between events are drawn. */
  public enum Arrivals {
    @JsonProperty("constant")
    CONSTANT,
    @JsonProperty("poisson")
    POISSON
  }

  /** What an event does to its key. */
  public enum Operation {
    /** Overwrite the value (last writer wins). */
    @JsonProperty("set")
    SET,
    /** Add to a counter: applying it twice is visible. */
    @JsonProperty("increment")
    INCREMENT,
    /** Claim the key (e.g. a username): at most one claimant may win. */
    @JsonProperty("claim")
    CLAIM,
    /** One leg of a money transfer: a debit (negative) or credit of 1..100 on the account. */
    @JsonProperty("transfer")
    TRANSFER
  }

  /**
   * A component's own clock: true time + skew + drift × elapsed.
   *
   * @param skew fixed offset from true time (may be negative)
   * @param driftPpm rate error in parts per million (positive runs fast)
   */
  @JsonPropertyOrder({"skew", "driftPpm"})
  public record Clock(Duration skew, Double driftPpm) {
    public static final Clock TRUE = new Clock(null, null);

    public Clock {
      skew = skew == null ? Duration.ZERO : skew;
      driftPpm = driftPpm == null ? 0.0 : driftPpm;
    }

    public boolean isTrue() {
      return skew.micros() == 0 && driftPpm == 0.0;
    }
  }

  /**
   * Resend an unacknowledged event after a timeout.
   *
   * @param timeout how long to wait for an acknowledgement
   * @param maxAttempts total attempts including the first
   */
  @JsonPropertyOrder({"timeout", "maxAttempts"})
  public record Retry(Duration timeout, Integer maxAttempts) {
    public Retry {
      timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
      maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    }
  }

  public Producer {
    rate = rate == null ? Rate.perSecond(100) : rate;
    arrivals = arrivals == null ? Arrivals.POISSON : arrivals;
    keys = keys == null ? KeySpace.DEFAULT : keys;
    operation = operation == null ? Operation.SET : operation;
    clock = clock == null ? Clock.TRUE : clock;
    requestIds = requestIds != null && requestIds;
  }

  /** A producer with every setting at its default. */
  public static Producer of(String id) {
    return new Producer(id, null, null, null, null, null, null, null, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.PRODUCER;
  }

  @Override
  public Producer withId(String id) {
    return new Producer(
        id, rate, arrivals, keys, operation, clock, requestIds, retry, dependsOn, limit);
  }
}
