package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The keys a producer or reader touches: {@code count} keys named {@code prefix-0 … prefix-(n-1)}
 * drawn uniformly or by a Zipf law (a few hot keys), or a fixed list of names.
 *
 * @param count how many distinct keys (default 100; ignored for {@code fixed})
 * @param distribution how keys are drawn (default uniform)
 * @param zipfExponent skew of the Zipf law (default 1.0)
 * @param values the key names for {@code fixed}
 * @param prefix the name prefix of generated keys (default {@code key})
 */
@JsonPropertyOrder({"count", "distribution", "zipfExponent", "values", "prefix"})
public record KeySpace(
    Integer count, Shape distribution, Double zipfExponent, List<String> values, String prefix) {

  /** How keys are drawn. */
  public enum Shape {
    @JsonProperty("uniform")
    UNIFORM,
    @JsonProperty("zipf")
    ZIPF,
    @JsonProperty("fixed")
    FIXED
  }

  public static final KeySpace DEFAULT = new KeySpace(null, null, null, null, null);

  public KeySpace {
    count = count == null ? 100 : count;
    distribution = distribution == null ? Shape.UNIFORM : distribution;
    zipfExponent = zipfExponent == null ? 1.0 : zipfExponent;
    values = values == null ? List.of() : List.copyOf(values);
    prefix = prefix == null ? "key" : prefix;
  }

  /** The number of distinct keys actually drawn from. */
  public int size() {
    return distribution == Shape.FIXED ? values.size() : count;
  }

  /** The name of key number {@code i}. */
  public String name(int i) {
    return distribution == Shape.FIXED ? values.get(i) : prefix + "-" + i;
  }
}
