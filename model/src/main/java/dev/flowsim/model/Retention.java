package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How much of a partition a log keeps: at most {@code count} entries and/or entries younger than
 * {@code time}. Both {@code null} means keep forever.
 */
@JsonPropertyOrder({"count", "time"})
public record Retention(Long count, Duration time) {
  public static final Retention FOREVER = new Retention(null, null);

  public boolean isForever() {
    return count == null && time == null;
  }
}
