package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An application service that turns requests into writes. Its write strategy is the design choice
 * the dual-write scenario is about: write the database and the derived stores itself ({@code
 * dual-write}), write only the database and let derived stores follow its change stream ({@code
 * single-write}, with CDC), or append an event to a log from which every view derives ({@code
 * event-sourcing}).
 *
 * @param writeStrategy how requests become writes (default single-write)
 * @param writeOrder for dual write: one store after the other, or both at once (default sequential)
 * @param failureProbability chance that any single write fails, in [0, 1] (default 0)
 * @param retries how often a failed write is retried (default 0)
 * @param serviceTime time to handle one request (default 1ms)
 */
@JsonPropertyOrder({
  "id",
  "writeStrategy",
  "writeOrder",
  "failureProbability",
  "retries",
  "serviceTime"
})
public record Service(
    @JsonProperty(required = true) String id,
    WriteStrategy writeStrategy,
    WriteOrder writeOrder,
    Double failureProbability,
    Integer retries,
    Distribution serviceTime)
    implements Component {

  /** How a service turns a request into writes. */
  public enum WriteStrategy {
    @JsonProperty("dual-write")
    DUAL_WRITE,
    @JsonProperty("single-write")
    SINGLE_WRITE,
    @JsonProperty("event-sourcing")
    EVENT_SOURCING
  }

  /** The order of a dual write. */
  public enum WriteOrder {
    @JsonProperty("sequential")
    SEQUENTIAL,
    @JsonProperty("parallel")
    PARALLEL
  }

  public Service {
    writeStrategy = writeStrategy == null ? WriteStrategy.SINGLE_WRITE : writeStrategy;
    writeOrder = writeOrder == null ? WriteOrder.SEQUENTIAL : writeOrder;
    failureProbability = failureProbability == null ? 0.0 : failureProbability;
    retries = retries == null ? 0 : retries;
    serviceTime = serviceTime == null ? Processor.DEFAULT_SERVICE_TIME : serviceTime;
  }

  public static Service of(String id, WriteStrategy strategy) {
    return new Service(id, strategy, null, null, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.SERVICE;
  }

  @Override
  public Service withId(String id) {
    return new Service(id, writeStrategy, writeOrder, failureProbability, retries, serviceTime);
  }
}
