package dev.flowsim.model.json;

import dev.flowsim.model.check.Diagnostic;
import java.util.List;

/**
 * A spec could not be read: the file is missing, not JSON, or does not match the format. Carries
 * located diagnostics; nothing partial is ever returned alongside it.
 */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  public SpecException(List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "invalid spec" : diagnostics.get(0).headline());
    this.diagnostics = List.copyOf(diagnostics);
  }

  public SpecException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
