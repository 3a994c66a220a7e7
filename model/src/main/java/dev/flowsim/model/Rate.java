package dev.flowsim.model;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Events per unit of time, written {@code 200/s}, {@code 5/ms}, {@code 1200/m} or {@code 3/h}. The
 * amount and unit are kept as written so a saved file reads as its author wrote it.
 */
public record Rate(BigDecimal amount, Unit per) {

  /** The time unit of a rate. */
  public enum Unit {
    MS("ms", 1_000L),
    S("s", 1_000_000L),
    M("m", 60_000_000L),
    H("h", 3_600_000_000L);

    private final String text;
    private final long micros;

    Unit(String text, long micros) {
      this.text = text;
      this.micros = micros;
    }

    public long micros() {
      return micros;
    }
  }

  private static final Pattern TEXT =
      Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*/\\s*(ms|s|m|min|h)");

  public Rate {
    amount = amount.stripTrailingZeros();
    if (amount.scale() < 0) {
      amount = amount.setScale(0);
    }
  }

  public static Rate perSecond(double amount) {
    return new Rate(BigDecimal.valueOf(amount), Unit.S);
  }

  /** Parses a rate such as {@code 200/s}. */
  public static Rate parse(String text) {
    Matcher m = TEXT.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a rate such as 200/s, 5/ms or 1200/m, got \"" + text + "\"");
    }
    Unit unit =
        switch (m.group(2)) {
          case "ms" -> Unit.MS;
          case "s" -> Unit.S;
          case "m", "min" -> Unit.M;
          default -> Unit.H;
        };
    return new Rate(new BigDecimal(m.group(1)), unit);
  }

  /** Events per second. */
  public double perSecond() {
    return amount.doubleValue() * 1_000_000.0 / per.micros;
  }

  /** Mean gap between events in microseconds (infinite for a zero rate). */
  public double meanGapMicros() {
    return per.micros / amount.doubleValue();
  }

  @Override
  public String toString() {
    return amount.toPlainString() + "/" + per.text;
  }
}
