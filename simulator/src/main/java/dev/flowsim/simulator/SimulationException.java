package dev.flowsim.simulator;

import dev.flowsim.model.check.Diagnostic;
import java.util.List;

/** A pipeline could not be simulated; the diagnostics say where and why. */
public final class SimulationException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public SimulationException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "cannot simulate" : diagnostics.get(0).headline());
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
