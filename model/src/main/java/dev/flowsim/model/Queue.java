package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A queue-based (AMQP/JMS-like) broker. Messages go to one consumer each (load-balanced) or to
 * every consumer (fan-out); a consumer acks after processing, and an ack timeout or a crash
 * redelivers the message to another consumer, which reorders. Acked messages are deleted.
 *
 * @param broker the broker cluster (groups queues into servers on export)
 * @param delivery load-balanced or fan-out (default load-balanced)
 * @param prefetch unacked messages a consumer may hold (default 1)
 * @param ackTimeout redeliver when no ack arrives in time (default 30s)
 * @param capacity the most messages held; {@code null} for unbounded
 * @param overflow what a full queue does (default backpressure)
 * @param durability persistent (survives a crash) or in-memory (default persistent)
 */
@JsonPropertyOrder({
  "id",
  "broker",
  "delivery",
  "prefetch",
  "ackTimeout",
  "capacity",
  "overflow",
  "durability"
})
public record Queue(
    @JsonProperty(required = true) String id,
    String broker,
    Delivery delivery,
    Integer prefetch,
    Duration ackTimeout,
    Integer capacity,
    Overflow overflow,
    Durability durability)
    implements Component {

  /** Who gets a message. */
  public enum Delivery {
    @JsonProperty("load-balanced")
    LOAD_BALANCED,
    @JsonProperty("fan-out")
    FAN_OUT
  }

  /** What a full bounded queue does with one more message. */
  public enum Overflow {
    @JsonProperty("drop-new")
    DROP_NEW,
    @JsonProperty("drop-oldest")
    DROP_OLDEST,
    @JsonProperty("backpressure")
    BACKPRESSURE
  }

  /** Whether the queue survives a broker crash. */
  public enum Durability {
    @JsonProperty("persistent")
    PERSISTENT,
    @JsonProperty("in-memory")
    IN_MEMORY
  }

  public Queue {
    broker = broker == null ? "amqp" : broker;
    delivery = delivery == null ? Delivery.LOAD_BALANCED : delivery;
    prefetch = prefetch == null ? 1 : prefetch;
    ackTimeout = ackTimeout == null ? Duration.ofSeconds(30) : ackTimeout;
    overflow = overflow == null ? Overflow.BACKPRESSURE : overflow;
    durability = durability == null ? Durability.PERSISTENT : durability;
  }

  public static Queue of(String id) {
    return new Queue(id, null, null, null, null, null, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.QUEUE;
  }

  @Override
  public Queue withId(String id) {
    return new Queue(id, broker, delivery, prefetch, ackTimeout, capacity, overflow, durability);
  }
}
