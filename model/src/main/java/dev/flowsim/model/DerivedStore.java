package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A store derived from a source of truth: a search index, cache, warehouse or materialized view.
 * Each applies upserts and deletes after an apply latency, either in arrival order ({@code
 * last-arrival-wins}: a late, older write overwrites a newer one) or {@code version-checked} (a
 * write with an older version or offset than the one held is ignored).
 */
public sealed interface DerivedStore extends Component
    permits SearchIndex, Cache, Warehouse, MaterializedView {

  Distribution DEFAULT_APPLY_LATENCY = Distribution.constant(Duration.ofMillis(1));

  /** Time from a write's arrival to its visibility. */
  Distribution applyLatency();

  /** Whether older versions are refused. */
  WriteMode writeMode();

  /** How a derived store treats a write that is older than what it holds. */
  enum WriteMode {
    @JsonProperty("last-arrival-wins")
    LAST_ARRIVAL_WINS,
    @JsonProperty("version-checked")
    VERSION_CHECKED
  }
}
