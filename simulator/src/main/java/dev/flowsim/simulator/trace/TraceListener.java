package dev.flowsim.simulator.trace;

/**
 * Receives trace steps as they are recorded, in order, so that checkers, metrics and the GUI can
 * consume a run without the trace being stored. The step is a reused flyweight: read its fields
 * during the call and do not keep it. A listener that throws stops the run.
 */
@FunctionalInterface
public interface TraceListener {

  /** Called once per recorded step, in recording order. */
  void onStep(TraceStep step);
}
