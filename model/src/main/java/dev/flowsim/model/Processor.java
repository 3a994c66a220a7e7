package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A stream processor: consumes its inputs, applies one {@link Operator} per event with a service
 * time, on {@code parallelism} instances, and emits to its outputs. State is checkpointed every
 * {@code checkpointInterval}; after a crash it restores the last checkpoint and replays from its
 * committed offsets.
 *
 * @param operator what it does to each event (default map)
 * @param parallelism number of instances (consumer group members) (default 1)
 * @param serviceTime time to process one event (default 1ms)
 * @param checkpointInterval how often state is checkpointed (default 10s)
 */
@JsonPropertyOrder({"id", "operator", "parallelism", "serviceTime", "checkpointInterval"})
public record Processor(
    @JsonProperty(required = true) String id,
    Operator operator,
    Integer parallelism,
    Distribution serviceTime,
    Duration checkpointInterval)
    implements Component {

  public static final Distribution DEFAULT_SERVICE_TIME =
      Distribution.constant(Duration.ofMillis(1));

  public Processor {
    operator = operator == null ? Operator.Map.INSTANCE : operator;
    parallelism = parallelism == null ? 1 : parallelism;
    serviceTime = serviceTime == null ? DEFAULT_SERVICE_TIME : serviceTime;
    checkpointInterval = checkpointInterval == null ? Duration.ofSeconds(10) : checkpointInterval;
  }

  public static Processor of(String id, Operator operator) {
    return new Processor(id, operator, null, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.PROCESSOR;
  }

  @Override
  public Processor withId(String id) {
    return new Processor(id, operator, parallelism, serviceTime, checkpointInterval);
  }
}
