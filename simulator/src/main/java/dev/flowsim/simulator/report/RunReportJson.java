package dev.flowsim.simulator.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.metrics.Metrics;
import dev.flowsim.simulator.metrics.Series;
import dev.flowsim.simulator.trace.StepKind;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RunReport} as JSON, report format {@value RunReport#FORMAT_VERSION}, with a fixed
 * field order (scripts and diffs can rely on it):
 *
 * <pre>{@code
 * { "report": 1, "spec": "dual-write.json", "name": "…", "seed": 42,
 *   "durationMicros": 60000000, "simulatedMicros": 60412000, "drained": true,
 *   "events": 12000, "stepCount": 250000, "kernelEvents": 180000, "traceHash": "…",
 *   "counts": { "DIVERGENCE": 3, "STALE_READ": 120 },
 *   "anomaliesCapPerKind": 1000, "anomaliesTruncated": false,
 *   "anomalies": [ { "kind": "DIVERGENCE", "category": "integrity", "atMicros": 12300000,
 *                    "components": ["index"], "keys": ["user-7"], "events": ["e-1042", "e-1051"],
 *                    "explanation": "…", "fix": "…" },
 *                  { "kind": "STALE_READ", "category": "timeliness", "atMicros": 3100000,
 *                    "durationMicros": 20000, … } ],
 *   "components": [ { "id": "users", "type": "producer", "steps": { "PRODUCE": 12000, … } } ],
 *   "metrics": { "intervalMicros": 1000000, "times": [1000000, 2000000, …],
 *                "series": [ { "name": "consumer.lag", "unit": "records", "component": "orders",
 *                              "group": "billing", "partition": 0, "values": [0, 12, …] } ] } }
 * }</pre>
 *
 * <p>{@code counts} has one entry per anomaly kind that occurred, named exactly as {@link
 * AnomalyKind}, and stays exact when findings beyond the cap are not kept. {@code durationMicros}
 * of an anomaly is written for timeliness kinds only. A series carries {@code replica}, {@code
 * group}, {@code partition} and {@code source} only when it has them; a sample without a value
 * (NaN) is written as {@code null}; whole numbers are written without a fraction.
 */
public final class RunReportJson {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private RunReportJson() {}

  /** The report as pretty-printed JSON text, ending with a newline. */
  public static String toJson(RunReport report) {
    StringWriter out = new StringWriter();
    try {
      write(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the report as pretty-printed JSON to {@code out} (not closed), ending with a newline.
   */
  public static void write(RunReport report, Writer out) throws IOException {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pretty =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(indenter)
            .withArrayIndenter(indenter);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setPrettyPrinter(pretty.createInstance());
      writeReport(g, report);
      g.flush();
    }
    out.write('\n');
    out.flush();
  }

  /**
   * Writes the report to {@code file} atomically: into a temporary file beside it, then moved over
   * it, so a reader never sees half a report and a failed write leaves any older report intact.
   *
   * @throws NoSuchFileException when the file's directory does not exist
   */
  public static void write(RunReport report, Path file) throws IOException {
    ReportFiles.writeAtomically(file, w -> write(report, w));
  }

  private static void writeReport(JsonGenerator g, RunReport r) throws IOException {
    g.writeStartObject();
    g.writeNumberField("report", RunReport.FORMAT_VERSION);
    g.writeStringField("spec", r.spec());
    g.writeStringField("name", r.name());
    g.writeNumberField("seed", r.seed());
    g.writeNumberField("durationMicros", r.durationMicros());
    g.writeNumberField("simulatedMicros", r.simulatedMicros());
    g.writeBooleanField("drained", r.drained());
    g.writeNumberField("events", r.events());
    g.writeNumberField("stepCount", r.stepCount());
    g.writeNumberField("kernelEvents", r.kernelEvents());
    g.writeStringField("traceHash", r.traceHash());
    g.writeObjectFieldStart("counts");
    for (Map.Entry<AnomalyKind, Long> e : r.counts().entrySet()) {
      g.writeNumberField(e.getKey().name(), e.getValue());
    }
    g.writeEndObject();
    g.writeNumberField("anomaliesCapPerKind", r.anomaliesCapPerKind());
    g.writeBooleanField("anomaliesTruncated", r.anomaliesTruncated());
    g.writeArrayFieldStart("anomalies");
    for (Finding f : r.anomalies()) {
      writeFinding(g, f);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("components");
    for (RunReport.ComponentSummary c : r.components()) {
      g.writeStartObject();
      g.writeStringField("id", c.id());
      g.writeStringField("type", c.type());
      g.writeObjectFieldStart("steps");
      for (Map.Entry<StepKind, Long> e : c.steps().entrySet()) {
        g.writeNumberField(e.getKey().name(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    writeMetrics(g, r.metrics());
    g.writeEndObject();
  }

  private static void writeFinding(JsonGenerator g, Finding f) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", f.kind().name());
    g.writeStringField("category", f.kind().category());
    g.writeNumberField("atMicros", f.atMicros());
    if (!f.kind().isIntegrity()) {
      g.writeNumberField("durationMicros", f.durationMicros());
    }
    g.writeFieldName("components");
    inlineStrings(g, f.components());
    g.writeFieldName("keys");
    inlineStrings(g, f.keys());
    g.writeFieldName("events");
    inlineStrings(g, f.events());
    g.writeStringField("explanation", f.explanation());
    g.writeStringField("fix", f.fix());
    g.writeEndObject();
  }

  private static void writeMetrics(JsonGenerator g, Metrics m) throws IOException {
    g.writeObjectFieldStart("metrics");
    g.writeNumberField("intervalMicros", m.intervalMicros());
    g.writeFieldName("times");
    PrettyPrinter pretty = inline(g);
    g.writeStartArray();
    for (long t : m.times()) {
      g.writeNumber(t);
    }
    g.writeEndArray();
    g.setPrettyPrinter(pretty);
    g.writeArrayFieldStart("series");
    for (Series s : m.series()) {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("unit", s.unit());
      g.writeStringField("component", s.component());
      if (s.replica() != Series.NONE) {
        g.writeNumberField("replica", s.replica());
      }
      if (s.group() != null) {
        g.writeStringField("group", s.group());
      }
      if (s.partition() != Series.NONE) {
        g.writeNumberField("partition", s.partition());
      }
      if (s.source() != null) {
        g.writeStringField("source", s.source());
      }
      g.writeFieldName("values");
      pretty = inline(g);
      g.writeStartArray();
      for (int i = 0; i < s.size(); i++) {
        writeValue(g, s.value(i));
      }
      g.writeEndArray();
      g.setPrettyPrinter(pretty);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeValue(JsonGenerator g, double v) throws IOException {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      g.writeNull();
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }

  private static void inlineStrings(JsonGenerator g, List<String> values) throws IOException {
    PrettyPrinter pretty = inline(g);
    g.writeStartArray();
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
    g.setPrettyPrinter(pretty);
  }

  /** Switches to one-line output for an array; returns the printer to restore after it. */
  private static PrettyPrinter inline(JsonGenerator g) {
    PrettyPrinter pretty = g.getPrettyPrinter();
    g.setPrettyPrinter(INLINE);
    return pretty;
  }

  private static final PrettyPrinter INLINE = new InlineArray();

  /** Writes an array on one line as {@code [1, 2, 3]}. */
  private static final class InlineArray extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }
}
