package dev.flowsim.model.check;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.LoadedSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validation then lint: errors first; lint only when there are none (lint reasons about a sound
 * graph). This is what {@code flowsim check} and the designer's diagnostics panel show.
 */
public final class SpecCheck {
  private SpecCheck() {}

  /** Errors, or when there are none, the lint warnings. */
  public static List<Diagnostic> check(Pipeline pipeline) {
    List<Diagnostic> errors = Validator.validate(pipeline);
    if (!errors.isEmpty()) {
      return errors;
    }
    return Linter.lint(pipeline);
  }

  /** As {@link #check(Pipeline)}, located in the spec's source file, in file order. */
  public static List<Diagnostic> check(LoadedSpec spec) {
    List<Diagnostic> located = new ArrayList<>(spec.locate(check(spec.pipeline())));
    located.sort(
        Comparator.comparingInt((Diagnostic d) -> d.location() == null ? 0 : d.location().line())
            .thenComparingInt(d -> d.location() == null ? 0 : d.location().column()));
    return located;
  }
}
