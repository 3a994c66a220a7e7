package dev.flowsim.simulator;

import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.Trace;

/**
 * What each component did in a run, as counts of trace steps per component and kind: how many
 * events it produced, sent, received, dropped, appended, consumed, applied... The run summary and
 * the GUI badges read these. The trace keeps the counts exact even when it keeps only a window of
 * its steps.
 */
public final class ComponentStats {
  private final Trace trace;

  ComponentStats(Trace trace) {
    this.trace = trace;
  }

  /** How many steps of {@code kind} component number {@code component} recorded. */
  public long count(int component, StepKind kind) {
    return trace.count(component, kind);
  }

  /** How many steps of {@code kind} the component with this id recorded (0 if unknown). */
  public long count(String componentId, StepKind kind) {
    int i = trace.components().indexOf(componentId);
    return i < 0 ? 0 : trace.count(i, kind);
  }
}
