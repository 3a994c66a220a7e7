package dev.flowsim.simulator;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.check.Findings;
import dev.flowsim.simulator.metrics.Metrics;
import dev.flowsim.simulator.trace.Trace;

/**
 * What a run produced: the trace (its hash proves determinism), counts per component and step kind,
 * how many events producers created, how many kernel events ran, the simulated time at the end of
 * the drain, and whether the system drained completely.
 *
 * @param endMicros virtual time when the run stopped (duration + drain)
 * @param events ground-truth events created by producers
 * @param kernelEvents kernel events executed
 * @param drained true when no message was in flight and no component held work at the end
 * @param findings the anomalies the checkers found (empty when checks were off)
 * @param metrics the time series sampled during the run ({@link Metrics#empty()} when off)
 */
public record SimulationResult(
    Pipeline pipeline,
    long seed,
    long endMicros,
    Trace trace,
    long events,
    long kernelEvents,
    ComponentStats stats,
    boolean drained,
    Findings findings,
    Metrics metrics) {

  public String traceHash() {
    return trace.hashHex();
  }
}
