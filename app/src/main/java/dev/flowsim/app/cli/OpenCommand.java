package dev.flowsim.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code flowsim open FILE}: the designer on a file ({@code flowsim} alone opens it empty). */
@Command(
    name = "open",
    mixinStandardHelpOptions = true,
    description = "Open the designer on a pipeline spec (plain 'flowsim' opens it empty).")
final class OpenCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The spec to open.")
  Path file;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      System.err.println("flowsim: " + file + ": no such file");
      return FlowsimCommand.INVALID;
    }
    return Designer.launch(file.toAbsolutePath());
  }
}
