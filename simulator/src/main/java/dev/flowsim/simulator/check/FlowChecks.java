package dev.flowsim.simulator.check;

import java.util.List;

/**
 * The checkers of how events flow: OUT_OF_ORDER, DUPLICATE_EFFECT, MESSAGE_LOSS,
 * CAUSALITY_VIOLATION and CONSISTENT_PREFIX_VIOLATION.
 */
final class FlowChecks {
  private FlowChecks() {}

  static List<Checker> create(CheckContext ctx) {
    return List.of();
  }
}
