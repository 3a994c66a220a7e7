package dev.flowsim.model.json;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import java.util.List;

/**
 * A pipeline read from a source, with the positions of its values so that diagnostics found on the
 * model can be reported at a line and column of that source.
 *
 * @param source the file name as the user gave it
 */
public record LoadedSpec(String source, Pipeline pipeline, LocationIndex index) {

  /** The diagnostic located in this source (by its path, or its nearest located ancestor). */
  public Diagnostic locate(Diagnostic d) {
    int[] at = index.locate(d.path());
    return d.at(new Diagnostic.Location(source, at == null ? 0 : at[0], at == null ? 0 : at[1]));
  }

  public List<Diagnostic> locate(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(this::locate).toList();
  }
}
