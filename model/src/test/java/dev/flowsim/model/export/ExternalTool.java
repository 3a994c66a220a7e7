package dev.flowsim.model.export;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a validating tool (node, dot) for a test: skips the test when the tool is missing, unless
 * {@code FLOWSIM_REQUIRE_TOOLS=1} (set by CI), which makes a missing tool a failure.
 */
final class ExternalTool {
  private ExternalTool() {}

  /** The result of a run: exit code and the merged output. */
  record Run(int exit, String output) {}

  /** Skips (or, when tools are required, fails) unless {@code condition}. */
  static void require(boolean condition, String what) {
    if (!condition) {
      if (ExportExamples.TOOLS_REQUIRED) {
        fail(what + " is missing, and FLOWSIM_REQUIRE_TOOLS=1 requires it");
      }
      assumeTrue(false, what + " is missing: skipped (set FLOWSIM_REQUIRE_TOOLS=1 to require it)");
    }
  }

  /** True when {@code command} is found on the PATH. */
  static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  static Run run(List<String> command, String stdin, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    Process p = pb.start();
    if (stdin != null) {
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      p.getOutputStream().close();
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(command.get(0) + " did not finish in " + timeoutSeconds + " s");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
