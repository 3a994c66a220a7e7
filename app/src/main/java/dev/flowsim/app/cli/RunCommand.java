package dev.flowsim.app.cli;

import dev.flowsim.model.Component;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.json.LoadedSpec;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.ComponentStats;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationException;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.check.Findings;
import dev.flowsim.simulator.report.RunReport;
import dev.flowsim.simulator.report.RunReportCsv;
import dev.flowsim.simulator.report.RunReportJson;
import dev.flowsim.simulator.trace.StepKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowsim run FILE [--seed N] [--until DURATION] [--report OUT.json] [--fail-on KIND,...]}:
 * simulates a spec and prints what each component did (produced, delivered, applied, dropped...),
 * the trace hash (identical for every run of the same spec and seed), the anomalies the checkers
 * found by kind with their category, and the first findings with explanation and fix. {@code
 * --report} writes the run report (JSON, format 1) atomically; {@code --fail-on} makes the run exit
 * 3 when any listed kind occurred, for CI.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate a pipeline spec deterministically and print a per-component summary, the"
          + " trace hash (same spec + seed = same hash) and the anomalies found, with"
          + " explanations and fixes."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok (anomalies, if any, not listed in --fail-on)",
      "1:internal error (details in the log file named)",
      "2:bad usage, an invalid spec, or a report that cannot be written",
      "3:anomalies of a kind listed in --fail-on were found"
    })
final class RunCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the spec file (JSON)")
  Path file;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "random seed (default: the spec's seed)")
  Long seed;

  @Option(
      names = "--until",
      paramLabel = "DURATION",
      description = "how long producers run, e.g. 30s or 2m (default: the spec's duration)")
  String until;

  @Option(
      names = "--report",
      paramLabel = "OUT.json",
      description =
          "write the run report (JSON: counts by kind, every finding kept, per-component steps,"
              + " metrics) to this file; its directory must exist. A name ending in .csv writes"
              + " CSV instead: one row per finding kept, and the metrics time series beside it"
              + " in OUT.metrics.csv")
  Path report;

  @Option(
      names = "--fail-on",
      paramLabel = "KIND",
      split = ",",
      description =
          "exit 3 when any of these anomaly kinds occurred, e.g. DIVERGENCE,LOST_WRITE;"
              + " 'integrity' or 'timeliness' name every kind of that category. Kinds: ${COMPLETION-CANDIDATES}",
      completionCandidates = RunCommand.Kinds.class)
  List<String> failOn = List.of();

  /** How many findings the summary shows at most, and of one kind. */
  static final int SHOWN = 10;

  static final int SHOWN_PER_KIND = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The columns of the summary: a header and the step kind counted. */
  private static final List<Object[]> COLUMNS =
      List.of(
          new Object[] {"produced", StepKind.PRODUCE},
          new Object[] {"sent", StepKind.SEND},
          new Object[] {"delivered", StepKind.DELIVER},
          new Object[] {"dropped", StepKind.DROP},
          new Object[] {"appended", StepKind.APPEND},
          new Object[] {"consumed", StepKind.CONSUME},
          new Object[] {"applied", StepKind.APPLY},
          new Object[] {"replicated", StepKind.REPLICATE},
          new Object[] {"skipped", StepKind.SKIP},
          new Object[] {"expired", StepKind.EXPIRE},
          new Object[] {"reads", StepKind.READ});

  /** The anomaly kind names, for help and completion. */
  static final class Kinds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(AnomalyKind.values()).map(Enum::name).iterator();
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Set<AnomalyKind> failKinds = parseFailOn(spec.commandLine(), failOn);
    if (report != null) {
      checkReportTarget(spec.commandLine(), report);
    }
    LoadedSpec loaded;
    try {
      loaded = SpecReader.load(file);
    } catch (SpecException e) {
      e.diagnostics().forEach(d -> err.println(d.format()));
      return FlowsimCommand.INVALID;
    }
    Pipeline pipeline = loaded.pipeline();
    if (until != null) {
      try {
        Duration d = Duration.parse(until);
        if (!d.isPositive()) {
          throw new IllegalArgumentException("expected a duration above 0, got " + until);
        }
        // the run's own duration, so the summary and the report say how long producers ran
        pipeline =
            pipeline.withSettings(pipeline.name(), pipeline.description(), pipeline.seed(), d);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--until: " + e.getMessage());
      }
    }
    Simulation.Options options = Simulation.Options.of(pipeline);
    if (seed != null) {
      options = options.withSeed(seed);
    }
    SimulationResult result;
    try {
      result = Simulation.run(pipeline, options);
    } catch (SimulationException e) {
      for (Diagnostic d : loaded.locate(e.diagnostics())) {
        err.println(d.format());
      }
      err.println(file + ": cannot be simulated");
      return FlowsimCommand.INVALID;
    }
    printSummary(out, result);
    printAnomalies(out, result.findings());
    if (report != null) {
      try {
        RunReport r = RunReport.of(file.toString(), result);
        if (isCsv(report)) {
          RunReportCsv.write(r, report);
        } else {
          RunReportJson.write(r, report);
        }
      } catch (IOException e) {
        out.flush();
        err.println("flowsim: cannot write the report " + report + ": " + describe(e));
        return FlowsimCommand.INVALID;
      }
      out.println(
          "report written to "
              + report
              + (isCsv(report) ? " and " + RunReportCsv.metricsFile(report) : ""));
    }
    out.flush();
    List<String> failing = failing(result.findings(), failKinds);
    if (!failing.isEmpty()) {
      err.println("flowsim: --fail-on: found " + String.join(", ", failing));
      return FlowsimCommand.ANOMALIES_FOUND;
    }
    return FlowsimCommand.OK;
  }

  /** True when the report is to be CSV (its name ends in {@code .csv}); JSON otherwise. */
  static boolean isCsv(Path report) {
    Path name = report.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  /** The kinds of {@code failOn} that occurred, as "KIND (count)", in declaration order. */
  static List<String> failing(Findings findings, Set<AnomalyKind> failOn) {
    List<String> failing = new ArrayList<>();
    for (AnomalyKind k : AnomalyKind.values()) {
      if (failOn.contains(k) && findings.count(k) > 0) {
        failing.add(k.name() + " (" + findings.count(k) + ")");
      }
    }
    return failing;
  }

  /**
   * The kinds named by {@code --fail-on} (names as in the report, any case; {@code integrity} and
   * {@code timeliness} stand for every kind of that category).
   *
   * @throws CommandLine.ParameterException for an unknown name, listing the valid ones
   */
  static Set<AnomalyKind> parseFailOn(CommandLine cli, List<String> names) {
    Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
    for (String raw : names) {
      String name = raw.strip();
      if (name.equalsIgnoreCase("integrity") || name.equalsIgnoreCase("timeliness")) {
        for (AnomalyKind k : AnomalyKind.values()) {
          if (k.category().equalsIgnoreCase(name)) {
            kinds.add(k);
          }
        }
        continue;
      }
      AnomalyKind kind = null;
      for (AnomalyKind k : AnomalyKind.values()) {
        if (k.name().equalsIgnoreCase(name)) {
          kind = k;
        }
      }
      if (kind == null) {
        throw new CommandLine.ParameterException(
            cli,
            "--fail-on: unknown anomaly kind '"
                + name
                + "'; valid kinds: "
                + String.join(", ", new Kinds())
                + " (or integrity, timeliness)");
      }
      kinds.add(kind);
    }
    return kinds;
  }

  /** A report can be written only into an existing directory, and not over a directory. */
  private static void checkReportTarget(CommandLine cli, Path report) {
    Path dir = report.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new CommandLine.ParameterException(
          cli,
          "--report: the directory "
              + (report.getParent() == null ? dir : report.getParent())
              + " does not exist (create it first)");
    }
    if (Files.isDirectory(report)) {
      throw new CommandLine.ParameterException(
          cli, "--report: " + report + " is a directory; name the report file, e.g. report.json");
    }
  }

  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException n) {
      return (n.getReason() != null ? n.getReason() : "no such file") + ": " + n.getFile();
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /**
   * Prints the anomalies: a table of the kinds found with their category and exact count, then the
   * first findings (up to {@value #SHOWN_PER_KIND} of each kind, {@value #SHOWN} in all, integrity
   * kinds first) with their explanation and fix.
   */
  static void printAnomalies(PrintWriter out, Findings findings) {
    Map<AnomalyKind, Long> counts = findings.counts();
    if (counts.isEmpty()) {
      out.println("anomalies: none found");
      return;
    }
    long total = 0;
    for (long n : counts.values()) {
      total += n;
    }
    out.printf(
        Locale.ROOT,
        "anomalies: %d finding%s of %d kind%s%n",
        total,
        total == 1 ? "" : "s",
        counts.size(),
        counts.size() == 1 ? "" : "s");
    List<AnomalyKind> order = new ArrayList<>();
    for (boolean integrity : new boolean[] {true, false}) {
      for (AnomalyKind k : counts.keySet()) {
        if (k.isIntegrity() == integrity) {
          order.add(k);
        }
      }
    }
    int width = "kind".length();
    for (AnomalyKind k : order) {
      width = Math.max(width, k.name().length());
    }
    out.println("  " + pad("kind", width) + "  " + pad("category", 10) + "  " + "count");
    for (AnomalyKind k : order) {
      out.printf(
          Locale.ROOT,
          "  %s  %s  %5d%n",
          pad(k.name(), width),
          pad(k.category(), 10),
          counts.get(k));
    }
    // round-robin over the kinds, so that every kind shows at least one finding if it can
    Map<AnomalyKind, Integer> quota = new EnumMap<>(AnomalyKind.class);
    int shown = 0;
    for (int round = 0; round < SHOWN_PER_KIND && shown < SHOWN; round++) {
      for (AnomalyKind k : order) {
        int q = quota.getOrDefault(k, 0);
        if (shown < SHOWN && q < findings.of(k).size() && q == round) {
          quota.put(k, q + 1);
          shown++;
        }
      }
    }
    if (shown == 0) {
      return;
    }
    out.println(shown == total ? "findings:" : "first findings:");
    for (AnomalyKind k : order) {
      List<Finding> fs = findings.of(k);
      for (int i = 0; i < quota.getOrDefault(k, 0); i++) {
        printFinding(out, fs.get(i));
      }
    }
    if (shown < total) {
      out.printf(
          Locale.ROOT,
          "  (%d of %d shown; --report FILE writes every finding kept)%n",
          shown,
          total);
    }
  }

  private static void printFinding(PrintWriter out, Finding f) {
    StringBuilder head =
        new StringBuilder("  ")
            .append(f.kind().name())
            .append(" at ")
            .append(seconds(f.atMicros()));
    if (!f.kind().isIntegrity() && f.durationMicros() > 0) {
      head.append(" for ").append(seconds(f.durationMicros()));
    }
    if (!f.components().isEmpty()) {
      head.append(" on ").append(list(f.components(), 4));
    }
    if (!f.keys().isEmpty()) {
      head.append(", key").append(f.keys().size() == 1 ? " " : "s ").append(list(f.keys(), 4));
    }
    if (!f.events().isEmpty()) {
      head.append(", event").append(f.events().size() == 1 ? " " : "s ");
      head.append(list(f.events(), 4));
    }
    out.println(head);
    if (f.explanation() != null && !f.explanation().isBlank()) {
      for (String line : ScenariosCommand.wrap(f.explanation(), WIDTH - 4)) {
        out.println("    " + line);
      }
    }
    if (f.fix() != null && !f.fix().isBlank()) {
      String indent = "    fix: ";
      for (String line : ScenariosCommand.wrap(f.fix(), WIDTH - indent.length())) {
        out.println(indent + line);
        indent = " ".repeat(indent.length());
      }
    }
  }

  /** The width findings' explanations and fixes are wrapped to. */
  private static final int WIDTH = 100;

  /** The first {@code max} items joined by commas, and how many more there are. */
  private static String list(List<String> items, int max) {
    if (items.size() <= max) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, max)) + " (+" + (items.size() - max) + " more)";
  }

  private void printSummary(PrintWriter out, SimulationResult r) {
    out.printf(
        Locale.ROOT,
        "%s: seed %d, simulated %s (%s producing + drain)%s%n",
        file,
        r.seed(),
        seconds(r.endMicros()),
        seconds(r.pipeline().duration().micros()),
        r.drained() ? "" : ", NOT drained: work was still in flight at the drain limit");
    ComponentStats stats = r.stats();
    List<Object[]> used = new ArrayList<>();
    for (Object[] col : COLUMNS) {
      for (Component c : r.pipeline().components()) {
        if (stats.count(index(r, c), (StepKind) col[1]) > 0) {
          used.add(col);
          break;
        }
      }
    }
    int width = "component".length();
    for (Component c : r.pipeline().components()) {
      width = Math.max(width, c.id().length());
    }
    StringBuilder header = new StringBuilder(pad("component", width)).append("  ");
    header.append(pad("kind", 17));
    for (Object[] col : used) {
      header.append(String.format(Locale.ROOT, "%11s", col[0]));
    }
    out.println(header.toString().stripTrailing());
    for (Component c : r.pipeline().components()) {
      StringBuilder row = new StringBuilder(pad(c.id(), width)).append("  ");
      row.append(pad(c.kind().typeName(), 17));
      for (Object[] col : used) {
        long n = stats.count(index(r, c), (StepKind) col[1]);
        row.append(String.format(Locale.ROOT, "%11s", n == 0 ? "-" : Long.toString(n)));
      }
      out.println(row.toString().stripTrailing());
    }
    out.printf(
        Locale.ROOT,
        "events %d, trace steps %d, kernel events %d%n",
        r.events(),
        r.trace().stepCount(),
        r.kernelEvents());
    out.println("trace hash " + r.traceHash());
  }

  private static int index(SimulationResult r, Component c) {
    return r.trace().components().indexOf(c.id());
  }

  private static String pad(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }

  private static String seconds(long micros) {
    return String.format(Locale.ROOT, "%.3fs", micros / 1e6);
  }
}
