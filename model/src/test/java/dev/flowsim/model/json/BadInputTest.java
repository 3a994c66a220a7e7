package dev.flowsim.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.SpecCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad inputs in {@code src/test/resources/bad/}, one mistake per file, with the exact
 * headline each must produce: file, line and column of the offending value, JSON path, what was
 * expected and what was found. A change in wording or location fails here on purpose; update the
 * expectation only after checking the new text still helps the user.
 *
 * <p>Read-level mistakes (the file is not a spec) come out of {@link SpecReader} as a {@link
 * SpecException} and never as a pipeline; semantic ones (a well-formed spec that cannot run) come
 * out of {@link SpecCheck#check(LoadedSpec)}.
 */
class BadInputTest {

  /** Maven runs the tests of a module in the module's folder. */
  private static final Path BAD = Path.of("src", "test", "resources", "bad");

  // ---------------------------------------------------------------- the corpus: read errors

  static Stream<Arguments> readErrors() {
    return Stream.of(
        bad(
            "empty.json",
            "empty.json:1:1: error: the file is empty: expected a Flowsim spec, a JSON object"
                + " with \"flowsim\": 1"),
        bad(
            "whitespace-only.json",
            "whitespace-only.json:1:1: error: the file has only whitespace: expected a Flowsim spec,"
                + " a JSON object with \"flowsim\": 1"),
        bad(
            "binary-garbage.png",
            "binary-garbage.png:1:1: error: expected a Flowsim spec, a JSON text file in UTF-8, got a"
                + " PNG image"),
        bad(
            "latin-1-encoding.json",
            "latin-1-encoding.json:3:15: error: expected UTF-8 text, got the byte 0xE9, which is not"
                + " UTF-8 (was the file saved in another encoding, such as Latin-1?): save the spec"
                + " as UTF-8"),
        bad(
            "utf-16-encoding.json",
            "utf-16-encoding.json:1:1: error: expected a Flowsim spec, a JSON text file in UTF-8, got"
                + " UTF-16 text; save the spec as UTF-8"),
        bad(
            "yaml-instead-of-json.json",
            "yaml-instead-of-json.json:1:1: error: expected a Flowsim spec, a JSON object with"
                + " \"flowsim\": 1, got \"flowsim: 1\", which is not JSON"),
        bad(
            "truncated.json",
            "truncated.json:11:1: error: components[2].parallelism: the file ends early (is it cut"
                + " off?): expected a value for \"parallelism\", then } for components[2] (line 7),"
                + " ] for components (line 4) and } for the spec (line 1)"),
        bad(
            "top-level-array.json",
            "top-level-array.json:1:1: error: expected a Flowsim spec, a JSON object with"
                + " \"flowsim\": 1, got an array"),
        bad(
            "trailing-garbage.json",
            "trailing-garbage.json:8:1: error: expected nothing after the closing } of the spec on"
                + " line 7, got \"}\""),
        bad(
            "duplicate-json-keys.json",
            "duplicate-json-keys.json:9:7: error: components[0].partitions: duplicate key"
                + " \"partitions\": it is already set on line 8; a key may appear only once in an"
                + " object"),
        bad(
            "missing-flowsim.json",
            "missing-flowsim.json:1:1: error: missing \"flowsim\": 1, the spec format version, at"
                + " the top of the spec"),
        bad(
            "flowsim-2.json",
            "flowsim-2.json:2:14: error: flowsim: this spec uses format 2, written by a newer"
                + " Flowsim; this Flowsim reads format 1. Upgrade Flowsim to open it."),
        bad(
            "wrong-type-string-for-integer.json",
            "wrong-type-string-for-integer.json:9:21: error: components[1].partitions: expected a"
                + " whole number, got the string \"3\" (write numbers without quotes)"),
        bad(
            "wrong-type-number-for-duration.json",
            "wrong-type-number-for-duration.json:10:24: error: components[1].failoverAfter: expected"
                + " a duration such as 250ms or 2s, got the number 5 (write it as a string with a"
                + " unit)"),
        bad(
            "wrong-type-object-for-string.json",
            "wrong-type-object-for-string.json:8:17: error: components[0].broker: expected a string,"
                + " got an object"),
        bad(
            "wrong-type-float-for-integer.json",
            "wrong-type-float-for-integer.json:8:20: error: components[0].followers: expected a"
                + " whole number, got the number 1.5"),
        bad(
            "wrong-type-string-for-boolean.json",
            "wrong-type-string-for-boolean.json:9:21: error: components[0].compaction: expected true"
                + " or false, got the string \"true\" (write true without quotes)"),
        bad(
            "unknown-field-top-level.json",
            "unknown-field-top-level.json:4:3: error: sede: unknown field \"sede\" (did you mean"
                + " \"seed\"?); a spec has: flowsim, $schema, name, description, seed, duration,"
                + " components, connections, faults, constraints, layout"),
        bad(
            "unknown-field-in-component.json",
            "unknown-field-in-component.json:9:7: error: components[1].partitons: unknown field"
                + " \"partitons\" (did you mean \"partitions\"?); a topic has: type, id, broker,"
                + " partitions, partitioner, retention, compaction"),
        bad(
            "unknown-component-type.json",
            "unknown-component-type.json:7:15: error: components[1].type: expected one of producer,"
                + " topic, queue, processor, service, database, search-index, cache, warehouse,"
                + " materialized-view, reader, got \"kafka-topic\""),
        bad(
            "missing-type.json",
            "missing-type.json:6:5: error: components[1]: missing \"type\": expected one of"
                + " producer, topic, queue, processor, service, database, search-index, cache,"
                + " warehouse, materialized-view, reader"),
        bad(
            "unknown-operator.json",
            "unknown-operator.json:9:29: error: components[1].operator.type: expected one of map,"
                + " filter, enrich, window, join, dedupe, got \"aggregate\""),
        bad(
            "unknown-fault-type.json",
            "unknown-fault-type.json:10:15: error: faults[0].type: expected one of crash,"
                + " partition, slow, clock, burst, offline, retention-shrink, rewind, got \"crush\" (did"
                + " you mean \"crash\"?)"),
        bad(
            "bad-enum-value.json",
            "bad-enum-value.json:11:22: error: components[2].replication: expected one of sync,"
                + " semi-sync, async, got \"asnyc\""),
        bad(
            "number-for-enum.json",
            "number-for-enum.json:9:22: error: components[0].replication: expected one of sync,"
                + " semi-sync, async, got the number 1"),
        bad(
            "null-value.json",
            "null-value.json:11:13: error: connections[0].to: expected a string, got null"),
        bad(
            "duration-with-word-unit.json",
            "duration-with-word-unit.json:9:24: error: components[0].failoverAfter: expected a"
                + " duration with a unit (us, ms, s, m, h) such as 250ms or 2s, got \"2 sec\""),
        bad(
            "duration-without-unit.json",
            "duration-without-unit.json:9:21: error: components[1].ackTimeout: expected a duration"
                + " with a unit (us, ms, s, m, h) such as 250ms or 2s, got \"5\""),
        bad(
            "duration-finer-than-micros.json",
            "duration-finer-than-micros.json:4:15: error: duration: duration \"1.5us\" is finer than"
                + " the 1us resolution of the simulator"),
        bad(
            "distribution-uniform-reversed.json",
            "distribution-uniform-reversed.json:12:18: error: connections[0].latency: in"
                + " \"uniform(30ms,1ms)\": the lower bound 30ms is above the upper bound 1ms"),
        bad(
            "distribution-unknown-normal.json",
            "distribution-unknown-normal.json:9:22: error: components[1].serviceTime: expected one"
                + " of const, uniform, exp, lognormal, got \"normal\""),
        bad(
            "distribution-exp-zero.json",
            "distribution-exp-zero.json:9:25: error: components[0].replicationLag: in \"exp(0ms)\":"
                + " the mean must be positive"),
        bad(
            "distribution-lognormal-one-argument.json",
            "distribution-lognormal-one-argument.json:9:23: error: components[1].applyLatency:"
                + " \"lognormal(10ms)\" takes 2 durations (the median and the 99th percentile), got 1"),
        bad(
            "out-of-range-partitions.json",
            "out-of-range-partitions.json:9:21: error: components[1].partitions: expected a whole"
                + " number of at most 2147483647, got 99999999999"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readErrors")
  void readErrorsAreExactAndNothingPartialIsReturned(String name, List<String> expected)
      throws IOException {
    Path file = BAD.resolve(name);
    // the file name as passed: a path for load, the bare name for parse
    SpecException loaded = assertThrows(SpecException.class, () -> SpecReader.load(file));
    assertEquals(asPassed(expected, name, file.toString()), headlines(loaded));
    assertEquals(loaded.getMessage(), headlines(loaded).get(0));

    byte[] bytes = Files.readAllBytes(file);
    SpecException parsed = assertThrows(SpecException.class, () -> SpecReader.parse(name, bytes));
    assertEquals(expected, headlines(parsed));

    assertThrows(SpecException.class, () -> SpecReader.read(file));
  }

  // ---------------------------------------------------------------- the corpus: semantic errors

  static Stream<Arguments> semanticErrors() {
    return Stream.of(
        bad(
            "duplicate-component-ids.json",
            "duplicate-component-ids.json:11:13: error: components[4].id: duplicate id"
                + " \"order-events\": components[1] already has it"),
        bad(
            "dangling-connection.json",
            // in file order; the dangling connection leaves both of its real ends unconnected
            "dangling-connection.json:7:5: error: components[2]: processor indexer has no output:"
                + " connect it to a topic, queue or store it writes",
            "dangling-connection.json:8:5: error: components[3]: search-index order-search has no"
                + " input: connect something that sends to it",
            "dangling-connection.json:14:15: error: connections[2].from: from \"indexr\" does not"
                + " exist (did you mean \"indexer\"?)"),
        bad(
            "dangling-fault.json",
            "dangling-fault.json:18:20: error: faults[0].component: component \"indexers\" does not"
                + " exist (did you mean \"indexer\"?)"),
        bad(
            "negative-rate.json",
            "negative-rate.json:8:15: error: components[0].rate: expected a rate above 0 and at most"
                + " 10000000/s, got -5/s"),
        bad(
            "zero-rate.json",
            "zero-rate.json:8:15: error: components[0].rate: expected a rate above 0 and at most"
                + " 10000000/s, got 0/s"),
        bad(
            "zero-partitions.json",
            "zero-partitions.json:9:21: error: components[1].partitions: expected a whole number"
                + " from 1 to 10000, got 0"),
        bad(
            "probability-above-one.json",
            "probability-above-one.json:14:15: error: connections[0].loss: expected a probability"
                + " from 0 to 1, got 1.5"),
        bad(
            "forbidden-derived-store-to-topic.json",
            "forbidden-derived-store-to-topic.json:15:5: error: connections[3]: order-search ->"
                + " search-changes is not allowed: a derived store is an end of the dataflow: only"
                + " readers read from it"),
        bad(
            "forbidden-producer-to-producer.json",
            "forbidden-producer-to-producer.json:13:5: error: connections[1]: orders -> returns is"
                + " not allowed: a producer is a source: nothing flows into it"),
        bad(
            "cycle.json",
            // located at the connection that closes the cycle
            "cycle.json:14:5: error: connections[3]: the dataflow has a cycle order-events ->"
                + " indexer -> order-events; events would circulate forever: break it"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("semanticErrors")
  void semanticErrorsAreExact(String name, List<String> expected) throws SpecException {
    Path file = BAD.resolve(name);
    LoadedSpec loaded = SpecReader.load(file);
    assertEquals(
        asPassed(expected, name, file.toString()),
        SpecCheck.check(loaded).stream().map(Diagnostic::headline).toList());
  }

  @Test
  void everyFileOfTheCorpusHasItsExpectation() throws IOException {
    Set<String> expected = new TreeSet<>();
    Stream.concat(readErrors(), semanticErrors()).forEach(a -> expected.add((String) a.get()[0]));
    try (Stream<Path> files = Files.list(BAD)) {
      assertEquals(
          expected,
          files
              .map(f -> f.getFileName().toString())
              .collect(Collectors.toCollection(TreeSet::new)));
    }
  }

  // ---------------------------------------------------------------- generated, not committed

  @Test
  void tenThousandOpeningBracketsAreNotASpec(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("deep.json");
    Files.writeString(file, "[".repeat(10_000));
    assertRead(
        file,
        ":1:1: error: expected a Flowsim spec, a JSON object with \"flowsim\": 1, got an array");
  }

  @Test
  void tenThousandLevelsOfArraysInsideASpecAreRefusedAtTheLimit(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("deep.json");
    Files.writeString(file, "{\n  \"flowsim\": 1,\n  \"name\": " + "[".repeat(10_000) + "\n}\n");
    // the spec's { is level 1, so the 64th [ (at column 11 + 63) is level 65
    assertRead(
        file,
        ":3:74: error: the document nests more than 64 levels of [ and { here; a Flowsim spec is"
            + " never that deep");
  }

  @Test
  void tenThousandLevelsOfObjectsInsideASpecAreRefusedAtTheLimit(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("deep.json");
    Files.writeString(
        file, "{\n  \"flowsim\": 1,\n  \"description\": " + "{\"a\": ".repeat(10_000) + "\n}\n");
    // the 64th nested { (each {"a": is 6 characters, the first at column 18) is level 65
    assertRead(
        file,
        ":3:396: error: the document nests more than 64 levels of [ and { here; a Flowsim spec is"
            + " never that deep");
  }

  @Test
  void aFiftyMegabyteFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.json");
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) 'x');
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("{\"flowsim\": 1, \"description\": \"".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 50; i++) {
        out.write(chunk);
      }
      out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertRead(
        file, ": error: the file is 50.0 MB; Flowsim specs are at most 16 MB (16777216 bytes)");
  }

  @Test
  void bytesJustOverTheLimitDoNotReadAsTheLimit() {
    byte[] bytes = new byte[16 * 1024 * 1024 + 1];
    Arrays.fill(bytes, (byte) ' ');
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.parse("big.json", bytes));
    assertEquals(
        List.of(
            "big.json: error: the file is 16777217 bytes; Flowsim specs are at most 16 MB"
                + " (16777216 bytes)"),
        headlines(e));
  }

  @Test
  void aMissingFileAndADirectoryAreNamed(@TempDir Path dir) {
    Path missing = dir.resolve("missing.json");
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.load(missing));
    assertEquals(List.of(missing + ": error: no such file"), headlines(e));
    e = assertThrows(SpecException.class, () -> SpecReader.load(dir));
    assertEquals(List.of(dir + ": error: is a directory, not a spec file"), headlines(e));
  }

  // ---------------------------------------------------------------- more mistakes, inline

  static Stream<Arguments> inline() {
    return Stream.of(
        // columns count characters as editors do: not the bytes of a BOM or of "é" and "☕"
        inline(
            "\uFEFF{\"flowsim\": 1, \"seed\": \"x\"}\n",
            ":1:24: error: seed: expected a whole number, got the string \"x\""),
        inline(
            "{\n  \"flowsim\": 1,\n  \"name\": \"Café ☕ orders\", \"seed\": \"42\"\n}\n",
            ":3:36: error: seed: expected a whole number, got the string \"42\" (write numbers"
                + " without quotes)"),
        inline(
            "{\r\n  \"flowsim\": 1,\r\n  \"seed\": \"x\"\r\n}\r\n",
            ":3:11: error: seed: expected a whole number, got the string \"x\""),
        inline(
            "{\r  \"flowsim\": 1,\r  \"seed\": \"x\"\r}\r",
            ":3:11: error: seed: expected a whole number, got the string \"x\""),
        // an invisible byte order mark alone is as empty as whitespace, and located
        inline(
            "\uFEFF",
            ":1:1: error: the file has only whitespace: expected a Flowsim spec, a JSON object with"
                + " \"flowsim\": 1"),
        // hand-editing slips
        inline(
            "{\n  \"flowsim\": 1,\n  \"name\": \"Orders\",\n}\n",
            ":3:19: error: malformed JSON: a comma must be followed by another entry, not }: remove"
                + " it"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"layout\": { \"orders\": [40, 80,] }\n}\n",
            ":3:32: error: layout.orders[2]: malformed JSON: a comma must be followed by another"
                + " entry, not ]: remove it"),
        inline(
            "{\n  // the spec\n  \"flowsim\": 1\n}\n",
            ":2:3: error: malformed JSON: comments are not allowed in JSON"),
        inline(
            "{\n  'flowsim': 1\n}\n",
            ":2:3: error: malformed JSON: JSON strings and keys take double quotes, not single"
                + " quotes"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"name\": \"Orders\n}\n",
            ":3:18: error: name: malformed JSON: a string must end on the line where it starts:"
                + " expected its closing \""),
        inline(
            "{\n  \"flowsim\": 1,\n  \"name\": \"C:\\path\"\n}\n",
            ":3:15: error: name: malformed JSON: \\p is not a JSON escape: write \\\\ for a"
                + " backslash"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"name\": \"a\u0000b\"\n}\n",
            ":3:13: error: name: malformed JSON: control character U+0000 inside a string must be"
                + " written \\u0000"),
        inline(
            "{\n  \"flowsim\": 1\n}\n{\n  \"flowsim\": 1\n}\n",
            ":4:1: error: expected nothing after the closing } of the spec on line 3, got \"{\""),
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n",
            ":4:1: error: components: the file ends early (is it cut off?): expected ] for"
                + " components (line 3) and } for the spec (line 1)"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"name\": \"Ord",
            ":3:15: error: name: the file ends early (is it cut off?): expected the closing \" of"
                + " a string, then } for the spec (line 1)"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"seed\": " + "9".repeat(150) + "\n}\n",
            ":3:11: error: seed: a number of more than 100 characters; no Flowsim spec has one"),
        // the version
        inline(
            "{\n  \"flowsim\": 1.0\n}\n",
            ":2:14: error: flowsim: expected the format version 1, got the number 1.0"),
        inline(
            "{\n  \"flowsim\": null\n}\n",
            ":2:14: error: flowsim: expected the format version 1, got null"),
        inline(
            "{\n  \"flowsim\": 0\n}\n",
            ":2:14: error: flowsim: unknown format version 0; expected 1"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"flowsim\": 1\n}\n",
            ":3:3: error: flowsim: duplicate key \"flowsim\": it is already set on line 2; a key may"
                + " appear only once in an object"),
        // nulls: never a spec value
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n"
                + "    { \"type\": \"cache\", \"id\": \"c\", \"ttl\": null }\n  ]\n}\n",
            ":4:42: error: components[0].ttl: expected a duration such as 250ms or 2s, got null"
                + " (leave \"ttl\" out to use its default)"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n    { \"type\": \"topic\", \"id\": null }\n"
                + "  ]\n}\n",
            ":4:30: error: components[0].id: expected a string, got null"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n    { \"type\": \"producer\", \"id\": \"p\" },\n"
                + "    null\n  ]\n}\n",
            ":5:5: error: components[1]: expected an object with a \"type\", got null"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"layout\": { \"svc.v2\": null }\n}\n",
            ":3:25: error: layout.svc.v2: expected a position [x, y] of two numbers, got null"),
        // types and shapes
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n    { \"type\": 7, \"id\": \"orders\" }\n"
                + "  ]\n}\n",
            ":4:15: error: components[0].type: expected one of producer, topic, queue, processor,"
                + " service, database, search-index, cache, warehouse, materialized-view, reader, got"
                + " the number 7"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n    \"producer\"\n  ]\n}\n",
            ":4:5: error: components[0]: expected an object with a \"type\" (one of producer, topic,"
                + " queue, processor, service, database, search-index, cache, warehouse,"
                + " materialized-view, reader), got the string \"producer\""),
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": { \"orders\": { \"type\": \"producer\" } }\n}\n",
            ":3:17: error: components: expected an array, got an object"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n    { \"type\": \"topic\" }\n  ]\n}\n",
            ":4:5: error: components[0].id: missing required field \"id\""),
        inline(
            "{\n  \"flowsim\": 1,\n  \"seed\": 1e5\n}\n",
            ":3:11: error: seed: expected a whole number, got the number 1e5"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"seed\": 99999999999999999999\n}\n",
            ":3:11: error: seed: expected a whole number of at most 9223372036854775807, got"
                + " 99999999999999999999"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"layout\": { \"orders\": [40] }\n}\n",
            ":3:25: error: layout.orders: expected a position [x, y] of two numbers, got one"
                + " number"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n"
                + "    { \"type\": \"topic\", \"id\": \"t\", \"retention\": \"7d\" }\n  ]\n}\n",
            ":4:48: error: components[0].retention: expected a retention object such as {\"time\":"
                + " \"1h\"} or {\"count\": 1000}, got the string \"7d\""),
        // unknown fields name their owner and list its fields in file order
        inline(
            "{\n  \"flowsim\": 1,\n  \"components\": [\n"
                + "    { \"type\": \"processor\", \"id\": \"w\",\n"
                + "      \"operator\": { \"type\": \"window\", \"sise\": \"1m\" } }\n  ]\n}\n",
            ":5:39: error: components[0].operator.sise: unknown field \"sise\" (did you mean"
                + " \"size\"?); a window operator has: type, window, size, advance, gap, time,"
                + " watermarkDelay, allowedLateness, latePolicy, aggregate"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"connections\": [\n    { \"from\": \"t\", \"to\": \"p\",\n"
                + "      \"consumer\": { \"groupId\": \"g\" } }\n  ]\n}\n",
            ":5:21: error: connections[0].consumer.groupId: unknown field \"groupId\" (did you mean"
                + " \"group\"?); a consumer has: group, commit, autoCommitInterval, startFrom"),
        inline(
            "{\n  \"flowsim\": 1,\n  \"constraints\": [\n"
                + "    { \"id\": \"u\", \"type\": \"unique\", \"store\": \"db\", \"enforced\": \"db\" }\n"
                + "  ]\n}\n",
            ":4:51: error: constraints[0].enforced: unknown field \"enforced\" (did you mean"
                + " \"enforcedBy\"?); a constraint has: id, type, store, enforcedBy"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("inline")
  void inlineMistakesAreExact(String text, String expected) {
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.parse("spec.json", text));
    assertEquals(List.of("spec.json" + expected), headlines(e));
  }

  // ---------------------------------------------------------------- helpers

  /** A corpus file and the headlines it must produce, written with its bare name. */
  private static Arguments bad(String name, String... headlines) {
    return Arguments.of(name, List.of(headlines));
  }

  private static Arguments inline(String text, String headlineAfterName) {
    return Arguments.of(text, headlineAfterName);
  }

  /** The expected headlines with the bare file name replaced by the name as passed. */
  private static List<String> asPassed(List<String> expected, String name, String passed) {
    return expected.stream()
        .peek(h -> assertEquals(name, h.substring(0, name.length()), "expectation names its file"))
        .map(h -> passed + h.substring(name.length()))
        .toList();
  }

  private static void assertRead(Path file, String headlineAfterName) {
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.load(file));
    assertEquals(List.of(file + headlineAfterName), headlines(e));
  }

  private static List<String> headlines(SpecException e) {
    return e.diagnostics().stream().map(Diagnostic::headline).toList();
  }
}
