package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An analytics warehouse loaded from a source of truth.
 *
 * @param applyLatency time from a write's arrival to its visibility (default 1ms)
 * @param writeMode last-arrival-wins or version-checked (default last-arrival-wins)
 */
@JsonPropertyOrder({"id", "applyLatency", "writeMode"})
public record Warehouse(
    @JsonProperty(required = true) String id, Distribution applyLatency, WriteMode writeMode)
    implements DerivedStore {

  public Warehouse {
    applyLatency = applyLatency == null ? DEFAULT_APPLY_LATENCY : applyLatency;
    writeMode = writeMode == null ? WriteMode.LAST_ARRIVAL_WINS : writeMode;
  }

  public static Warehouse of(String id) {
    return new Warehouse(id, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.WAREHOUSE;
  }

  @Override
  public Warehouse withId(String id) {
    return new Warehouse(id, applyLatency, writeMode);
  }
}
