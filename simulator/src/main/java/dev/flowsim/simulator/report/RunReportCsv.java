package dev.flowsim.simulator.report;

import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.metrics.Metrics;
import dev.flowsim.simulator.metrics.Series;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run report as CSV (RFC 4180: comma separated, CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line end, quotes doubled), for spreadsheets:
 *
 * <ul>
 *   <li>the findings file: a header, then one row per finding kept (as in the JSON report's {@code
 *       anomalies}): {@value #FINDINGS_HEADER}. Times are seconds of virtual time; lists are
 *       separated by semicolons (a component may be a link, {@code app -> db}).
 *   <li>the metrics file ({@link #metricsFile}): a {@code time_s} column, then one column per
 *       series, headed by its label and unit (e.g. {@code consumer.lag orders group=billing
 *       partition=0 (records)}); an empty cell where a series has no value (NaN).
 * </ul>
 */
public final class RunReportCsv {
  /** The header of the findings file. */
  public static final String FINDINGS_HEADER =
      "kind,category,at_s,duration_s,components,keys,events,explanation,fix";

  private static final String EOL = "\r\n";

  private RunReportCsv() {}

  /** The findings as CSV text. */
  public static String findings(RunReport report) {
    StringBuilder b = new StringBuilder(FINDINGS_HEADER).append(EOL);
    for (Finding f : report.anomalies()) {
      row(
          b,
          List.of(
              f.kind().name(),
              f.kind().category(),
              seconds(f.atMicros()),
              seconds(f.durationMicros()),
              String.join(";", f.components()),
              String.join(";", f.keys()),
              String.join(";", f.events()),
              f.explanation() == null ? "" : f.explanation(),
              f.fix() == null ? "" : f.fix()));
    }
    return b.toString();
  }

  /** The metrics time series as CSV text: one row per sample time. */
  public static String metrics(Metrics m) {
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>();
    header.add("time_s");
    for (Series s : m.series()) {
      header.add(s.label() + " (" + s.unit() + ")");
    }
    row(b, header);
    long[] times = m.times();
    for (int i = 0; i < times.length; i++) {
      List<String> cells = new ArrayList<>();
      cells.add(seconds(times[i]));
      for (Series s : m.series()) {
        cells.add(i < s.size() ? number(s.value(i)) : "");
      }
      row(b, cells);
    }
    return b.toString();
  }

  /** The metrics file beside a findings file: {@code out.csv} → {@code out.metrics.csv}. */
  public static Path metricsFile(Path findingsFile) {
    String name = findingsFile.getFileName().toString();
    String base =
        name.toLowerCase(Locale.ROOT).endsWith(".csv")
            ? name.substring(0, name.length() - 4)
            : name;
    return findingsFile.resolveSibling(base + ".metrics.csv");
  }

  /**
   * Writes the findings to {@code file} and the metrics to {@link #metricsFile}, each atomically.
   *
   * @throws NoSuchFileException when the directory does not exist
   */
  public static void write(RunReport report, Path file) throws IOException {
    String findings = findings(report);
    String metrics = metrics(report.metrics());
    ReportFiles.writeAtomically(file, w -> w.write(findings));
    ReportFiles.writeAtomically(metricsFile(file), w -> w.write(metrics));
  }

  /** One CSV field, quoted when needed. */
  static String field(String s) {
    boolean quote = false;
    for (int i = 0; i < s.length() && !quote; i++) {
      char c = s.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static void row(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(field(cells.get(i)));
    }
    b.append(EOL);
  }

  private static String seconds(long micros) {
    return String.format(Locale.ROOT, "%.6f", micros / 1e6);
  }

  private static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.6f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
