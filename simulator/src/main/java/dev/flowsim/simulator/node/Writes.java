package dev.flowsim.simulator.node;

import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.TraceStep;

/** What an event does to a stored value: set and claim overwrite; increment and transfer add. */
final class Writes {
  private Writes() {}

  static long apply(byte op, long old, long value) {
    if (op == Events.INCREMENT || op == Events.TRANSFER) {
      return (old == TraceStep.NO_VALUE ? 0 : old) + value;
    }
    return value;
  }
}
