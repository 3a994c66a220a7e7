package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A log-based (Kafka-like) topic: P partitions, each an append-only log with offsets. The
 * partitioner decides placement, so order holds within a partition and never across partitions.
 * Retention deletes old entries (a consumer that falls behind loses them); compaction keeps the
 * latest entry per key.
 *
 * @param broker the broker cluster this topic lives on (groups topics into servers on export)
 * @param partitions number of partitions (default 1)
 * @param partitioner how a message picks its partition (default key-hash)
 * @param retention how long / how many entries each partition keeps (default: forever)
 * @param compaction keep only the latest entry per key (default false)
 */
@JsonPropertyOrder({"id", "broker", "partitions", "partitioner", "retention", "compaction"})
public record Topic(
    @JsonProperty(required = true) String id,
    String broker,
    Integer partitions,
    Partitioner partitioner,
    Retention retention,
    Boolean compaction)
    implements Component {

  /** How a message is assigned to a partition. */
  public enum Partitioner {
    @JsonProperty("key-hash")
    KEY_HASH,
    @JsonProperty("round-robin")
    ROUND_ROBIN,
    @JsonProperty("random")
    RANDOM
  }

  public Topic {
    broker = broker == null ? "kafka" : broker;
    partitions = partitions == null ? 1 : partitions;
    partitioner = partitioner == null ? Partitioner.KEY_HASH : partitioner;
    retention = retention == null ? Retention.FOREVER : retention;
    compaction = compaction != null && compaction;
  }

  public static Topic of(String id) {
    return new Topic(id, null, null, null, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.TOPIC;
  }

  @Override
  public Topic withId(String id) {
    return new Topic(id, broker, partitions, partitioner, retention, compaction);
  }
}
