package dev.flowsim.simulator.check;

import dev.flowsim.simulator.trace.TraceListener;
import dev.flowsim.simulator.trace.TraceStep;

/**
 * A detector of one anomaly kind. It consumes the trace as it streams ({@link #onStep}), keeping
 * state proportional to keys and in-flight events, not to the length of the run (per-event state
 * lives in a window of recent events that moves on, see {@link FlowChecks.History}; lists of steps
 * are not kept), and judges final states in {@link #finish()} once the run has drained. It reports
 * through {@link CheckContext#report}.
 */
public abstract class Checker implements TraceListener {
  protected final CheckContext ctx;

  protected Checker(CheckContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void onStep(TraceStep step) {}

  /** The run has drained: judge final states (divergence, loss). */
  public void finish(long endMicros) {}
}
