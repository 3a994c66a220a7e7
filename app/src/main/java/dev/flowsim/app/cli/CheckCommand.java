package dev.flowsim.app.cli;

import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Lineage;
import dev.flowsim.model.check.SpecCheck;
import dev.flowsim.model.json.LoadedSpec;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowsim check FILE...}: reads each spec, validates it and lints it, and prints located
 * diagnostics as compilers do, then a summary. Exits 2 when any file has an error.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Validate and lint pipeline specs. Errors (the spec cannot be used) and warnings (design"
          + " risks, named by the concept they embody, with why and fix) are printed as"
          + " FILE:LINE:COLUMN: severity: PATH: message."
    })
final class CheckCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "spec files (JSON)")
  List<Path> files;

  @Option(
      names = "--lineage",
      description = "also print, for each store, the sources it derives from and the path")
  boolean lineage;

  @Option(
      names = {"-q", "--quiet"},
      description = "print errors only (no warnings, no summary)")
  boolean quiet;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    int errors = 0;
    int warnings = 0;
    int badFiles = 0;
    for (Path file : files) {
      List<Diagnostic> diagnostics;
      LoadedSpec loaded = null;
      try {
        loaded = SpecReader.load(file);
        diagnostics = SpecCheck.check(loaded);
      } catch (SpecException e) {
        diagnostics = e.diagnostics();
      }
      int fileErrors = 0;
      int fileWarnings = 0;
      for (Diagnostic d : diagnostics) {
        if (d.isError()) {
          fileErrors++;
        } else {
          fileWarnings++;
        }
        if (d.isError() || !quiet) {
          out.println(d.format());
        }
      }
      if (!quiet) {
        out.println(file + ": " + summary(fileErrors, fileWarnings));
        if (lineage && loaded != null && fileErrors == 0) {
          for (Lineage.Entry e : Lineage.of(loaded.pipeline())) {
            out.println("  lineage: " + e);
          }
        }
      }
      errors += fileErrors;
      warnings += fileWarnings;
      badFiles += fileErrors > 0 ? 1 : 0;
    }
    if (!quiet && files.size() > 1) {
      out.println(
          "checked "
              + files.size()
              + " files: "
              + summary(errors, warnings)
              + (badFiles > 0 ? " (" + badFiles + " invalid)" : ""));
    }
    out.flush();
    return errors > 0 ? FlowsimCommand.INVALID : FlowsimCommand.OK;
  }

  private static String summary(int errors, int warnings) {
    if (errors == 0 && warnings == 0) {
      return "ok";
    }
    return (errors == 0 ? "ok, " : plural(errors, "error") + ", ") + plural(warnings, "warning");
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
