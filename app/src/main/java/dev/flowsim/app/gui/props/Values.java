package dev.flowsim.app.gui.props;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Rate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Text forms of spec values as the property sheet shows and reads them: the model's own parsers for
 * durations, rates and distributions, whole and decimal numbers with readable messages, and enum
 * constants by their JSON names ({@code semi-sync}, not {@code SEMI_SYNC}).
 */
final class Values {

  private Values() {}

  /** The JSON name of an enum constant, as the spec writes it. */
  static String enumName(Enum<?> e) {
    try {
      JsonProperty p = e.getDeclaringClass().getField(e.name()).getAnnotation(JsonProperty.class);
      if (p != null && !p.value().isEmpty()) {
        return p.value();
      }
    } catch (NoSuchFieldException ignored) {
      // fall through to the constant's name
    }
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Text of any value the sheet shows; {@code null} reads as the empty text. */
  static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Enum<?> e) {
      return enumName(e);
    }
    if (value instanceof Double d) {
      return formatDecimal(d);
    }
    if (value instanceof Duration d) {
      return duration(d);
    }
    if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(String::valueOf).toList());
    }
    return value.toString();
  }

  static String formatDecimal(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /**
   * A duration as people write it: {@code 23.5s} rather than the canonical {@code 23500ms} for
   * spans of a second or more that are whole milliseconds (both parse to the same value).
   */
  static String duration(Duration d) {
    long abs = Math.abs(d.micros());
    if (abs >= 1_000_000L && abs % 1_000L == 0 && abs % 1_000_000L != 0 && abs < 60_000_000L) {
      return java.math.BigDecimal.valueOf(d.micros(), 6).stripTrailingZeros().toPlainString() + "s";
    }
    return d.toString();
  }

  static Duration duration(String text) {
    return Duration.parse(text);
  }

  static Rate rate(String text) {
    Rate r = Rate.parse(text);
    if (r.amount().signum() <= 0) {
      throw new IllegalArgumentException("expected a rate above 0, such as 200/s, got " + r);
    }
    return r;
  }

  static Distribution distribution(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException(
          "expected a duration such as 20ms, or exp(20ms), uniform(1ms,30ms), lognormal(5ms,50ms)");
    }
    return Distribution.parse(t);
  }

  static Integer integer(String text) {
    String t = text.strip().replace("_", "");
    try {
      return Integer.valueOf(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, got \"" + text.strip() + "\"");
    }
  }

  static Long longNumber(String text) {
    String t = text.strip().replace("_", "");
    try {
      return Long.valueOf(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, got \"" + text.strip() + "\"");
    }
  }

  static Double decimal(String text) {
    String t = text.strip();
    try {
      double d = Double.parseDouble(t);
      if (Double.isNaN(d) || Double.isInfinite(d) || t.matches(".*[a-zA-Z].*")) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number, got \"" + text.strip() + "\"");
    }
  }

  /** A probability: a number from 0 to 1, or a percentage such as {@code 5%}. */
  static Double probability(String text) {
    String t = text.strip();
    double p = t.endsWith("%") ? decimal(t.substring(0, t.length() - 1)) / 100.0 : decimal(t);
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("expected a probability from 0 to 1, got " + t);
    }
    return p;
  }

  /** A comma-separated list of names; blanks around names are dropped. */
  static List<String> names(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::strip).toList();
  }

  /** Empty text means "not set" for optional values. */
  static boolean isUnset(String text) {
    return text == null || text.isBlank();
  }
}
