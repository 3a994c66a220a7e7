package dev.flowsim.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowsim.app.scenarios.ExampleLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowsim scenarios [--extract NAME [DIR]] [--force]}: lists the teaching scenarios bundled
 * in the app (the pairs {@code NN-slug.broken.json} / {@code NN-slug.fixed.json} of {@code
 * examples/}) with their name and the first sentence of their description, or copies one pair into
 * a directory so that a student can edit and run it.
 *
 * <p>The files travel in the app jar as resources under {@value #RESOURCES} (app/pom.xml copies
 * {@code examples/*.json} there), listed by the index {@value #INDEX}: a jar cannot be listed
 * portably, so the index names the pairs, and {@code ScenariosCommandTest} fails when it and the
 * pairs in {@code examples/} differ.
 */
@Command(
    name = "scenarios",
    mixinStandardHelpOptions = true,
    description = {
      "List the bundled teaching scenarios (each a broken and a fixed spec), or copy one pair into"
          + " a directory to edit and run it: flowsim scenarios --extract dual-write my-work"
    })
final class ScenariosCommand implements Callable<Integer> {

  /** Where the scenario files are on the class path. */
  static final String RESOURCES = "/dev/flowsim/app/scenarios/";

  /** The index of the pairs: one {@code NN-slug} per line; {@code #} starts a comment. */
  static final String INDEX = RESOURCES + "index.txt";

  static final String BROKEN = ".broken.json";
  static final String FIXED = ".fixed.json";

  @Option(
      names = "--extract",
      paramLabel = "NAME",
      description =
          "copy the pair NAME (its number like 01, its slug like dual-write, or both:"
              + " 01-dual-write) into DIR")
  String extract;

  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "where --extract writes the two files (created if needed; default: .)")
  Path dir;

  @Option(names = "--force", description = "let --extract overwrite existing files")
  boolean force;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One bundled pair. */
  record Scenario(String stem) {
    String number() {
      int dash = stem.indexOf('-');
      return dash < 0 ? stem : stem.substring(0, dash);
    }

    String slug() {
      int dash = stem.indexOf('-');
      return dash < 0 ? stem : stem.substring(dash + 1);
    }

    String brokenFile() {
      return stem + BROKEN;
    }

    String fixedFile() {
      return stem + FIXED;
    }

    /** Whether {@code name} names this pair: {@code 01}, {@code 1}, {@code dual-write}... */
    boolean matches(String name) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      for (String suffix : new String[] {BROKEN, FIXED, ".json"}) {
        if (n.endsWith(suffix)) {
          n = n.substring(0, n.length() - suffix.length());
        }
      }
      if (n.equals(stem) || n.equals(slug()) || n.equals(number())) {
        return true;
      }
      return n.matches("\\d+") && Integer.parseInt(n) == Integer.parseInt(number());
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Scenario> all = index();
    if (extract == null) {
      if (dir != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "a directory is given only with --extract NAME DIR");
      }
      list(out, all);
      out.flush();
      return FlowsimCommand.OK;
    }
    Scenario chosen = null;
    for (Scenario s : all) {
      if (s.matches(extract)) {
        chosen = s;
        break;
      }
    }
    if (chosen == null) {
      List<String> names = new ArrayList<>();
      for (Scenario s : all) {
        names.add(s.stem());
      }
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--extract: no scenario is named '"
              + extract
              + "'; the scenarios are "
              + String.join(", ", names)
              + " (a number or a slug alone is enough)");
    }
    Path target = dir == null ? Path.of(".") : dir;
    if (Files.exists(target) && !Files.isDirectory(target)) {
      err.println("flowsim: " + target + " is a file, not a directory");
      return FlowsimCommand.INVALID;
    }
    List<Path> files =
        List.of(target.resolve(chosen.brokenFile()), target.resolve(chosen.fixedFile()));
    if (!force) {
      List<String> existing = new ArrayList<>();
      for (Path f : files) {
        if (Files.exists(f)) {
          existing.add(f.toString());
        }
      }
      if (!existing.isEmpty()) {
        err.println(
            "flowsim: "
                + String.join(" and ", existing)
                + (existing.size() == 1 ? " exists" : " exist")
                + ": nothing was copied (--force overwrites)");
        return FlowsimCommand.INVALID;
      }
    }
    try {
      Files.createDirectories(target);
    } catch (FileAlreadyExistsException e) {
      err.println("flowsim: " + target + " is a file, not a directory");
      return FlowsimCommand.INVALID;
    }
    for (Path f : files) {
      String text;
      try (InputStream in = resource(f.getFileName().toString())) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      // the copies point at a schema beside them, so editors keep completing and checking
      Files.writeString(f, text.replace(REPO_SCHEMA, SCHEMA_FILE));
      out.println("wrote " + f);
    }
    Path schema = target.resolve(SCHEMA_FILE);
    if (!Files.exists(schema)) {
      try (InputStream in = ScenariosCommand.class.getResourceAsStream(SCHEMA_RESOURCE)) {
        if (in != null) {
          Files.copy(in, schema);
          out.println("wrote " + schema + " (the JSON Schema, for editors)");
        }
      }
    }
    out.println("run it with: flowsim run " + files.get(0));
    out.flush();
    return FlowsimCommand.OK;
  }

  /** Where the bundled specs point their {@code $schema}, and what the copies point at. */
  private static final String REPO_SCHEMA = "../schema/flowsim-1.schema.json";

  private static final String SCHEMA_FILE = "flowsim-1.schema.json";
  private static final String SCHEMA_RESOURCE = "/dev/flowsim/model/json/flowsim-1.schema.json";

  private static void list(PrintWriter out, List<Scenario> all) {
    out.println("Teaching scenarios, each a broken spec and a fixed one. Copy a pair to edit it:");
    out.println(
        "  flowsim scenarios --extract NAME DIR    (NAME: 01, dual-write or 01-dual-write)");
    ObjectMapper json = new ObjectMapper();
    for (Scenario s : all) {
      JsonNode broken = read(json, s.brokenFile());
      JsonNode fixed = read(json, s.fixedFile());
      String name = broken.path("name").asText("");
      String brokenLabel = label(name);
      String fixedLabel = label(fixed.path("name").asText(""));
      String title = brokenLabel == null ? name : name.substring(0, name.lastIndexOf(" ("));
      if (brokenLabel != null && fixedLabel != null) {
        title += " (" + brokenLabel + " / " + fixedLabel + ")";
      }
      out.println();
      out.println(s.stem() + "  " + title);
      String first = firstSentence(broken.path("description").asText(""));
      for (String line : wrap(first, 96)) {
        out.println("    " + line);
      }
    }
  }

  /** The text in the last parentheses of a name, e.g. "fixed with CDC"; null if none. */
  static String label(String name) {
    int open = name.lastIndexOf(" (");
    return open >= 0 && name.endsWith(")") ? name.substring(open + 2, name.length() - 1) : null;
  }

  /** The text up to the first full stop followed by a space or the end ("e.g." does not count). */
  static String firstSentence(String text) {
    return ExampleLibrary.firstSentence(text);
  }

  /** Splits text into lines of at most {@code width} characters at spaces. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** The bundled pairs, in index order. */
  static List<Scenario> index() throws IOException {
    List<Scenario> all = new ArrayList<>();
    try (InputStream in = ScenariosCommand.class.getResourceAsStream(INDEX)) {
      if (in == null) {
        throw new IOException("the scenario index " + INDEX + " is missing from the app");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) {
          all.add(new Scenario(l));
        }
      }
    }
    return all;
  }

  /** A bundled scenario file by name. */
  static InputStream resource(String fileName) throws IOException {
    InputStream in = ScenariosCommand.class.getResourceAsStream(RESOURCES + fileName);
    if (in == null) {
      throw new IOException("the scenario file " + fileName + " is missing from the app");
    }
    return in;
  }

  private static JsonNode read(ObjectMapper json, String fileName) {
    try (InputStream in = resource(fileName)) {
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
