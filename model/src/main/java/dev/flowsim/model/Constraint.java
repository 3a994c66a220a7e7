package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An invariant the data must keep, judged on {@code store}, and the component that enforces it (a
 * processor consuming a single partition, or a database leader) — or none.
 *
 * @param id a name for the constraint
 * @param type unique (one owner per key, e.g. usernames) or non-negative (e.g. balances)
 * @param store id of the store where the invariant must hold
 * @param enforcedBy id of the single ordering point that checks it; {@code null} for none
 */
@JsonPropertyOrder({"id", "type", "store", "enforcedBy"})
public record Constraint(
    @JsonProperty(required = true) String id,
    @JsonProperty(required = true) Type type,
    @JsonProperty(required = true) String store,
    String enforcedBy) {

  /** The kind of invariant. */
  public enum Type {
    @JsonProperty("unique")
    UNIQUE,
    @JsonProperty("non-negative")
    NON_NEGATIVE
  }
}
