package dev.flowsim.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenariosCommandTest {

  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        FlowsimCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static List<String> indexed() throws Exception {
    List<String> stems = new ArrayList<>();
    for (ScenariosCommand.Scenario s : ScenariosCommand.index()) {
      stems.add(s.stem());
    }
    return stems;
  }

  @Test
  void theIndexListsExactlyThePairsInExamples() throws Exception {
    TreeSet<String> broken = new TreeSet<>();
    TreeSet<String> fixed = new TreeSet<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".broken.json")) {
          broken.add(name.substring(0, name.length() - ".broken.json".length()));
        } else if (name.endsWith(".fixed.json")) {
          fixed.add(name.substring(0, name.length() - ".fixed.json".length()));
        }
      }
    }
    assertEquals(broken, fixed, "every scenario in examples/ has a broken and a fixed file");
    assertTrue(broken.size() >= 12, "the scenarios are in ../examples");
    assertEquals(
        new ArrayList<>(broken),
        indexed(),
        "app/src/main/resources/dev/flowsim/app/scenarios/index.txt must list the pairs of"
            + " examples/ (NN-slug), in order");
  }

  @Test
  void everyIndexedFileIsBundledAsItIsInExamples() throws Exception {
    for (String stem : indexed()) {
      for (String suffix : List.of(".broken.json", ".fixed.json")) {
        String name = stem + suffix;
        try (InputStream in =
            ScenariosCommand.class.getResourceAsStream(ScenariosCommand.RESOURCES + name)) {
          assertNotNull(in, name + " is on the class path (app/pom.xml copies examples/*.json)");
          assertArrayEquals(Files.readAllBytes(EXAMPLES.resolve(name)), in.readAllBytes(), name);
        }
      }
    }
    assertEquals(
        null,
        ScenariosCommand.class.getResourceAsStream(ScenariosCommand.RESOURCES + "pipeline.json"),
        "examples/bench is not bundled");
  }

  @Test
  void listShowsEachPairWithItsNameAndFirstSentence() throws Exception {
    Result r = run("scenarios");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Teaching scenarios"), r.out());
    ObjectMapper json = new ObjectMapper();
    List<String> lines = List.of(r.out().split("\n"));
    for (String stem : indexed()) {
      JsonNode broken = json.readTree(EXAMPLES.resolve(stem + ".broken.json").toFile());
      JsonNode fixed = json.readTree(EXAMPLES.resolve(stem + ".fixed.json").toFile());
      // "Dual write ... (broken)" and "... (fixed with CDC)" -> "Dual write ... (broken / fixed
      // with CDC)"
      String name = broken.get("name").asText();
      String fixedName = fixed.get("name").asText();
      String title =
          name.substring(0, name.lastIndexOf(" ("))
              + " ("
              + name.substring(name.lastIndexOf(" (") + 2, name.length() - 1)
              + " / "
              + fixedName.substring(fixedName.lastIndexOf(" (") + 2, fixedName.length() - 1)
              + ")";
      int at = lines.indexOf(stem + "  " + title);
      assertTrue(at > 0, stem + "  " + title + " in\n" + r.out());
      StringBuilder shown = new StringBuilder();
      for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("    "); i++) {
        assertTrue(lines.get(i).length() <= 100, "wrapped: " + lines.get(i));
        shown.append(shown.length() == 0 ? "" : " ").append(lines.get(i).strip());
      }
      String description = broken.get("description").asText();
      String first = ScenariosCommand.firstSentence(description);
      assertEquals(first, shown.toString(), stem);
      assertTrue(first.length() < description.length(), "only the first sentence: " + stem);
    }
  }

  @Test
  void firstSentenceStopsAtTheFirstFullStop() {
    assertEquals("One.", ScenariosCommand.firstSentence("One. Two."));
    assertEquals(
        "Use a key, e.g. a user id, here.",
        ScenariosCommand.firstSentence("Use a key, e.g. a user id, here. Then more."));
    assertEquals("No stop", ScenariosCommand.firstSentence("No stop"));
    assertEquals("Lag of 1.5 s.", ScenariosCommand.firstSentence("Lag of 1.5 s. More."));
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "1", "dual-write", "01-dual-write", "01-dual-write.broken.json"})
  void extractCopiesThePairByAnyOfItsNames(String name) throws Exception {
    Path target = dir.resolve("work").resolve("nested");
    Result r = run("scenarios", "--extract", name, target.toString());
    assertEquals(0, r.code(), r.err());
    for (String file : List.of("01-dual-write.broken.json", "01-dual-write.fixed.json")) {
      // the same spec, pointing at the schema copied beside it
      assertEquals(
          Files.readString(EXAMPLES.resolve(file))
              .replace("../schema/flowsim-1.schema.json", "flowsim-1.schema.json"),
          Files.readString(target.resolve(file)),
          file);
      assertTrue(r.out().contains("wrote " + target.resolve(file) + "\n"), r.out());
    }
    assertEquals(
        Files.readString(Path.of("..", "schema", "flowsim-1.schema.json")),
        Files.readString(target.resolve("flowsim-1.schema.json")));
    assertTrue(
        r.out().contains("flowsim run " + target.resolve("01-dual-write.broken.json")), r.out());
    try (Stream<Path> files = Files.list(target)) {
      assertEquals(3, files.count(), "the pair and its schema, nothing else");
    }
  }

  @Test
  void extractRefusesToOverwriteUnlessForced() throws Exception {
    assertEquals(0, run("scenarios", "--extract", "12", dir.toString()).code());
    Path fixed = dir.resolve("12-money-transfer.fixed.json");
    Files.writeString(fixed, "my edits");
    Result again = run("scenarios", "--extract", "money-transfer", dir.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("exist"), again.err());
    assertTrue(again.err().contains("--force"), again.err());
    assertEquals("my edits", Files.readString(fixed), "nothing was overwritten");
    assertEquals("", again.out());

    Result forced = run("scenarios", "--extract", "money-transfer", dir.toString(), "--force");
    assertEquals(0, forced.code(), forced.err());
    assertEquals(
        Files.readString(EXAMPLES.resolve("12-money-transfer.fixed.json"))
            .replace("../schema/flowsim-1.schema.json", "flowsim-1.schema.json"),
        Files.readString(fixed));
  }

  @Test
  void anUnknownNameIsAUsageErrorListingTheScenarios() {
    Result r = run("scenarios", "--extract", "dual-read", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no scenario is named 'dual-read'"), r.err());
    assertTrue(r.err().contains("01-dual-write, 02-queue-redelivery"), r.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aDirectoryWithoutExtractIsAUsageError() {
    Result r = run("scenarios", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--extract"), r.err());
  }

  @Test
  void extractIntoAFileIsAnError() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    Result r = run("scenarios", "--extract", "01", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("not a directory"), r.err());
  }
}
