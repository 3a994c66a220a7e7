package dev.flowsim.app.gui.analysis;

import java.util.Locale;

/** How the analysis panels write simulated times. */
final class Format {
  private Format() {}

  /** {@code 12.345 s}. */
  static String seconds(long micros) {
    return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
  }

  /** A duration in its natural unit: {@code 850 µs}, {@code 12.5 ms}, {@code 3.20 s}. */
  static String duration(long micros) {
    if (micros < 1000) {
      return micros + " µs";
    }
    if (micros < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
    }
    return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
  }
}
