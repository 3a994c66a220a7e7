package dev.flowsim.app.scenarios;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The teaching scenarios bundled in the app jar (the pairs {@code NN-slug.broken.json} / {@code
 * NN-slug.fixed.json} under {@value #RESOURCES}, listed by its {@code index.txt}, as {@code flowsim
 * scenarios} lists them): the one reader of that index for the Examples menu, the library dialog,
 * the compare window and the command line.
 */
public final class ExampleLibrary {

  public static final String RESOURCES = "/dev/flowsim/app/scenarios/";

  /** One bundled spec. */
  public record Example(String fileName, String name, String summary) {
    /** The part of the name in its last parentheses ("broken", "fixed with CDC"), or the name. */
    public String variant() {
      int open = name.lastIndexOf(" (");
      return open >= 0 && name.endsWith(")") ? name.substring(open + 2, name.length() - 1) : name;
    }

    /** The file name without {@code .json}, e.g. {@code 01-dual-write.broken}. */
    public String stem() {
      return fileName.endsWith(".json")
          ? fileName.substring(0, fileName.length() - ".json".length())
          : fileName;
    }

    /** Reads the spec from the jar. */
    public Pipeline load() throws SpecException {
      byte[] b;
      try {
        b = bytes(fileName);
      } catch (IOException e) {
        throw new SpecException(
            dev.flowsim.model.check.Diagnostic.error("io", "", e.getMessage())
                .at(new dev.flowsim.model.check.Diagnostic.Location(fileName, 0, 0)));
      }
      return SpecReader.parse(fileName, b).pipeline();
    }
  }

  /** A broken/fixed pair, e.g. {@code 01-dual-write}. */
  public record Pair(String stem, String title, Example broken, Example fixed) {
    public String number() {
      int dash = stem.indexOf('-');
      return dash < 0 ? stem : stem.substring(0, dash);
    }
  }

  private static volatile List<Pair> pairs;

  private ExampleLibrary() {}

  /** The stems of the index ({@code 01-dual-write}, …) in order; empty if the index is missing. */
  public static List<String> stems() {
    List<String> stems = new ArrayList<>();
    String index;
    try {
      index = new String(bytes("index.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return stems;
    }
    for (String line : index.split("\n")) {
      String stem = line.strip();
      if (!stem.isEmpty() && !stem.startsWith("#")) {
        stems.add(stem);
      }
    }
    return stems;
  }

  /** All bundled pairs in index order; a pair whose files are missing or unreadable is left out. */
  public static List<Pair> pairs() {
    List<Pair> read = pairs;
    if (read == null) {
      read = List.copyOf(readPairs());
      pairs = read; // the bundled files never change: parse them once per process
    }
    return read;
  }

  private static List<Pair> readPairs() {
    List<Pair> out = new ArrayList<>();
    for (String stem : stems()) {
      try {
        Example broken = example(stem + ".broken.json");
        Example fixed = example(stem + ".fixed.json");
        String title = broken.name();
        int open = title.lastIndexOf(" (");
        if (open > 0 && title.endsWith(")")) {
          title = title.substring(0, open);
        }
        out.add(new Pair(stem, title, broken, fixed));
      } catch (IOException | SpecException e) {
        // a broken build; ScenariosCommandTest catches it, the menu just lacks the pair
      }
    }
    return out;
  }

  private static Example example(String fileName) throws IOException, SpecException {
    Pipeline p = SpecReader.parse(fileName, bytes(fileName)).pipeline();
    return new Example(fileName, p.name(), firstSentence(p.description()));
  }

  /** The bytes of a bundled file. */
  public static byte[] bytes(String fileName) throws IOException {
    try (InputStream in = ExampleLibrary.class.getResourceAsStream(RESOURCES + fileName)) {
      if (in == null) {
        throw new IOException(fileName + " is missing from the app");
      }
      return in.readAllBytes();
    }
  }

  /** The text up to the first full stop followed by a space or the end ("e.g." does not count). */
  public static String firstSentence(String text) {
    String t = text.strip();
    for (int i = t.indexOf('.'); i >= 0; i = t.indexOf('.', i + 1)) {
      boolean end = i + 1 == t.length() || Character.isWhitespace(t.charAt(i + 1));
      String before = t.substring(Math.max(0, i - 3), i + 1).toLowerCase(Locale.ROOT);
      if (end && !before.endsWith("e.g.") && !before.endsWith("i.e.")) {
        return t.substring(0, i + 1);
      }
    }
    return t;
  }
}
