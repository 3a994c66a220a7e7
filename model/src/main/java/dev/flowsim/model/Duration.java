package dev.flowsim.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span of virtual time with microsecond resolution, written in specs with a unit: {@code 500us},
 * {@code 250ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h}. Negative spans are allowed where
 * they make sense (a clock skew); validation rejects them elsewhere.
 */
public record Duration(long micros) implements Comparable<Duration> {

  public static final Duration ZERO = new Duration(0);

  private static final Pattern TEXT =
      Pattern.compile("(-?)(\\d+(?:\\.\\d+)?)\\s*(us|µs|ms|s|m|min|h)");

  /** The largest span a spec may hold (about 73 years); longer texts are refused when parsed. */
  public static final long MAX_MICROS = Long.MAX_VALUE / 4;

  public Duration {
    if (micros > MAX_MICROS || micros < -MAX_MICROS) {
      throw new IllegalArgumentException("a duration is at most " + MAX_MICROS + "us long");
    }
  }

  public static Duration ofMicros(long micros) {
    return new Duration(micros);
  }

  public static Duration ofMillis(long millis) {
    return new Duration(Math.multiplyExact(millis, 1_000L));
  }

  public static Duration ofSeconds(long seconds) {
    return new Duration(Math.multiplyExact(seconds, 1_000_000L));
  }

  /**
   * Parses a duration such as {@code 250ms}.
   *
   * @throws IllegalArgumentException with a message naming what was expected and what was found
   */
  public static Duration parse(String text) {
    String t = text.strip();
    if (t.equals("0")) {
      return ZERO;
    }
    Matcher m = TEXT.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration with a unit (us, ms, s, m, h) such as 250ms or 2s, got \""
              + text
              + "\"");
    }
    long unit =
        switch (m.group(3)) {
          case "us", "µs" -> 1L;
          case "ms" -> 1_000L;
          case "s" -> 1_000_000L;
          case "m", "min" -> 60_000_000L;
          case "h" -> 3_600_000_000L;
          default -> throw new IllegalStateException(m.group(3));
        };
    java.math.BigDecimal value =
        new java.math.BigDecimal(m.group(2)).multiply(java.math.BigDecimal.valueOf(unit));
    if (value.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "duration \"" + text + "\" is finer than the 1us resolution of the simulator");
    }
    if (value.compareTo(java.math.BigDecimal.valueOf(MAX_MICROS)) > 0) {
      throw new IllegalArgumentException("duration \"" + text + "\" is too long");
    }
    long micros = value.longValueExact();
    return new Duration(m.group(1).isEmpty() ? micros : -micros);
  }

  /** The canonical text: the largest unit that represents this span exactly. */
  @Override
  public String toString() {
    long abs = Math.abs(micros);
    String sign = micros < 0 ? "-" : "";
    if (abs == 0) {
      return "0s";
    }
    if (abs % 3_600_000_000L == 0) {
      return sign + abs / 3_600_000_000L + "h";
    }
    if (abs % 60_000_000L == 0) {
      return sign + abs / 60_000_000L + "m";
    }
    if (abs % 1_000_000L == 0) {
      return sign + abs / 1_000_000L + "s";
    }
    if (abs % 1_000L == 0) {
      return sign + abs / 1_000L + "ms";
    }
    return sign + abs + "us";
  }

  public double seconds() {
    return micros / 1e6;
  }

  public boolean isNegative() {
    return micros < 0;
  }

  public boolean isPositive() {
    return micros > 0;
  }

  @Override
  public int compareTo(Duration o) {
    return Long.compare(micros, o.micros);
  }
}
