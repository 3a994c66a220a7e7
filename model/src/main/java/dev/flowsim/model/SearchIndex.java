package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A full-text search index (Elasticsearch-like) fed from a source of truth.
 *
 * @param applyLatency time from a write's arrival to its visibility (default 1ms)
 * @param writeMode last-arrival-wins or version-checked (default last-arrival-wins)
 */
@JsonPropertyOrder({"id", "applyLatency", "writeMode"})
public record SearchIndex(
    @JsonProperty(required = true) String id, Distribution applyLatency, WriteMode writeMode)
    implements DerivedStore {

  public SearchIndex {
    applyLatency = applyLatency == null ? DEFAULT_APPLY_LATENCY : applyLatency;
    writeMode = writeMode == null ? WriteMode.LAST_ARRIVAL_WINS : writeMode;
  }

  public static SearchIndex of(String id) {
    return new SearchIndex(id, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.SEARCH_INDEX;
  }

  @Override
  public SearchIndex withId(String id) {
    return new SearchIndex(id, applyLatency, writeMode);
  }
}
