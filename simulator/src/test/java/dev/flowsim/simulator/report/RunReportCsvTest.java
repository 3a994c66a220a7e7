package dev.flowsim.simulator.report;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.check.Findings;
import dev.flowsim.simulator.metrics.Series;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportCsvTest {
  @TempDir Path dir;

  private static final String CDC =
      "'name': 'CDC', 'seed': 4, 'duration': '3s', 'components': ["
          + "{'id': 'users', 'type': 'producer', 'rate': '100/s'},"
          + "{'id': 'db', 'type': 'database', 'followers': 1},"
          + "{'id': 'changes', 'type': 'topic', 'partitions': 2},"
          + "{'id': 'index', 'type': 'search-index'}],"
          + "'connections': [{'from': 'users', 'to': 'db'}, {'from': 'db', 'to': 'changes'},"
          + "{'from': 'changes', 'to': 'index'}]";

  private static final String TRICKY = "index holds \"v2\", db holds v3;\nsee e-11";

  private static SimulationResult withFindings(SimulationResult r) {
    Findings f = new Findings(10);
    f.add(
        new Finding(
            AnomalyKind.DIVERGENCE,
            1_500_000L,
            List.of("index", "db"),
            List.of("user-1", "user 2"),
            List.of("e-11", "e-12"),
            TRICKY,
            "derive index from db's change stream",
            0));
    f.add(
        new Finding(
            AnomalyKind.STALE_READ,
            2_500_000L,
            List.of("index"),
            List.of("user-9"),
            List.of("e-5"),
            "a read of index returned version 3 while db held 4",
            "read from db",
            40_000L));
    return new SimulationResult(
        r.pipeline(),
        r.seed(),
        r.endMicros(),
        r.trace(),
        r.events(),
        r.kernelEvents(),
        r.stats(),
        r.drained(),
        f,
        r.metrics());
  }

  @Test
  void oneRowPerFindingWithQuotedFieldsThatReadBack() throws Exception {
    RunReport report = RunReport.of("cdc.json", withFindings(run(spec(CDC))));
    Path out = dir.resolve("out.csv");
    RunReportCsv.write(report, out);
    String text = Files.readString(out);
    assertTrue(text.startsWith(RunReportCsv.FINDINGS_HEADER + "\r\n"), text);
    List<List<String>> rows = parse(text);
    assertEquals(1 + report.anomalies().size(), rows.size());
    // rows in the report's order (by kind, then as found)
    for (int i = 0; i < report.anomalies().size(); i++) {
      assertEquals(report.anomalies().get(i).kind().name(), rows.get(1 + i).get(0));
    }
    List<String> first =
        rows.stream().filter(r -> r.get(0).equals("DIVERGENCE")).findFirst().orElseThrow();
    assertEquals(
        List.of(
            "DIVERGENCE",
            "integrity",
            "1.500000",
            "0.000000",
            "index;db",
            "user-1;user 2",
            "e-11;e-12",
            TRICKY,
            "derive index from db's change stream"),
        first);
    List<String> stale =
        rows.stream().filter(r -> r.get(0).equals("STALE_READ")).findFirst().orElseThrow();
    assertEquals("timeliness", stale.get(1));
    assertEquals("0.040000", stale.get(3));
    // the tricky field is quoted, quotes doubled
    assertTrue(text.contains("\"index holds \"\"v2\"\", db holds v3;\nsee e-11\""), text);
  }

  @Test
  void metricsHaveATimeColumnAndOneColumnPerSeries() throws Exception {
    RunReport report = RunReport.of("cdc.json", run(spec(CDC)));
    Path out = dir.resolve("run.csv");
    RunReportCsv.write(report, out);
    Path metrics = dir.resolve("run.metrics.csv");
    assertEquals(metrics, RunReportCsv.metricsFile(out));
    List<List<String>> rows = parse(Files.readString(metrics));
    List<String> header = rows.get(0);
    assertEquals("time_s", header.get(0));
    assertEquals(1 + report.metrics().series().size(), header.size());
    assertFalse(report.metrics().series().isEmpty());
    Series first = report.metrics().series().get(0);
    assertEquals(first.label() + " (" + first.unit() + ")", header.get(1));
    assertEquals(1 + report.metrics().times().length, rows.size());
    for (List<String> row : rows) {
      assertEquals(header.size(), row.size());
    }
    assertEquals(
        String.format(java.util.Locale.ROOT, "%.6f", report.metrics().times()[0] / 1e6),
        rows.get(1).get(0));
  }

  @Test
  void noFindingsIsJustTheHeader() {
    RunReport report = RunReport.of("cdc.json", run(spec(CDC)));
    String text = RunReportCsv.findings(report);
    assertEquals(1 + report.anomalies().size(), parse(text).size());
  }

  @Test
  void fieldsAreQuotedOnlyWhenNeeded() {
    assertEquals("plain", RunReportCsv.field("plain"));
    assertEquals("\"a,b\"", RunReportCsv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", RunReportCsv.field("say \"hi\""));
    assertEquals("\"a\nb\"", RunReportCsv.field("a\nb"));
  }

  /** An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line ends. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        field.append(c);
      }
    }
    assertTrue(row.isEmpty() && field.length() == 0, "the text ends with a line end");
    return rows;
  }
}
