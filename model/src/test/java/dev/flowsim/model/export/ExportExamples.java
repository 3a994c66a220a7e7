package dev.flowsim.model.export;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The bundled examples (at the repo root; Maven runs a module's tests in the module folder). */
final class ExportExamples {
  static final Path REPO = Path.of("..");
  static final Path EXAMPLES = REPO.resolve("examples");

  /** Set (to 1) in CI: tests that need an external tool fail instead of skipping without it. */
  static final boolean TOOLS_REQUIRED = "1".equals(System.getenv("FLOWSIM_REQUIRE_TOOLS"));

  private ExportExamples() {}

  static List<Path> files() {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      List<Path> files =
          s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
      if (files.size() < 2) {
        throw new IllegalStateException("no examples found in " + EXAMPLES.toAbsolutePath());
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Pipeline read(Path file) {
    try {
      return SpecReader.read(file);
    } catch (SpecException e) {
      throw new IllegalStateException(file + ": " + e.diagnostics(), e);
    }
  }

  static String name(Path file) {
    return file.getFileName().toString().replace(".json", "");
  }
}
