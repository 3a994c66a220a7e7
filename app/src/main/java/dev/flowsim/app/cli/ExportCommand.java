package dev.flowsim.app.cli;

import dev.flowsim.app.export.DesignExport;
import dev.flowsim.app.export.DesignImage;
import dev.flowsim.app.export.ExportFormat;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.SpecCheck;
import dev.flowsim.model.json.LoadedSpec;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowsim export FILE --format asyncapi|dot|mermaid|png|svg -o OUT [--scale N]}: writes a
 * valid spec as an AsyncAPI 3.0 document (YAML, or JSON when OUT ends in .json), Graphviz DOT,
 * Mermaid flowchart text, or an SVG or PNG image of the laid-out design. The format defaults from
 * OUT's extension. A spec with errors is not exported: its located errors are printed, exit 2.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export a pipeline spec as AsyncAPI 3.0 (YAML or JSON), Graphviz DOT, a Mermaid flowchart,"
          + " or an SVG or PNG image of the design. The format defaults from OUT's extension"
          + " (.yaml/.yml AsyncAPI YAML, .json AsyncAPI JSON, .dot/.gv, .mmd, .svg, .png)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:exported",
      "1:internal error",
      "2:bad usage, an invalid spec (its errors are printed), or OUT cannot be written"
    })
final class ExportCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "the spec file (JSON)")
  Path file;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      description =
          "asyncapi, dot, mermaid, svg or png (default: from OUT's extension). Formats:"
              + " ${COMPLETION-CANDIDATES}",
      completionCandidates = ExportCommand.Formats.class)
  String format;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT",
      description = "the file to write (written atomically; missing directories are created)")
  Path out;

  @Option(
      names = "--scale",
      paramLabel = "N",
      defaultValue = "1",
      description = "pixels per canvas unit of a PNG, e.g. 2 for high-density screens (default 1)")
  double scale;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The format names of {@code --format}. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(ExportFormat.values()).map(ExportFormat::cliName).distinct().iterator();
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ExportFormat f = resolveFormat(spec.commandLine(), format, this.out);
    if (!(scale > 0 && scale <= DesignImage.MAX_SCALE)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--scale: expected a number above 0 and at most "
              + (int) DesignImage.MAX_SCALE
              + ", got "
              + scale);
    }
    if (Files.isDirectory(this.out)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "-o: " + this.out + " is a directory; name the file, e.g. design." + f.extension());
    }
    try {
      if (Files.exists(this.out) && Files.exists(file) && Files.isSameFile(file, this.out)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "-o: " + this.out + " is the spec being exported; name another file");
      }
    } catch (IOException e) {
      // not the same file as far as can be told
    }
    LoadedSpec loaded;
    try {
      loaded = SpecReader.load(file);
    } catch (SpecException e) {
      e.diagnostics().forEach(d -> err.println(d.format()));
      err.println(file + ": not exported: the spec cannot be read");
      err.flush();
      return FlowsimCommand.INVALID;
    }
    List<Diagnostic> errors =
        loaded.locate(SpecCheck.check(loaded.pipeline())).stream()
            .filter(Diagnostic::isError)
            .toList();
    if (!errors.isEmpty()) {
      errors.forEach(d -> err.println(d.format()));
      err.println(
          file
              + ": not exported: "
              + errors.size()
              + (errors.size() == 1 ? " error" : " errors")
              + " (flowsim check "
              + file
              + " lists them with the warnings)");
      err.flush();
      return FlowsimCommand.INVALID;
    }
    try {
      DesignExport.export(loaded.pipeline(), f, this.out, scale);
    } catch (IOException e) {
      err.println("flowsim: cannot write " + this.out + ": " + describe(e));
      err.flush();
      return FlowsimCommand.INVALID;
    }
    out.println("exported " + file + " to " + this.out + " (" + f.description() + ")");
    out.flush();
    return FlowsimCommand.OK;
  }

  /** The format asked for, or the one OUT's extension names. */
  static ExportFormat resolveFormat(CommandLine cli, String format, Path out) {
    if (format != null) {
      return ExportFormat.fromCliName(format, out)
          .orElseThrow(
              () ->
                  new CommandLine.ParameterException(
                      cli,
                      "--format: unknown format '"
                          + format
                          + "'; expected one of "
                          + String.join(", ", new Formats())));
    }
    return ExportFormat.fromFileName(out)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    cli,
                    "cannot tell the format from the name "
                        + out.getFileName()
                        + ": give --format (one of "
                        + String.join(", ", new Formats())
                        + ") or name OUT .yaml, .json, .dot, .mmd, .svg or .png"));
  }

  static String describe(IOException e) {
    String m = e.getMessage();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return m == null ? e.toString() : m;
  }
}
