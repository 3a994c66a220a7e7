package dev.flowsim.simulator.report;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.check.Findings;
import dev.flowsim.simulator.metrics.Metrics;
import dev.flowsim.simulator.metrics.Series;
import dev.flowsim.simulator.trace.StepKind;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportJsonTest {

  @TempDir Path dir;

  private static final String CDC =
      "'name': 'CDC', 'seed': 4, 'duration': '3s', 'components': ["
          + "{'id': 'users', 'type': 'producer', 'rate': '100/s'},"
          + "{'id': 'db', 'type': 'database', 'followers': 1},"
          + "{'id': 'changes', 'type': 'topic', 'partitions': 2},"
          + "{'id': 'index', 'type': 'search-index'}],"
          + "'connections': [{'from': 'users', 'to': 'db'}, {'from': 'db', 'to': 'changes'},"
          + "{'from': 'changes', 'to': 'index'}]";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A real run with made-up findings: 3 divergences (2 kept) and 1 stale read. */
  private static SimulationResult withFindings(SimulationResult r) {
    Findings f = new Findings(2);
    for (int i = 0; i < 3; i++) {
      f.add(
          new Finding(
              AnomalyKind.DIVERGENCE,
              1_000_000L + i,
              List.of("index"),
              List.of("user-" + i),
              List.of("e-" + (10 + i), "e-" + (20 + i)),
              "index holds an older value than db",
              "derive index from db's change stream",
              0));
    }
    f.add(
        new Finding(
            AnomalyKind.STALE_READ,
            2_500_000L,
            List.of("index", "db"),
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

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void everyFieldReadsBackInItsPlace() throws Exception {
    SimulationResult r = withFindings(run(spec(CDC)));
    RunReport report = RunReport.of("cdc.json", r);
    String text = RunReportJson.toJson(report);
    assertTrue(text.endsWith("}\n"), "ends with a newline");
    assertTrue(text.startsWith("{\n  \"report\": 1,\n  \"spec\": \"cdc.json\",\n"), text);
    JsonNode root = JSON.readTree(text);

    assertEquals(
        List.of(
            "report",
            "spec",
            "name",
            "seed",
            "durationMicros",
            "simulatedMicros",
            "drained",
            "events",
            "stepCount",
            "kernelEvents",
            "traceHash",
            "counts",
            "anomaliesCapPerKind",
            "anomaliesTruncated",
            "anomalies",
            "components",
            "metrics"),
        fieldNames(root));
    assertEquals(1, root.get("report").asInt());
    assertEquals("cdc.json", root.get("spec").asText());
    assertEquals("CDC", root.get("name").asText());
    assertEquals(4, root.get("seed").asLong());
    assertEquals(3_000_000L, root.get("durationMicros").asLong());
    assertEquals(r.endMicros(), root.get("simulatedMicros").asLong());
    assertTrue(root.get("drained").asBoolean());
    assertEquals(r.events(), root.get("events").asLong());
    assertEquals(r.trace().stepCount(), root.get("stepCount").asLong());
    assertEquals(r.kernelEvents(), root.get("kernelEvents").asLong());
    assertEquals(r.traceHash(), root.get("traceHash").asText());
    assertEquals(16, r.traceHash().length());

    // counts stay exact beyond the cap, with exactly the kind names, in declaration order
    JsonNode counts = root.get("counts");
    assertEquals(List.of("STALE_READ", "DIVERGENCE"), fieldNames(counts));
    assertEquals(3, counts.get("DIVERGENCE").asLong());
    assertEquals(1, counts.get("STALE_READ").asLong());
    assertEquals(2, root.get("anomaliesCapPerKind").asInt());
    assertTrue(root.get("anomaliesTruncated").asBoolean());

    JsonNode anomalies = root.get("anomalies");
    assertEquals(3, anomalies.size(), "2 divergences kept + 1 stale read");
    JsonNode stale = anomalies.get(0);
    assertEquals(
        List.of(
            "kind",
            "category",
            "atMicros",
            "durationMicros",
            "components",
            "keys",
            "events",
            "explanation",
            "fix"),
        fieldNames(stale));
    assertEquals("STALE_READ", stale.get("kind").asText());
    assertEquals("timeliness", stale.get("category").asText());
    assertEquals(2_500_000L, stale.get("atMicros").asLong());
    assertEquals(40_000L, stale.get("durationMicros").asLong());
    assertEquals(List.of("index", "db"), strings(stale.get("components")));
    assertEquals(List.of("user-9"), strings(stale.get("keys")));
    assertEquals(List.of("e-5"), strings(stale.get("events")));
    assertEquals(
        "a read of index returned version 3 while db held 4", stale.get("explanation").asText());
    assertEquals("read from db", stale.get("fix").asText());
    JsonNode divergence = anomalies.get(2);
    assertEquals("DIVERGENCE", divergence.get("kind").asText());
    assertEquals("integrity", divergence.get("category").asText());
    assertFalse(divergence.has("durationMicros"), "integrity kinds have no duration");
    assertEquals(1_000_001L, divergence.get("atMicros").asLong());
    assertEquals(List.of("e-11", "e-21"), strings(divergence.get("events")));

    JsonNode components = root.get("components");
    assertEquals(4, components.size());
    JsonNode db = components.get(1);
    assertEquals(List.of("id", "type", "steps"), fieldNames(db));
    assertEquals("db", db.get("id").asText());
    assertEquals("database", db.get("type").asText());
    assertEquals(r.stats().count("db", StepKind.APPLY), db.get("steps").get("APPLY").asLong());
    assertEquals(
        r.stats().count("db", StepKind.REPLICATE), db.get("steps").get("REPLICATE").asLong());
    assertFalse(db.get("steps").has("PRODUCE"), "kinds a component never recorded are left out");
    List<String> kinds = fieldNames(db.get("steps"));
    for (int i = 1; i < kinds.size(); i++) {
      assertTrue(
          StepKind.valueOf(kinds.get(i - 1)).ordinal() < StepKind.valueOf(kinds.get(i)).ordinal());
    }

    JsonNode metrics = root.get("metrics");
    assertEquals(List.of("intervalMicros", "times", "series"), fieldNames(metrics));
    Metrics m = r.metrics();
    assertEquals(m.intervalMicros(), metrics.get("intervalMicros").asLong());
    JsonNode times = metrics.get("times");
    assertEquals(m.sampleCount(), times.size());
    for (int i = 0; i < times.size(); i++) {
      assertEquals(m.times()[i], times.get(i).asLong());
    }
    JsonNode series = metrics.get("series");
    assertEquals(m.series().size(), series.size());
    for (int i = 0; i < series.size(); i++) {
      Series s = m.series().get(i);
      JsonNode js = series.get(i);
      assertEquals(s.name(), js.get("name").asText());
      assertEquals(s.unit(), js.get("unit").asText());
      assertEquals(s.component(), js.get("component").asText());
      assertEquals(s.replica() != Series.NONE, js.has("replica"), s.label());
      assertEquals(s.partition() != Series.NONE, js.has("partition"), s.label());
      assertEquals(s.group() != null, js.has("group"), s.label());
      assertEquals(s.source() != null, js.has("source"), s.label());
      if (js.has("replica")) {
        assertEquals(s.replica(), js.get("replica").asInt());
      }
      if (js.has("partition")) {
        assertEquals(s.partition(), js.get("partition").asInt());
      }
      if (js.has("group")) {
        assertEquals(s.group(), js.get("group").asText());
      }
      if (js.has("source")) {
        assertEquals(s.source(), js.get("source").asText());
      }
      JsonNode values = js.get("values");
      assertEquals(s.size(), values.size());
      for (int k = 0; k < values.size(); k++) {
        if (Double.isNaN(s.value(k))) {
          assertTrue(values.get(k).isNull(), "NaN is written as null: " + s.label());
        } else {
          assertEquals(s.value(k), values.get(k).asDouble(), 0.0, s.label());
        }
      }
    }
    assertTrue(text.contains("\"name\": \"replication.lag.versions\""), "the run had a follower");
    assertTrue(text.contains("\"group\": \"index\""), "and a consumer group");
    assertTrue(text.contains("\"source\": \"db\""), "and a store trailing db");
    assertFalse(
        Pattern.compile("\\d\\.0[,\\]]").matcher(text).find(),
        "whole numbers have no fraction: " + text);
  }

  @Test
  void aRunWithoutAnomaliesHasEmptyCountsAndList() throws Exception {
    RunReport report = RunReport.of("cdc.json", run(spec(CDC)));
    String text = RunReportJson.toJson(report);
    assertTrue(text.contains("\"counts\": {},"), text);
    assertTrue(text.contains("\"anomalies\": [],"), text);
    JsonNode root = JSON.readTree(text);
    assertEquals(0, root.get("counts").size());
    assertFalse(root.get("anomaliesTruncated").asBoolean());
    assertEquals(1000, root.get("anomaliesCapPerKind").asInt());
  }

  @Test
  void writingToAFileIsAtomicAndNeedsAnExistingDirectory() throws Exception {
    RunReport report = RunReport.of("cdc.json", withFindings(run(spec(CDC))));
    Path file = dir.resolve("report.json");
    Files.writeString(file, "an older report");
    RunReportJson.write(report, file);
    assertEquals(RunReportJson.toJson(report), Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left");
    }
    NoSuchFileException e =
        assertThrows(
            NoSuchFileException.class,
            () -> RunReportJson.write(report, dir.resolve("missing").resolve("r.json")));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void theSameRunWritesTheSameReport() {
    String a = RunReportJson.toJson(RunReport.of("cdc.json", run(spec(CDC))));
    String b = RunReportJson.toJson(RunReport.of("cdc.json", run(spec(CDC))));
    assertEquals(a, b);
  }
}
