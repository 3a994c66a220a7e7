package dev.flowsim.simulator.report;

import dev.flowsim.model.Component;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.check.Findings;
import dev.flowsim.simulator.metrics.Metrics;
import dev.flowsim.simulator.trace.StepKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a run found, as the CLI writes it with {@code --report} and the GUI shows it: the run's
 * identity (spec, seed, trace hash), its size, exact anomaly counts by kind, the findings kept (the
 * first {@link #anomaliesCapPerKind()} of each kind), what each component did, and the metrics.
 * {@link RunReportJson} writes it as JSON, format {@value #FORMAT_VERSION} (ARCHITECTURE.md).
 *
 * @param spec the spec as the user named it (a file name or path)
 * @param name the spec's own name (may be empty)
 * @param durationMicros how long producers ran
 * @param simulatedMicros virtual time at the end of the run (duration + drain)
 * @param drained whether everything in flight was finished at the end
 * @param events ground-truth events created
 * @param stepCount trace steps recorded
 * @param kernelEvents kernel events executed
 * @param counts how many findings of each kind occurred (kinds with none left out), exact
 * @param anomaliesCapPerKind how many findings of one kind are kept at most
 * @param anomalies the kept findings, by kind (declaration order) then in the order found
 * @param components what each component of the spec did, in spec order
 */
public record RunReport(
    String spec,
    String name,
    long seed,
    long durationMicros,
    long simulatedMicros,
    boolean drained,
    long events,
    long stepCount,
    long kernelEvents,
    String traceHash,
    Map<AnomalyKind, Long> counts,
    int anomaliesCapPerKind,
    List<Finding> anomalies,
    List<ComponentSummary> components,
    Metrics metrics) {

  /** The report format version written in the {@code report} field. */
  public static final int FORMAT_VERSION = 1;

  public RunReport {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(traceHash, "traceHash");
    Map<AnomalyKind, Long> c = new EnumMap<>(AnomalyKind.class);
    c.putAll(counts);
    counts = Collections.unmodifiableMap(c);
    anomalies = List.copyOf(anomalies);
    components = List.copyOf(components);
    metrics = metrics == null ? Metrics.empty() : metrics;
  }

  /**
   * What one component did: how many steps of each kind it recorded (kinds it never recorded are
   * left out; in {@link StepKind} order).
   *
   * @param type the component's JSON type name
   */
  public record ComponentSummary(String id, String type, Map<StepKind, Long> steps) {
    public ComponentSummary {
      Map<StepKind, Long> s = new EnumMap<>(StepKind.class);
      s.putAll(steps);
      steps = Collections.unmodifiableMap(s);
    }
  }

  /** The report of a run of the spec named {@code spec}. */
  public static RunReport of(String spec, SimulationResult r) {
    Findings findings = r.findings();
    List<ComponentSummary> components = new ArrayList<>();
    for (Component c : r.pipeline().components()) {
      Map<StepKind, Long> steps = new EnumMap<>(StepKind.class);
      for (StepKind k : StepKind.values()) {
        long n = r.stats().count(c.id(), k);
        if (n > 0) {
          steps.put(k, n);
        }
      }
      components.add(new ComponentSummary(c.id(), c.kind().typeName(), steps));
    }
    return new RunReport(
        spec,
        r.pipeline().name(),
        r.seed(),
        r.pipeline().duration().micros(),
        r.endMicros(),
        r.drained(),
        r.events(),
        r.trace().stepCount(),
        r.kernelEvents(),
        r.traceHash(),
        findings.counts(),
        findings.cap(),
        findings.all(),
        components,
        r.metrics());
  }

  /** The total number of findings (exact). */
  public long anomalyCount() {
    long n = 0;
    for (long c : counts.values()) {
      n += c;
    }
    return n;
  }

  /** True when some findings were not kept (more than the cap of one kind occurred). */
  public boolean anomaliesTruncated() {
    return anomalies.size() < anomalyCount();
  }

  /** How many findings of {@code kind} occurred. */
  public long count(AnomalyKind kind) {
    return counts.getOrDefault(kind, 0L);
  }
}
