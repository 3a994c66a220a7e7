package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A cache in front of a source of truth, updated by writes it receives; entries may expire.
 *
 * @param applyLatency time from a write's arrival to its visibility (default 1ms)
 * @param writeMode last-arrival-wins or version-checked (default last-arrival-wins)
 * @param ttl how long an entry lives; {@code null} for forever
 */
@JsonPropertyOrder({"id", "applyLatency", "writeMode", "ttl"})
public record Cache(
    @JsonProperty(required = true) String id,
    Distribution applyLatency,
    WriteMode writeMode,
    Duration ttl)
    implements DerivedStore {

  public Cache {
    applyLatency = applyLatency == null ? DEFAULT_APPLY_LATENCY : applyLatency;
    writeMode = writeMode == null ? WriteMode.LAST_ARRIVAL_WINS : writeMode;
  }

  public static Cache of(String id) {
    return new Cache(id, null, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.CACHE;
  }

  @Override
  public Cache withId(String id) {
    return new Cache(id, applyLatency, writeMode, ttl);
  }
}
