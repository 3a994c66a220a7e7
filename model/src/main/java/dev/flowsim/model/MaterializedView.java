package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A materialized view maintained from a change stream or a table-table join.
 *
 * @param applyLatency time from a write's arrival to its visibility (default 1ms)
 * @param writeMode last-arrival-wins or version-checked (default last-arrival-wins)
 */
@JsonPropertyOrder({"id", "applyLatency", "writeMode"})
public record MaterializedView(
    @JsonProperty(required = true) String id, Distribution applyLatency, WriteMode writeMode)
    implements DerivedStore {

  public MaterializedView {
    applyLatency = applyLatency == null ? DEFAULT_APPLY_LATENCY : applyLatency;
    writeMode = writeMode == null ? WriteMode.LAST_ARRIVAL_WINS : writeMode;
  }

  public static MaterializedView of(String id) {
    return new MaterializedView(id, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.MATERIALIZED_VIEW;
  }

  @Override
  public MaterializedView withId(String id) {
    return new MaterializedView(id, applyLatency, writeMode);
  }
}
