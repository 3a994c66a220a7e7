package dev.flowsim.app.cli;

import dev.flowsim.layouts.PipelineLayout;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.SpecCheck;
import dev.flowsim.model.export.AsyncApiImporter;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowsim import asyncapi FILE -o design.json}: reads an AsyncAPI 3.x document (YAML or
 * JSON) into a Flowsim design, lays out what has no position, checks it and saves it. Documents
 * exported by Flowsim come back exactly; others are completed so they can run (warnings say how).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import an AsyncAPI 3.x document (YAML or JSON) as a Flowsim design: channels become topics"
          + " (Kafka) or queues (AMQP), send operations producers, receive operations consumers;"
          + " the x-flowsim extensions of a Flowsim export restore the exact design. The design is"
          + " laid out automatically, checked, and saved."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:imported (warnings, if any, are printed)",
      "1:internal error",
      "2:bad usage, a document that cannot be imported (located errors are printed), or a design"
          + " with errors"
    })
final class ImportCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "FORMAT",
      description = "the format of FILE: asyncapi",
      completionCandidates = ImportCommand.Formats.class)
  String format;

  @Parameters(index = "1", paramLabel = "FILE", description = "the document to import")
  Path file;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT.json",
      description = "the design file to write (a Flowsim spec; written atomically)")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("asyncapi").iterator();
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.toLowerCase(Locale.ROOT).equals("asyncapi")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "FORMAT: unknown format '" + format + "'; expected asyncapi");
    }
    if (Files.isDirectory(this.out)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "-o: " + this.out + " is a directory; name the file, e.g. design.json");
    }
    try {
      if (Files.exists(this.out) && Files.exists(file) && Files.isSameFile(file, this.out)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "-o: " + this.out + " is the document being imported");
      }
    } catch (IOException e) {
      // not the same file as far as we can tell
    }
    AsyncApiImporter.Imported imported;
    try {
      imported = AsyncApiImporter.load(file);
    } catch (SpecException e) {
      e.diagnostics().forEach(d -> err.println(d.format()));
      err.println(file + ": not imported");
      err.flush();
      return FlowsimCommand.INVALID;
    }
    imported.warnings().forEach(d -> err.println(d.format()));
    Pipeline design = PipelineLayout.standard().complete(imported.pipeline());
    List<Diagnostic> errors =
        imported.locate(SpecCheck.check(design)).stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      errors.forEach(d -> err.println(d.format()));
      err.println(
          file
              + ": not imported: the design has "
              + errors.size()
              + (errors.size() == 1 ? " error" : " errors"));
      err.flush();
      return FlowsimCommand.INVALID;
    }
    try {
      SpecWriter.save(design, this.out);
    } catch (IOException e) {
      err.println("flowsim: cannot write " + this.out + ": " + ExportCommand.describe(e));
      err.flush();
      return FlowsimCommand.INVALID;
    }
    err.flush();
    out.println(
        "imported "
            + file
            + " to "
            + this.out
            + ": "
            + design.components().size()
            + " components, "
            + design.connections().size()
            + " connections");
    out.flush();
    return FlowsimCommand.OK;
  }
}
