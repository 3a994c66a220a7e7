package dev.flowsim.app.cli;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationException;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceListener;
import dev.flowsim.simulator.trace.TraceStep;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowsim bench [FILE]}: runs a spec (by default the reference pipeline of {@code
 * examples/bench}) several times with trace recording on and prints messages/s (messages applied at
 * the sinks per second of wall time), kernel events/s, trace steps/s and the peak heap, as the
 * median of the measured rounds after warm-up rounds. The checkers and metrics run as in {@code
 * flowsim run} unless {@code --no-checks} / {@code --no-metrics} turn them off, and the output says
 * which. The figures compare with the anchor engines of the reference model; they are measurements,
 * not assertions.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure simulation speed: messages/s, kernel events/s and trace steps/s (median of the"
          + " measured rounds), with the trace recorded and hashed (a bounded window is kept),"
          + " the anomaly checkers and the metrics on unless turned off."
    })
final class BenchCommand implements Callable<Integer> {

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "spec to run (default: examples/bench/pipeline.json)")
  Path file = Path.of("examples", "bench", "pipeline.json");

  @Option(names = "--warmup", description = "rounds run first and not measured (default 2)")
  int warmup = 2;

  @Option(names = "--rounds", description = "measured rounds (default 5)")
  int rounds = 5;

  @Option(
      names = "--trace-window",
      paramLabel = "STEPS",
      description = "trace steps kept for random access (default 1000000; 0 = stream only)")
  long traceWindow = 1_000_000L;

  @Option(
      names = "--no-checks",
      description = "run without the anomaly checkers (to measure what they cost)")
  boolean noChecks;

  @Option(
      names = "--no-metrics",
      description = "run without sampling metrics (to measure what they cost)")
  boolean noMetrics;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Pipeline pipeline;
    try {
      pipeline = SpecReader.read(file);
    } catch (SpecException e) {
      e.diagnostics().forEach(d -> err.println(d.format()));
      return FlowsimCommand.INVALID;
    }
    Simulation.Options options =
        Simulation.Options.of(pipeline)
            .withTraceLimit(traceWindow)
            .withChecks(!noChecks)
            .withMetrics(!noMetrics);
    out.printf(
        Locale.ROOT,
        "%s: checks %s, metrics %s, trace window %,d steps%n",
        file,
        noChecks ? "off" : "on",
        noMetrics ? "off" : "on",
        traceWindow);
    double[] msgs = new double[rounds];
    double[] events = new double[rounds];
    double[] steps = new double[rounds];
    String hash = null;
    long applied = 0;
    double meanLatencyMs = 0;
    for (int i = -warmup; i < rounds; i++) {
      resetPeaks();
      Latency latency = new Latency();
      long t0 = System.nanoTime();
      SimulationResult r;
      try {
        r = Simulation.run(pipeline, options.withListener(latency));
      } catch (SimulationException e) {
        e.diagnostics().forEach(d -> err.println(d.format()));
        return FlowsimCommand.INVALID;
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      applied = r.trace().count(StepKind.APPLY);
      if (hash != null && !hash.equals(r.traceHash())) {
        err.println("flowsim: the trace hash changed between rounds: determinism is broken");
        return FlowsimCommand.INTERNAL_ERROR;
      }
      hash = r.traceHash();
      meanLatencyMs = latency.meanMillis();
      out.printf(
          Locale.ROOT,
          "%s round %d: %.2f s, %,d messages, %,d kernel events, %,d trace steps, peak heap %d MB%n",
          i < 0 ? "warm-up" : "measured",
          i < 0 ? i + warmup + 1 : i + 1,
          seconds,
          applied,
          r.kernelEvents(),
          r.trace().stepCount(),
          peakHeapMb());
      if (i >= 0) {
        msgs[i] = applied / seconds;
        events[i] = r.kernelEvents() / seconds;
        steps[i] = r.trace().stepCount() / seconds;
      }
    }
    out.printf(
        Locale.ROOT,
        "%s: median of %d rounds (checks %s, metrics %s): %,.0f messages/s, %,.0f kernel"
            + " events/s, %,.0f trace steps/s (trace hash %s; mean end-to-end latency %.3f ms of"
            + " simulated time)%n",
        file,
        rounds,
        noChecks ? "off" : "on",
        noMetrics ? "off" : "on",
        median(msgs),
        median(events),
        median(steps),
        hash,
        meanLatencyMs);
    return FlowsimCommand.OK;
  }

  /** Mean time from PRODUCE to APPLY of each event, as the anchors report it. */
  private static final class Latency implements TraceListener {
    private long[] producedAt = new long[1 << 16];
    private double sum;
    private long count;

    @Override
    public void onStep(TraceStep step) {
      long e = step.eventId();
      if (e <= 0 || e > Integer.MAX_VALUE - 8) {
        return;
      }
      if (step.kind() == StepKind.PRODUCE) {
        if (e >= producedAt.length) {
          producedAt = Arrays.copyOf(producedAt, (int) Math.max(e + 1, producedAt.length * 2L));
        }
        producedAt[(int) e] = step.timeMicros();
      } else if (step.kind() == StepKind.APPLY && e < producedAt.length) {
        sum += step.timeMicros() - producedAt[(int) e];
        count++;
      }
    }

    double meanMillis() {
      return count == 0 ? 0 : sum / count / 1000.0;
    }
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length == 0 ? 0 : s[s.length / 2];
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }
}
