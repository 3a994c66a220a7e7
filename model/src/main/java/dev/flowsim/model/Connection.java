package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A directed link from one component to another, carrying messages with a latency distribution,
 * optional loss and duplication, in order (FIFO, TCP-like) or not (jitter reorders). A connection
 * out of a topic or queue also says how its consumer reads ({@link Consumer}).
 *
 * @param from id of the sending component
 * @param to id of the receiving component
 * @param latency delay of each message (default 1ms)
 * @param loss probability a message is lost, in [0, 1] (default 0)
 * @param duplication probability a message is delivered twice, in [0, 1] (default 0)
 * @param fifo deliver in sending order (default true)
 * @param consumer how the receiver consumes from a topic or queue; only on such connections
 */
@JsonPropertyOrder({"from", "to", "latency", "loss", "duplication", "fifo", "consumer"})
public record Connection(
    @JsonProperty(required = true) String from,
    @JsonProperty(required = true) String to,
    Distribution latency,
    Double loss,
    Double duplication,
    Boolean fifo,
    Consumer consumer)
    implements Comparable<Connection> {

  public static final Distribution DEFAULT_LATENCY = Distribution.constant(Duration.ofMillis(1));

  public Connection {
    latency = latency == null ? DEFAULT_LATENCY : latency;
    loss = loss == null ? 0.0 : loss;
    duplication = duplication == null ? 0.0 : duplication;
    fifo = fifo == null || fifo;
  }

  public static Connection of(String from, String to) {
    return new Connection(from, to, null, null, null, null, null);
  }

  /** The consumer settings in effect (defaults when none were given). */
  public Consumer consumerOrDefault() {
    return consumer == null ? Consumer.DEFAULT : consumer;
  }

  public Connection withEnds(String from, String to) {
    return new Connection(from, to, latency, loss, duplication, fifo, consumer);
  }

  /** A readable name such as {@code app -> db}. */
  public String label() {
    return from + " -> " + to;
  }

  @Override
  public int compareTo(Connection o) {
    int c = from.compareTo(o.from);
    return c != 0 ? c : to.compareTo(o.to);
  }

  /**
   * How a component consumes from a topic or queue.
   *
   * @param group consumer group; members of one group share partitions (default: the consumer's id,
   *     so each consuming component is its own group)
   * @param commit when offsets are committed: auto every interval, after processing (at-least-once:
   *     a crash replays) or before processing (at-most-once: a crash skips) (default
   *     after-processing)
   * @param autoCommitInterval interval of auto commits (default 5s)
   * @param startFrom where a new group starts reading (default earliest)
   */
  @JsonPropertyOrder({"group", "commit", "autoCommitInterval", "startFrom"})
  public record Consumer(
      String group, CommitPolicy commit, Duration autoCommitInterval, StartFrom startFrom) {

    public static final Consumer DEFAULT = new Consumer(null, null, null, null);

    public Consumer {
      commit = commit == null ? CommitPolicy.AFTER_PROCESSING : commit;
      autoCommitInterval = autoCommitInterval == null ? Duration.ofSeconds(5) : autoCommitInterval;
      startFrom = startFrom == null ? StartFrom.EARLIEST : startFrom;
    }
  }

  /** When a consumer commits its offsets. */
  public enum CommitPolicy {
    @JsonProperty("auto")
    AUTO,
    @JsonProperty("after-processing")
    AFTER_PROCESSING,
    @JsonProperty("before-processing")
    BEFORE_PROCESSING
  }

  /** Where a consumer group with no committed offset starts. */
  public enum StartFrom {
    @JsonProperty("earliest")
    EARLIEST,
    @JsonProperty("latest")
    LATEST
  }
}
