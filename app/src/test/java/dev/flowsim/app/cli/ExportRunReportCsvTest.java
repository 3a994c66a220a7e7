package dev.flowsim.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowsim.simulator.report.RunReportCsv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flowsim run --report out.csv}: the findings as CSV and the metrics beside them. */
class ExportRunReportCsvTest {
  @TempDir Path dir;

  static final Path EXAMPLE = Path.of("..", "examples", "01-dual-write.broken.json");

  private static int run(String... args) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream s = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return FlowsimCommand.run(args, s, s);
  }

  @Test
  void aCsvReportHasOneRowPerFindingAndAMetricsFile() throws Exception {
    Path csv = dir.resolve("out.csv");
    Path json = dir.resolve("out.json");
    assertEquals(0, run("run", EXAMPLE.toString(), "--until", "10s", "--report", csv.toString()));
    assertEquals(0, run("run", EXAMPLE.toString(), "--until", "10s", "--report", json.toString()));
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    int findings = report.path("anomalies").size();
    assertTrue(findings > 0, "the broken dual write has findings");
    String text = Files.readString(csv);
    assertTrue(text.startsWith(RunReportCsv.FINDINGS_HEADER + "\r\n"), text);
    // rows: records end with CRLF; line ends inside quoted fields are LF only
    assertEquals(1 + findings, text.split("\r\n", -1).length - 1);
    assertTrue(text.contains("\"") || !text.contains(","), "fields with commas are quoted");
    Path metrics = dir.resolve("out.metrics.csv");
    String m = Files.readString(metrics);
    assertTrue(m.startsWith("time_s,"), m);
    assertEquals(1 + report.path("metrics").path("times").size(), m.split("\r\n", -1).length - 1);
  }
}
