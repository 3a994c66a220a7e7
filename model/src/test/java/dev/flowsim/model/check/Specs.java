package dev.flowsim.model.check;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import java.util.List;

/** Test fixtures: specs written as JSON text with single quotes for readability. */
final class Specs {
  private Specs() {}

  /** Parses a spec given with ' for " and the components, connections etc. as a JSON body. */
  static Pipeline spec(String body) {
    String json = "{\"flowsim\": 1, " + body.replace('\'', '"') + "}";
    try {
      return SpecReader.parse("test.json", json).pipeline();
    } catch (SpecException e) {
      throw new AssertionError("fixture does not parse: " + e.diagnostics(), e);
    }
  }

  static List<String> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::code).toList();
  }

  static String describe(List<Diagnostic> diagnostics) {
    StringBuilder b = new StringBuilder();
    diagnostics.forEach(d -> b.append(d.format()).append('\n'));
    return b.toString();
  }
}
