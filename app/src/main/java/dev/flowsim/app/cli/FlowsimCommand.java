package dev.flowsim.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flowsim} command line. Exit codes are a contract users script against: 0 ok, 2 bad
 * usage or an invalid spec (the message says where and why), 3 anomalies of a kind named by {@code
 * run --fail-on} were found, 1 an internal error (with the path of a log holding the details).
 */
@Command(
    name = "flowsim",
    mixinStandardHelpOptions = true,
    versionProvider = FlowsimCommand.Version.class,
    description = {
      "Design data pipelines and watch what goes wrong: ordering anomalies, replication lag,"
          + " late events, dual-write divergence, duplicates, loss and lost writes.",
      ""
    },
    subcommands = {
      OpenCommand.class,
      CheckCommand.class,
      RunCommand.class,
      ScenariosCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      BenchCommand.class,
      DesignerBenchCommand.class,
      PlaybackBenchCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok (warnings only)",
      "1:internal error (details in the log file named)",
      "2:bad usage or an invalid spec",
      "3:run --fail-on: anomalies of a listed kind were found"
    })
public final class FlowsimCommand implements java.util.concurrent.Callable<Integer> {

  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int INVALID = 2;
  public static final int ANOMALIES_FOUND = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** No command: open the designer. */
  @Override
  public Integer call() {
    return Designer.launch(null);
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    args = openingAFile(args);
    CommandLine cli = new CommandLine(new FlowsimCommand());
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("flowsim: internal error: " + e + logged(e));
          return INTERNAL_ERROR;
        });
    cli.setParameterExceptionHandler(
        (e, args2) -> {
          CommandLine c = e.getCommandLine();
          c.getErr().println("flowsim: " + e.getMessage());
          c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
          return INVALID;
        });
    return cli.execute(args);
  }

  /**
   * A desktop opening a spec file with Flowsim (file association, drag onto the launcher) passes
   * just its path: that means {@code open FILE}.
   */
  static String[] openingAFile(String[] args) {
    if (args.length == 1 && !args[0].startsWith("-")) {
      String name = args[0].toLowerCase(java.util.Locale.ROOT);
      if ((name.endsWith(".json") || name.endsWith(".flowsim"))
          && Files.isRegularFile(Path.of(args[0]))) {
        return new String[] {"open", args[0]};
      }
    }
    return args;
  }

  /** Writes the stack trace to a log file and names it, so a bug report can include it. */
  private static String logged(Throwable e) {
    try {
      Path log = Files.createTempFile("flowsim-error-", ".log");
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      Files.writeString(log, trace.toString());
      return "; details in " + log;
    } catch (IOException io) {
      return "";
    }
  }

  /** The version, from the properties Maven writes into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"flowsim " + version()};
    }
  }

  public static String version() {
    Properties p = new Properties();
    try (InputStream in =
        FlowsimCommand.class.getResourceAsStream("/dev/flowsim/app/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }
}
