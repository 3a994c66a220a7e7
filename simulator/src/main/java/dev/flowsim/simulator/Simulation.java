package dev.flowsim.simulator;

import dev.flowsim.model.Component;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Validator;
import dev.flowsim.simulator.check.CheckContext;
import dev.flowsim.simulator.check.Checks;
import dev.flowsim.simulator.check.Findings;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.metrics.Metrics;
import dev.flowsim.simulator.metrics.MetricsRecorder;
import dev.flowsim.simulator.node.Nodes;
import dev.flowsim.simulator.trace.Trace;
import dev.flowsim.simulator.trace.TraceListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The headless simulation API: a pipeline, a seed and a duration in, a {@link SimulationResult}
 * out. Producers create work until the duration; then the run drains (in-flight messages are
 * delivered and queued work finishes, for at most {@link Options#drainLimitMicros()}) so that final
 * states can be judged. Same pipeline + seed + options = same trace, bit for bit.
 */
public final class Simulation {
  private Simulation() {}

  /**
   * How to run.
   *
   * @param seed the random seed (the spec's own seed when running from the CLI without --seed)
   * @param durationMicros how long producers create work
   * @param drainLimitMicros the longest the drain phase may last after the duration
   * @param traceLimit how many trace steps to keep for random access ({@link Trace#UNBOUNDED}, or
   *     the last N; the hash and counts always cover every step)
   * @param listeners trace listeners (metrics, the GUI), called on every step
   * @param checks run the anomaly checkers (their findings are in the result)
   * @param metrics sample the run's metrics (in the result; {@link Metrics#empty()} when off)
   * @param metricsIntervalMicros the virtual time between two metric samples
   */
  public record Options(
      long seed,
      long durationMicros,
      long drainLimitMicros,
      long traceLimit,
      List<TraceListener> listeners,
      boolean checks,
      boolean metrics,
      long metricsIntervalMicros) {
    public Options {
      listeners = List.copyOf(listeners);
      if (metricsIntervalMicros <= 0) {
        throw new IllegalArgumentException(
            "the metrics interval must be above 0: " + metricsIntervalMicros);
      }
    }

    /**
     * The spec's seed and duration, a 60 s drain limit, a trace window that fits the heap ({@link
     * #defaultTraceLimit()}: a short run keeps every step, a long one the latest steps), checks on,
     * and metrics sampled every second.
     */
    public static Options of(Pipeline pipeline) {
      return new Options(
          pipeline.seed(),
          pipeline.duration().micros(),
          60_000_000L,
          defaultTraceLimit(),
          List.of(),
          true,
          true,
          MetricsRecorder.DEFAULT_INTERVAL_MICROS);
    }

    /**
     * How many steps a trace keeps by default: as many as fit in a third of the maximum heap (a
     * stored step takes {@value #BYTES_PER_STEP} bytes), so no run fails for lack of memory; the
     * hash, counts and listeners always cover every step.
     */
    public static long defaultTraceLimit() {
      return Math.max(100_000L, Runtime.getRuntime().maxMemory() / 3 / BYTES_PER_STEP);
    }

    /** The size of one stored trace step: nine 8- or 4-byte columns and a kind byte. */
    static final int BYTES_PER_STEP = 57;

    public Options withSeed(long seed) {
      return new Options(
          seed,
          durationMicros,
          drainLimitMicros,
          traceLimit,
          listeners,
          checks,
          metrics,
          metricsIntervalMicros);
    }

    public Options withDuration(long micros) {
      return new Options(
          seed,
          micros,
          drainLimitMicros,
          traceLimit,
          listeners,
          checks,
          metrics,
          metricsIntervalMicros);
    }

    public Options withTraceLimit(long steps) {
      return new Options(
          seed,
          durationMicros,
          drainLimitMicros,
          steps,
          listeners,
          checks,
          metrics,
          metricsIntervalMicros);
    }

    public Options withListener(TraceListener listener) {
      List<TraceListener> all = new ArrayList<>(listeners);
      all.add(listener);
      return new Options(
          seed,
          durationMicros,
          drainLimitMicros,
          traceLimit,
          all,
          checks,
          metrics,
          metricsIntervalMicros);
    }

    /** With or without the anomaly checkers (on by default). */
    public Options withChecks(boolean on) {
      return new Options(
          seed,
          durationMicros,
          drainLimitMicros,
          traceLimit,
          listeners,
          on,
          metrics,
          metricsIntervalMicros);
    }

    /** With or without metrics (on by default). */
    public Options withMetrics(boolean on) {
      return new Options(
          seed,
          durationMicros,
          drainLimitMicros,
          traceLimit,
          listeners,
          checks,
          on,
          metricsIntervalMicros);
    }

    /** With metrics sampled every {@code micros} of virtual time (1 s by default). */
    public Options withMetricsInterval(long micros) {
      return new Options(
          seed, durationMicros, drainLimitMicros, traceLimit, listeners, checks, metrics, micros);
    }
  }

  /** Runs a pipeline with its own seed and duration. */
  public static SimulationResult run(Pipeline pipeline) throws SimulationException {
    return run(pipeline, Options.of(pipeline));
  }

  /**
   * Runs a pipeline.
   *
   * @throws SimulationException when the pipeline is invalid or cannot be simulated (the
   *     diagnostics say why)
   */
  public static SimulationResult run(Pipeline pipeline, Options options)
      throws SimulationException {
    List<Diagnostic> errors = Validator.validate(pipeline);
    if (!errors.isEmpty()) {
      throw new SimulationException(errors);
    }
    if (options.durationMicros() <= 0) {
      throw new SimulationException(
          List.of(Diagnostic.error("bad-parameter", "duration", "the run length must be above 0")));
    }
    try {
      return runUnvalidated(pipeline, options, Nodes::create);
    } catch (Nodes.Unsupported e) {
      int i = pipeline.indexOf(e.componentId());
      throw new SimulationException(
          List.of(
              Diagnostic.error(
                  "cannot-simulate", "components[" + i + "]", e.getMessage(), e.componentId())));
    }
  }

  /**
   * Runs a pipeline without validating it, with the given node factory: for tests and tools that
   * exercise mechanics (e.g. a scripted node in place of a component). Same phases as {@link
   * #run(Pipeline, Options)}: produce for the duration, then drain.
   */
  public static SimulationResult runUnvalidated(
      Pipeline pipeline, Options options, BiFunction<World, Component, Node> factory) {
    Trace trace =
        options.traceLimit() == Trace.UNBOUNDED
            ? Trace.unbounded()
            : options.traceLimit() == 0
                ? Trace.streamingOnly()
                : Trace.keepingLast(options.traceLimit());
    for (TraceListener l : options.listeners()) {
      trace.addListener(l);
    }
    World world = new World(pipeline, options.seed(), trace, factory);
    Findings findings = new Findings();
    Checks checks =
        options.checks()
            ? Checks.standard(new CheckContext(pipeline, trace, world.events(), findings))
            : null;
    if (checks != null) {
      trace.addListener(checks);
    }
    MetricsRecorder metrics =
        options.metrics()
            ? new MetricsRecorder(pipeline, trace, world.events(), options.metricsIntervalMicros())
            : null;
    if (metrics != null) {
      trace.addListener(metrics);
    }
    world.start();
    world.kernel().runUntil(options.durationMicros());
    world.stopProducing();
    long limit = options.durationMicros() + options.drainLimitMicros();
    long slice = 100_000L;
    while (world.now() < limit) {
      // once everything is idle, the end of input flushes what nodes held back (open windows)
      if (world.quiescent() && !world.endOfInput()) {
        break;
      }
      world.kernel().runUntil(Math.min(limit, world.now() + slice));
    }
    boolean drained = world.quiescent();
    if (checks != null) {
      checks.finish(world.now());
    }
    return new SimulationResult(
        pipeline,
        options.seed(),
        world.now(),
        trace,
        world.events().count(),
        world.kernel().executedCount(),
        new ComponentStats(trace),
        drained,
        findings,
        metrics != null ? metrics.finish(world.now()) : Metrics.empty());
  }
}
