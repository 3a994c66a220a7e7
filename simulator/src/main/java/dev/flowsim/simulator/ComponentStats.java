package dev.flowsim.simulator;

import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceListener;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.Arrays;

/**
 * Counts trace steps per component and kind as they stream by: how many events each component
 * produced, sent, received, dropped, appended, consumed, applied... The run summary and the GUI
 * badges read these.
 */
public final class ComponentStats implements TraceListener {
  private static final int KINDS = StepKind.values().length;
  private long[] counts = new long[16 * KINDS];

  @Override
  public void onStep(TraceStep step) {
    int at = step.component() * KINDS + step.kind().ordinal();
    if (at >= counts.length) {
      counts = Arrays.copyOf(counts, Math.max(counts.length * 2, at + KINDS));
    }
    counts[at]++;
  }

  /** How many steps of {@code kind} component number {@code component} recorded. */
  public long count(int component, StepKind kind) {
    int at = component * KINDS + kind.ordinal();
    return at < counts.length ? counts[at] : 0;
  }
}
