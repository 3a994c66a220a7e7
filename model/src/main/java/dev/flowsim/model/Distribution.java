package dev.flowsim.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A distribution of durations (latency, service time, replication lag): {@code const(5ms)} (or just
 * {@code 5ms}), {@code uniform(1ms,30ms)}, {@code exp(20ms)} or {@code lognormal(10ms,200ms)} with
 * the median and the 99th percentile. Impossible parameters are refused when parsing.
 */
public sealed interface Distribution {

  /** The mean in microseconds, used by lint to estimate capacity. */
  double meanMicros();

  /** The largest value worth planning for (p99 for unbounded shapes), in microseconds. */
  double p99Micros();

  /** A fixed value. */
  record Const(Duration value) implements Distribution {
    @Override
    public double meanMicros() {
      return value.micros();
    }

    @Override
    public double p99Micros() {
      return value.micros();
    }

    /** Written as the bare duration: {@code 5ms} reads better than {@code const(5ms)}. */
    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** Uniform between two bounds, inclusive. */
  record Uniform(Duration low, Duration high) implements Distribution {
    @Override
    public double meanMicros() {
      return (low.micros() + high.micros()) / 2.0;
    }

    @Override
    public double p99Micros() {
      return low.micros() + 0.99 * (high.micros() - low.micros());
    }

    @Override
    public String toString() {
      return "uniform(" + low + "," + high + ")";
    }
  }

  /** Exponential with the given mean. */
  record Exp(Duration mean) implements Distribution {
    @Override
    public double meanMicros() {
      return mean.micros();
    }

    @Override
    public double p99Micros() {
      return mean.micros() * Math.log(100);
    }

    @Override
    public String toString() {
      return "exp(" + mean + ")";
    }
  }

  /** Log-normal given by its median and 99th percentile (a long right tail). */
  record LogNormal(Duration median, Duration p99) implements Distribution {
    /** z-score of the 99th percentile of the standard normal distribution. */
    public static final double Z99 = 2.3263478740408408;

    public double mu() {
      return StrictMath.log(median.micros());
    }

    public double sigma() {
      return StrictMath.log((double) p99.micros() / median.micros()) / Z99;
    }

    @Override
    public double meanMicros() {
      double s = sigma();
      return median.micros() * Math.exp(s * s / 2);
    }

    @Override
    public double p99Micros() {
      return p99.micros();
    }

    @Override
    public String toString() {
      return "lognormal(" + median + "," + p99 + ")";
    }
  }

  static Distribution constant(Duration value) {
    return new Const(value);
  }

  Pattern CALL = Pattern.compile("([a-z]+)\\s*\\((.*)\\)");

  /**
   * Parses a distribution.
   *
   * @throws IllegalArgumentException naming what was expected and what was found
   */
  static Distribution parse(String text) {
    String t = text.strip();
    Matcher m = CALL.matcher(t);
    if (!m.matches()) {
      try {
        return checked(t, new Const(Duration.parse(t)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "expected a distribution: a duration such as 5ms, const(5ms), uniform(1ms,30ms),"
                + " exp(20ms) or lognormal(10ms,200ms), got \""
                + text
                + "\"");
      }
    }
    String name = m.group(1);
    List<Duration> args = new ArrayList<>();
    String inner = m.group(2).strip();
    if (!inner.isEmpty()) {
      for (String part : inner.split(",", -1)) {
        try {
          args.add(Duration.parse(part));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("in \"" + text.strip() + "\": " + e.getMessage());
        }
      }
    }
    Distribution d =
        switch (name) {
          case "const" -> new Const(arg(text, args, 1, 0, "the value"));
          case "uniform" ->
              new Uniform(
                  arg(text, args, 2, 0, "the lower and upper bound"),
                  arg(text, args, 2, 1, "the lower and upper bound"));
          case "exp" -> new Exp(arg(text, args, 1, 0, "the mean"));
          case "lognormal" ->
              new LogNormal(
                  arg(text, args, 2, 0, "the median and the 99th percentile"),
                  arg(text, args, 2, 1, "the median and the 99th percentile"));
          default ->
              throw new IllegalArgumentException(
                  "expected one of const, uniform, exp, lognormal, got \"" + name + "\"");
        };
    return checked(text, d);
  }

  private static Duration arg(
      String text, List<Duration> args, int arity, int index, String meaning) {
    if (args.size() != arity) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" takes "
              + arity
              + (arity == 1 ? " duration" : " durations")
              + " ("
              + meaning
              + "), got "
              + args.size());
    }
    return args.get(index);
  }

  /** Refuses impossible parameters; returns {@code d} when it is sound. */
  private static Distribution checked(String text, Distribution d) {
    String problem = null;
    if (d instanceof Const c) {
      problem = c.value().isNegative() ? "a duration cannot be negative" : null;
    } else if (d instanceof Uniform u) {
      if (u.low().isNegative()) {
        problem = "the lower bound cannot be negative";
      } else if (u.low().compareTo(u.high()) > 0) {
        problem = "the lower bound " + u.low() + " is above the upper bound " + u.high();
      }
    } else if (d instanceof Exp e) {
      problem = e.mean().isPositive() ? null : "the mean must be positive";
    } else if (d instanceof LogNormal l) {
      if (!l.median().isPositive()) {
        problem = "the median must be positive";
      } else if (l.p99().compareTo(l.median()) <= 0) {
        problem = "the 99th percentile " + l.p99() + " must be above the median " + l.median();
      }
    }
    if (problem != null) {
      throw new IllegalArgumentException("in \"" + text.strip() + "\": " + problem);
    }
    return d;
  }
}
