package dev.flowsim.app.cli;

import dev.flowsim.model.Component;
import dev.flowsim.model.Duration;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.json.LoadedSpec;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.ComponentStats;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationException;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowsim run FILE [--seed N] [--until DURATION]}: simulates a spec and prints what each
 * component did (produced, delivered, applied, dropped...) and the trace hash, which is identical
 * for every run of the same spec and seed.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Simulate a pipeline spec deterministically and print a per-component summary and the"
          + " trace hash (same spec + seed = same hash)."
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedSpec loaded;
    try {
      loaded = SpecReader.load(file);
    } catch (SpecException e) {
      e.diagnostics().forEach(d -> err.println(d.format()));
      return FlowsimCommand.INVALID;
    }
    Simulation.Options options = Simulation.Options.of(loaded.pipeline());
    if (seed != null) {
      options = options.withSeed(seed);
    }
    if (until != null) {
      try {
        Duration d = Duration.parse(until);
        if (!d.isPositive()) {
          throw new IllegalArgumentException("expected a duration above 0, got " + until);
        }
        options = options.withDuration(d.micros());
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--until: " + e.getMessage());
      }
    }
    SimulationResult result;
    try {
      result = Simulation.run(loaded.pipeline(), options);
    } catch (SimulationException e) {
      for (Diagnostic d : loaded.locate(e.diagnostics())) {
        err.println(d.format());
      }
      err.println(file + ": cannot be simulated");
      return FlowsimCommand.INVALID;
    }
    printSummary(out, result);
    out.flush();
    return FlowsimCommand.OK;
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
