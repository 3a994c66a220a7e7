package dev.flowsim.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the model's bad-input corpus makes `flowsim check` exit 2 with a located error. */
class BadInputExitCodeTest {

  private static final Pattern LOCATED =
      Pattern.compile("(?m)^.+\\.(json|png):\\d+:\\d+: error: .+$");

  static List<Path> corpus() throws IOException {
    try (Stream<Path> files =
        Files.list(Path.of("..", "model", "src", "test", "resources", "bad"))) {
      List<Path> all = files.sorted().toList();
      assertTrue(all.size() > 30, "the corpus is at ../model/src/test/resources/bad");
      return all;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void checkExitsTwoWithALocatedError(Path file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        FlowsimCommand.run(
            new String[] {"check", file.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, printed);
    assertTrue(LOCATED.matcher(printed).find(), printed);
  }
}
