package dev.flowsim.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpeningAFileTest {

  @TempDir Path dir;

  @Test
  void aSoleExistingSpecFileMeansOpen() throws Exception {
    Path spec = Files.writeString(dir.resolve("design.json"), "{}");
    assertArrayEquals(
        new String[] {"open", spec.toString()},
        FlowsimCommand.openingAFile(new String[] {spec.toString()}));
  }

  @Test
  void commandsMissingFilesAndOtherArgumentsAreLeftAlone() throws Exception {
    Path spec = Files.writeString(dir.resolve("design.json"), "{}");
    Path text = Files.writeString(dir.resolve("notes.txt"), "x");
    String[][] kept = {
      {"scenarios"},
      {"--version"},
      {dir.resolve("missing.json").toString()},
      {text.toString()},
      {"check", spec.toString()},
    };
    for (String[] args : kept) {
      assertArrayEquals(args, FlowsimCommand.openingAFile(args));
    }
  }
}
