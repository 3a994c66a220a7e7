package dev.flowsim.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.check.Findings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        FlowsimCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** A database with an async follower written by one producer: lag, nothing else. */
  private static final String SPEC =
      "{\n"
          + "  \"flowsim\": 1,\n"
          + "  \"name\": \"Follower\",\n"
          + "  \"seed\": 9,\n"
          + "  \"duration\": \"5s\",\n"
          + "  \"components\": [\n"
          + "    {\"id\": \"users\", \"type\": \"producer\", \"rate\": \"100/s\"},\n"
          + "    {\"id\": \"db\", \"type\": \"database\", \"followers\": 1,"
          + " \"replicationLag\": \"const(50ms)\"}\n"
          + "  ],\n"
          + "  \"connections\": [{\"from\": \"users\", \"to\": \"db\"}]\n"
          + "}\n";

  private Path spec() throws Exception {
    return Files.writeString(dir.resolve("follower.json"), SPEC);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aRunPrintsTheTableTheHashAndTheAnomalies() throws Exception {
    Path file = spec();
    Result r = run("run", file.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().startsWith(file + ": seed 9, simulated "), "the run's header line: " + r.out());
    assertTrue(r.out().contains("(5.000s producing + drain)"), r.out());
    assertTrue(r.out().contains("\ndb "), "a row per component: " + r.out());
    assertTrue(r.out().contains("\ntrace hash "), r.out());
    assertTrue(r.out().contains("\nanomalies: "), "the anomaly summary: " + r.out());
    assertEquals("", r.err());
    assertEquals(r.out(), run("run", file.toString()).out(), "a run repeats exactly");
  }

  @Test
  void untilChangesHowLongProducersRun() throws Exception {
    Path report = dir.resolve("r.json");
    Result r = run("run", spec().toString(), "--until", "2s", "--report", report.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("(2.000s producing + drain)"), r.out());
    assertEquals(2_000_000L, JSON.readTree(report.toFile()).get("durationMicros").asLong());
    Result bad = run("run", spec().toString(), "--until", "soon");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--until"), bad.err());
  }

  @Test
  void theReportIsWrittenAndReadsBack() throws Exception {
    Path file = spec();
    Path report = dir.resolve("out").resolve("report.json");
    Files.createDirectories(report.getParent());
    Files.writeString(report, "stale");
    Result r = run("run", file.toString(), "--seed", "5", "--report", report.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("report written to " + report + "\n"), r.out());
    JsonNode root = JSON.readTree(report.toFile());
    assertEquals(1, root.get("report").asInt());
    assertEquals(file.toString(), root.get("spec").asText());
    assertEquals("Follower", root.get("name").asText());
    assertEquals(5, root.get("seed").asLong());
    assertEquals(5_000_000L, root.get("durationMicros").asLong());
    assertTrue(root.get("simulatedMicros").asLong() >= 5_000_000L);
    assertTrue(root.get("drained").asBoolean());
    assertTrue(root.get("events").asLong() > 300);
    assertTrue(r.out().contains("trace hash " + root.get("traceHash").asText() + "\n"), r.out());
    assertTrue(root.get("counts").isObject());
    assertTrue(root.get("anomalies").isArray());
    long total = 0;
    for (JsonNode n : root.get("counts")) {
      total += n.asLong();
    }
    assertTrue(root.get("anomalies").size() <= total);
    assertEquals("db", root.get("components").get(1).get("id").asText());
    JsonNode series = root.get("metrics").get("series");
    boolean lag = false;
    for (JsonNode s : series) {
      if (s.get("name").asText().equals("replication.lag.versions")) {
        lag = true;
        assertEquals("db", s.get("component").asText());
        assertEquals(1, s.get("replica").asInt());
        assertEquals(root.get("metrics").get("times").size(), s.get("values").size());
      }
    }
    assertTrue(lag, "the follower's lag is in the metrics");
    try (Stream<Path> files = Files.list(report.getParent())) {
      assertEquals(List.of(report), files.toList(), "no temporary file is left");
    }
  }

  @Test
  void aReportInAMissingDirectoryIsAUsageErrorBeforeTheRun() throws Exception {
    Path report = dir.resolve("missing").resolve("report.json");
    Result r = run("run", spec().toString(), "--report", report.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--report: the directory"), r.err());
    assertTrue(r.err().contains("does not exist"), r.err());
    assertEquals("", r.out(), "nothing was simulated");
    Result onDir = run("run", spec().toString(), "--report", dir.toString());
    assertEquals(2, onDir.code());
    assertTrue(onDir.err().contains("is a directory"), onDir.err());
  }

  @Test
  void anUnknownFailOnKindIsAUsageErrorListingTheValidOnes() throws Exception {
    Result r = run("run", spec().toString(), "--fail-on", "DIVERGENCE,STALE_REED");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown anomaly kind 'STALE_REED'"), r.err());
    for (AnomalyKind k : AnomalyKind.values()) {
      assertTrue(r.err().contains(k.name()), "lists " + k + ": " + r.err());
    }
    assertEquals("", r.out(), "nothing was simulated");
  }

  @Test
  void failOnExitsThreeExactlyWhenAListedKindOccurred() throws Exception {
    // whatever the checkers find in this scenario, the exit code must agree with the report
    Path file = Path.of("..", "examples", "07-failover-lost-writes.broken.json");
    Path report = dir.resolve("r.json");
    Result r =
        run("run", file.toString(), "--fail-on", "lost_write,integrity", "--report", "" + report);
    JsonNode counts = JSON.readTree(report.toFile()).get("counts");
    boolean integrity = false;
    for (AnomalyKind k : AnomalyKind.values()) {
      integrity |= k.isIntegrity() && counts.has(k.name());
    }
    if (integrity) {
      assertEquals(3, r.code(), r.out() + r.err());
      assertTrue(r.err().startsWith("flowsim: --fail-on: found "), r.err());
    } else {
      assertEquals(0, r.code(), r.out() + r.err());
      assertEquals("", r.err());
    }
    Result timeliness = run("run", file.toString(), "--fail-on", "timeliness");
    boolean anyTimeliness = false;
    for (AnomalyKind k : AnomalyKind.values()) {
      anyTimeliness |= !k.isIntegrity() && counts.has(k.name());
    }
    assertEquals(anyTimeliness ? 3 : 0, timeliness.code(), timeliness.err());
  }

  @Test
  void failOnNamesKindsInAnyCaseAndCategories() {
    CommandLine cli = new CommandLine(new RunCommand());
    assertEquals(
        EnumSet.of(AnomalyKind.DIVERGENCE, AnomalyKind.STALE_READ),
        RunCommand.parseFailOn(cli, List.of("divergence", " STALE_READ ")));
    Set<AnomalyKind> timeliness = RunCommand.parseFailOn(cli, List.of("timeliness"));
    assertTrue(timeliness.contains(AnomalyKind.REPLICATION_LAG));
    assertFalse(timeliness.contains(AnomalyKind.DIVERGENCE));
    Set<AnomalyKind> integrity = RunCommand.parseFailOn(cli, List.of("integrity"));
    assertTrue(integrity.contains(AnomalyKind.LOST_WRITE));
    assertFalse(integrity.contains(AnomalyKind.STALE_READ));
  }

  @Test
  void failingNamesTheListedKindsThatOccurredWithTheirCounts() {
    Findings f = findings();
    assertEquals(
        List.of("DIVERGENCE (4)"),
        RunCommand.failing(f, EnumSet.of(AnomalyKind.DIVERGENCE, AnomalyKind.LOST_WRITE)));
    assertEquals(
        List.of("STALE_READ (2)", "DIVERGENCE (4)"),
        RunCommand.failing(f, EnumSet.allOf(AnomalyKind.class)));
    assertEquals(List.of(), RunCommand.failing(f, EnumSet.of(AnomalyKind.LOST_WRITE)));
  }

  private static Finding finding(AnomalyKind kind, int i, long duration) {
    return new Finding(
        kind,
        1_500_000L * (i + 1),
        List.of("index"),
        List.of("user-" + i),
        List.of("e-" + i, "e-" + (i + 100)),
        kind.meaning() + " (#" + i + ")",
        kind.usualFix(),
        duration);
  }

  /** 4 divergences and 2 stale reads. */
  private static Findings findings() {
    Findings f = new Findings();
    for (int i = 0; i < 2; i++) {
      f.add(finding(AnomalyKind.STALE_READ, i, 250_000L));
    }
    for (int i = 0; i < 4; i++) {
      f.add(finding(AnomalyKind.DIVERGENCE, i, 0));
    }
    return f;
  }

  @Test
  void theSummaryTabulatesKindsThenShowsTheFirstFindings() {
    StringWriter text = new StringWriter();
    RunCommand.printAnomalies(new PrintWriter(text), findings());
    String out = text.toString();
    assertTrue(
        out.startsWith(
            "anomalies: 6 findings of 2 kinds\n"
                + "  kind        category    count\n"
                + "  DIVERGENCE  integrity       4\n"
                + "  STALE_READ  timeliness      2\n"
                + "first findings:\n"
                + "  DIVERGENCE at 1.500s on index, key user-0, events e-0, e-100\n"
                + "    "
                + AnomalyKind.DIVERGENCE.meaning()
                + " (#0)\n"
                + "    fix: "
                + AnomalyKind.DIVERGENCE.usualFix()
                + "\n"),
        out);
    assertTrue(out.contains("  DIVERGENCE at 4.500s"), "three of a kind: " + out);
    assertFalse(out.contains("  DIVERGENCE at 6.000s"), "not four: " + out);
    assertTrue(out.contains("  STALE_READ at 1.500s for 0.250s on index"), out);
    assertTrue(out.contains("  (5 of 6 shown; --report FILE writes every finding kept)\n"), out);
  }

  @Test
  void theSummaryShowsAtMostTenFindingsAndEveryKindFirst() {
    Findings f = new Findings();
    for (AnomalyKind k : AnomalyKind.values()) {
      for (int i = 0; i < 5; i++) {
        f.add(finding(k, i, 1000));
      }
    }
    StringWriter text = new StringWriter();
    RunCommand.printAnomalies(new PrintWriter(text), f);
    String out = text.toString();
    assertEquals(10, out.split("\n    fix: ", -1).length - 1, out);
    assertTrue(out.contains("(10 of 65 shown"), out);
    // integrity kinds come first in the table and in the findings
    assertTrue(out.indexOf("  OUT_OF_ORDER ") < out.indexOf("  REPLICATION_LAG "), out);
    assertTrue(out.indexOf("  LOST_WRITE ") < out.indexOf("  REPLICATION_LAG "), out);
  }

  @Test
  void noAnomaliesSaysSo() {
    StringWriter text = new StringWriter();
    RunCommand.printAnomalies(new PrintWriter(text), new Findings());
    assertEquals("anomalies: none found\n", text.toString().replace("\r\n", "\n"));
  }

  @Test
  void anInvalidSpecExitsTwo() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"flowsim\": 1, \"components\": 3}");
    Result r = run("run", bad.toString(), "--report", dir.resolve("r.json").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.json:1:"), r.err());
    assertFalse(Files.exists(dir.resolve("r.json")), "no report for a spec that did not run");
  }
}
