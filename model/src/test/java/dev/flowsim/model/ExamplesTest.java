package dev.flowsim.model;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Linter;
import dev.flowsim.model.check.Validator;
import dev.flowsim.model.json.LoadedSpec;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.model.json.SpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The teaching scenarios of CONCEPTS.md §8 in {@code examples/}: a broken and a fixed spec each.
 * Every file must read, validate, and lint exactly as its scenario teaches: the broken variant with
 * the lint code of its concept, the fixed variant clean, so "change this one knob" is visible in
 * {@code flowsim check} before a run.
 */
class ExamplesTest {

  /** Maven runs the tests of a module in the module's folder; the examples sit at the repo root. */
  private static final Path EXAMPLES = Path.of("..", "examples");

  private static final int SCENARIOS = 12;

  private static final String SCHEMA = "../schema/flowsim-1.schema.json";

  /** The anomaly kinds of CONCEPTS.md §7; every description tells the student which to look for. */
  private static final Set<String> ANOMALY_KINDS =
      Set.of(
          "OUT_OF_ORDER",
          "CAUSALITY_VIOLATION",
          "DUPLICATE_EFFECT",
          "MESSAGE_LOSS",
          "REPLICATION_LAG",
          "READ_YOUR_WRITES_VIOLATION",
          "MONOTONIC_READ_VIOLATION",
          "CONSISTENT_PREFIX_VIOLATION",
          "LATE_EVENT",
          "STALE_READ",
          "DIVERGENCE",
          "CONSTRAINT_VIOLATION",
          "LOST_WRITE");

  /** The exact lint codes of each example: its concept when broken, none when fixed. */
  private static final Map<String, Set<String>> EXPECTED_LINT =
      Map.ofEntries(
          entry("01-dual-write.broken.json", Set.of("dual-write")),
          entry("01-dual-write.fixed.json", Set.of()),
          entry("02-queue-redelivery.broken.json", Set.of("load-balanced-ordering")),
          entry("02-queue-redelivery.fixed.json", Set.of()),
          entry("03-unkeyed-partitions.broken.json", Set.of("unkeyed-partitioning")),
          entry("03-unkeyed-partitions.fixed.json", Set.of()),
          entry("04-slow-consumer-retention.broken.json", Set.of("retention-risk")),
          entry("04-slow-consumer-retention.fixed.json", Set.of()),
          entry("05-consumer-crash-duplicates.broken.json", Set.of("non-idempotent-redelivery")),
          entry("05-consumer-crash-duplicates.fixed.json", Set.of()),
          entry("06-follower-reads.broken.json", Set.of("async-follower-reads")),
          entry("06-follower-reads.fixed.json", Set.of()),
          entry("07-failover-lost-writes.broken.json", Set.of("async-failover")),
          entry("07-failover-lost-writes.fixed.json", Set.of()),
          entry("08-late-events.broken.json", Set.of("short-watermark-delay")),
          entry("08-late-events.fixed.json", Set.of()),
          entry("09-unfriend-then-message.broken.json", Set.of("causal-split")),
          entry("09-unfriend-then-message.fixed.json", Set.of()),
          entry("10-username-claims.broken.json", Set.of("unenforced-constraint")),
          entry("10-username-claims.fixed.json", Set.of()),
          entry("11-stream-table-join.broken.json", Set.of("unversioned-table-join")),
          entry("11-stream-table-join.fixed.json", Set.of()),
          entry(
              "12-money-transfer.broken.json",
              Set.of("retries-without-ids", "non-idempotent-redelivery")),
          entry("12-money-transfer.fixed.json", Set.of()));

  /** The example file names, sorted; fails clearly when the folder is missing or incomplete. */
  static List<String> examples() throws IOException {
    Path dir = EXAMPLES.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      fail("no examples folder at " + dir + " (tests run in the module folder, e.g. model/)");
    }
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .sorted()
              .toList();
    }
    if (names.size() < 2 * SCENARIOS) {
      fail(
          "expected at least "
              + 2 * SCENARIOS
              + " example specs (a broken and a fixed one per scenario) in "
              + dir
              + ", found "
              + names.size()
              + ": "
              + names);
    }
    return names;
  }

  private static LoadedSpec load(String name) {
    Path file = EXAMPLES.resolve(name);
    try {
      return SpecReader.load(file);
    } catch (SpecException e) {
      return fail(
          name
              + " does not read:\n"
              + e.diagnostics().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
    }
  }

  private static String formatAll(LoadedSpec spec, List<Diagnostic> diagnostics) {
    return spec.locate(diagnostics).stream()
        .map(Diagnostic::format)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void everyExampleHasALintExpectationAndEveryExpectationAFile() throws IOException {
    assertEquals(new TreeSet<>(EXPECTED_LINT.keySet()), new TreeSet<>(examples()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void readsValidatesAndLintsAsItsScenarioTeaches(String name) {
    LoadedSpec spec = load(name);
    Pipeline pipeline = spec.pipeline();

    List<Diagnostic> errors = Validator.validate(pipeline);
    assertTrue(errors.isEmpty(), () -> name + " does not validate:\n" + formatAll(spec, errors));

    List<Diagnostic> warnings = Linter.lint(pipeline);
    Set<String> codes =
        warnings.stream().map(Diagnostic::code).collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = EXPECTED_LINT.get(name);
    assertNotNull(expected, () -> "no lint expectation for " + name + " in EXPECTED_LINT");
    assertEquals(
        new TreeSet<>(expected),
        codes,
        () -> name + " lints differently than expected:\n" + formatAll(spec, warnings));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void writesBackToAnEqualPipelineAndTheSameTextAgain(String name) throws SpecException {
    Pipeline pipeline = load(name).pipeline();

    String written = SpecWriter.write(pipeline);
    Pipeline reread = SpecReader.parse(name, written).pipeline();
    assertEquals(pipeline, reread, () -> name + " changed on a write and read:\n" + written);
    assertEquals(written, SpecWriter.write(reread), () -> name + " is not written stably");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void carriesTheSettingsOfATeachingScenario(String name) {
    Pipeline p = load(name).pipeline();

    assertEquals(Pipeline.FORMAT_VERSION, p.flowsim());
    assertEquals(SCHEMA, p.schema(), "the $schema reference");
    assertFalse(p.name().isBlank(), "a name");
    assertEquals(42L, p.seed(), "the seed");
    assertTrue(
        p.duration().compareTo(Duration.ofSeconds(30)) >= 0
            && p.duration().compareTo(Duration.ofSeconds(120)) <= 0,
        () -> "a run of 30s to 2m, got " + p.duration());
    assertTrue(
        ANOMALY_KINDS.stream().anyMatch(p.description()::contains),
        () -> "the description should name the anomaly kind to look for: " + p.description());

    List<String> ids = p.components().stream().map(Component::id).toList();
    assertEquals(ids, List.copyOf(p.layout().keySet()), "every component has a position");
    for (Connection c : p.connections()) {
      assertTrue(
          p.layout().get(c.from()).x() < p.layout().get(c.to()).x(),
          () -> "the layout reads left to right, but " + c.label() + " points back");
    }
  }

  @Test
  void everyBrokenExampleHasAFixedPartnerAndViceVersa() throws IOException {
    List<String> names = examples();
    Set<String> scenarios = new TreeSet<>();
    for (String name : names) {
      String scenario = name.replaceFirst("\\.(broken|fixed)\\.json$", "");
      assertNotEquals(
          name, scenario, () -> name + " is named neither *.broken.json nor *.fixed.json");
      scenarios.add(scenario);
    }
    assertTrue(scenarios.size() >= SCENARIOS, () -> "scenarios: " + scenarios);
    for (String scenario : scenarios) {
      String brokenName = scenario + ".broken.json";
      String fixedName = scenario + ".fixed.json";
      assertTrue(names.contains(brokenName), () -> fixedName + " has no partner " + brokenName);
      assertTrue(names.contains(fixedName), () -> brokenName + " has no partner " + fixedName);
      Pipeline broken = load(brokenName).pipeline();
      Pipeline fixed = load(fixedName).pipeline();
      assertFalse(broken.description().isBlank(), () -> brokenName + " has no description");
      assertFalse(fixed.description().isBlank(), () -> fixedName + " has no description");
      assertNotEquals(broken.description(), fixed.description(), scenario + ": same description");
      assertEquals(broken.seed(), fixed.seed(), scenario + ": a pair runs with the same seed");
      assertEquals(broken.duration(), fixed.duration(), scenario + ": and for the same time");
      assertNotEquals(
          broken.withSettings("", "", 0, broken.duration()),
          fixed.withSettings("", "", 0, fixed.duration()),
          scenario + ": the fixed variant must change a knob");
      assertFalse(
          EXPECTED_LINT.getOrDefault(brokenName, Set.of()).isEmpty(),
          () -> brokenName + " should carry the lint code of its concept");
    }
  }
}
