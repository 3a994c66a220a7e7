package dev.flowsim.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Rate;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Properties of reading and writing specs, checked on generated input:
 *
 * <ul>
 *   <li>every generated pipeline is written, read back equal, and written again to the same text;
 *   <li>whatever is done to the text of a spec (a range deleted, characters or tokens inserted, a
 *       value replaced by random JSON, the file cut short, a line duplicated, stray bytes), reading
 *       it either gives a pipeline the validator can judge without failing, or a {@link
 *       SpecException} whose every diagnostic says what is wrong and where;
 *   <li>durations, distributions and rates survive {@code toString} and {@code parse}.
 * </ul>
 *
 * A failure prints the shrunk example; rerun it with {@code -DQT_SEED=<seed>}.
 */
class SpecProperties {

  private static final String SOURCE = "mutant.json";

  // ---------------------------------------------------------------- (a) round trip

  @Test
  void generatedPipelinesRoundTripThroughTheirText() {
    qt().forAll(SpecGenerators.pipelines()).checkAssert(SpecProperties::roundTrips);
  }

  static void roundTrips(Pipeline p) {
    String text = SpecWriter.write(p);
    Pipeline back;
    try {
      back = SpecReader.parse("generated.json", text).pipeline();
    } catch (SpecException e) {
      throw new AssertionError(e.getMessage() + "\n" + text, e);
    }
    assertEquals(p, back, text);
    assertEquals(text, SpecWriter.write(back));
    Validator.validate(back); // judges anything that reads, without failing
  }

  // ---------------------------------------------------------------- (b) mutations

  @Test
  void mutatedSpecsReadWholeOrFailWithLocatedDiagnostics() {
    qt().withExamples(3000).forAll(mutants()).checkAssert(SpecProperties::readsWholeOrFailsLocated);
  }

  static void readsWholeOrFailsLocated(Mutant m) {
    byte[] bytes = m.bytes();
    try {
      LoadedSpec spec = SpecReader.parse(SOURCE, bytes);
      assertNotNull(spec.pipeline());
      Validator.validate(spec.pipeline());
    } catch (SpecException e) {
      assertFalse(e.diagnostics().isEmpty(), "a SpecException says what is wrong");
      for (Diagnostic d : e.diagnostics()) {
        assertLocated(d, bytes);
      }
    }
  }

  private static void assertLocated(Diagnostic d, byte[] bytes) {
    assertTrue(d.isError(), d.headline());
    assertFalse(d.message().isBlank(), d.headline());
    assertNotNull(d.location(), d.headline());
    assertEquals(SOURCE, d.location().source(), d.headline());
    if (bytes.length == 0) {
      return;
    }
    assertTrue(d.location().line() >= 1 && d.location().column() >= 1, d.headline());
    String text = utf8(bytes);
    if (text != null) {
      // the position is inside the file: an existing line, at most one past its end
      List<String> lines = lines(text);
      assertTrue(d.location().line() <= lines.size(), d.headline());
      assertTrue(
          d.location().column() <= lines.get(d.location().line() - 1).length() + 1, d.headline());
    }
  }

  /** The text of valid UTF-8 (without a byte order mark), else null. */
  private static String utf8(byte[] bytes) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Lines as Jackson counts them (LF, CRLF or a lone CR end one); a final empty line counts. */
  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return out;
  }

  /** A spec's bytes after one to three mutations, with the steps that made it. */
  record Mutant(List<String> steps, byte[] bytes) {
    @Override
    public String toString() {
      return String.join("; ", steps)
          + "\n---\n"
          + new String(bytes, StandardCharsets.UTF_8)
          + "\n---";
    }
  }

  /** Bases: generated specs (every field) and the corpus of bad inputs (realistic layouts). */
  static Gen<Mutant> mutants() {
    List<String> corpus = corpus();
    Gen<String> bases =
        Generate.oneOf(SpecGenerators.pipelines().map(SpecWriter::write), Generate.pick(corpus));
    Gen<Mutant> gen =
        in -> {
          String text = bases.generate(in);
          List<String> steps = new ArrayList<>();
          int n = range(in, 1, 3);
          for (int i = 0; i < n; i++) {
            text = mutate(text, in, steps);
          }
          byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
          if (range(in, 1, 10) == 1) {
            bytes = insertBytes(bytes, in, steps);
          }
          return new Mutant(List.copyOf(steps), bytes);
        };
    return gen.describedAs(Mutant::toString);
  }

  private static List<String> corpus() {
    try (Stream<Path> files = Files.list(Path.of("src", "test", "resources", "bad"))) {
      return files
          .sorted()
          .map(
              f -> {
                try {
                  return new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int range(RandomnessSource in, int min, int max) {
    return Generate.range(min, Math.max(min, max)).generate(in);
  }

  private static <T> T pick(RandomnessSource in, List<T> values) {
    return values.get(range(in, 0, values.size() - 1));
  }

  private static final List<String> TOKENS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "\"",
          "\\",
          "'",
          " ",
          "\n",
          "\r",
          "\t",
          "\u0000",
          "\u001f",
          "\uFEFF",
          "é",
          "☕",
          "null",
          "true",
          "false",
          "0",
          "-",
          "-0",
          "01",
          "1e400",
          "1.5",
          "99999999999999999999",
          "NaN",
          "Infinity",
          "//",
          "/*",
          "*/",
          "\"type\": \"topic\",",
          "\"id\": null,",
          "\"flowsim\": 2,",
          "\"flowsim\": 1,",
          "\"partitons\": 3,",
          "{\"a\":",
          "[[[[[[[[",
          "]]]]]",
          "}}}}",
          "\"\\u",
          "\\u0000",
          "\"\\ud800\"");

  private static String mutate(String text, RandomnessSource in, List<String> steps) {
    int length = text.length();
    switch (range(in, 0, 5)) {
      case 0 -> {
        int from = range(in, 0, length);
        int to = from + range(in, 0, Math.min(length - from, pick(in, List.of(1, 3, 20, length))));
        steps.add("delete [" + from + ", " + to + ")");
        return text.substring(0, from) + text.substring(to);
      }
      case 1 -> {
        int at = range(in, 0, length);
        String insert =
            range(in, 0, 1) == 0 ? pick(in, TOKENS) : String.valueOf((char) range(in, 0, 0xFFFF));
        steps.add("insert " + quote(insert) + " at " + at);
        return text.substring(0, at) + insert + text.substring(at);
      }
      case 2 -> {
        List<Integer> colons = new ArrayList<>();
        for (int i = text.indexOf(": "); i >= 0; i = text.indexOf(": ", i + 1)) {
          colons.add(i + 2);
        }
        if (colons.isEmpty()) {
          return text;
        }
        int start = pick(in, colons);
        int end = valueEnd(text, start);
        String value = json(in, 0);
        steps.add("replace " + quote(text.substring(start, end)) + " by " + quote(value));
        return text.substring(0, start) + value + text.substring(end);
      }
      case 3 -> {
        int at = range(in, 0, length);
        steps.add("truncate at " + at);
        return text.substring(0, at);
      }
      case 4 -> {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int i = range(in, 0, lines.size() - 1);
        lines.add(i, lines.get(i));
        steps.add("duplicate line " + (i + 1));
        return String.join("\n", lines);
      }
      default -> {
        if (length == 0) {
          return text;
        }
        int at = range(in, 0, length - 1);
        String by = pick(in, TOKENS);
        steps.add("replace character " + at + " by " + quote(by));
        return text.substring(0, at) + by + text.substring(at + 1);
      }
    }
  }

  private static byte[] insertBytes(byte[] bytes, RandomnessSource in, List<String> steps) {
    int at = range(in, 0, bytes.length);
    int n = range(in, 1, 4);
    byte[] out = new byte[bytes.length + n];
    System.arraycopy(bytes, 0, out, 0, at);
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out[at + i] = (byte) range(in, 0, 255);
      shown.append(String.format(" %02X", out[at + i] & 0xff));
    }
    System.arraycopy(bytes, at, out, at + n, bytes.length - at);
    steps.add("insert bytes" + shown + " at byte " + at);
    return out;
  }

  /**
   * Where the JSON value starting at {@code start} ends (roughly: a mutation need not be exact).
   */
  private static int valueEnd(String text, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      } else if (depth == 0 && (c == ',' || c == '\n')) {
        return i;
      }
    }
    return text.length();
  }

  private static final List<String> KEYS =
      List.of("type", "id", "flowsim", "rate", "from", "to", "partitions", "operator", "", "x");

  private static final List<String> SCALARS =
      List.of(
          "null",
          "true",
          "false",
          "0",
          "-1",
          "1",
          "2",
          "1.5",
          "-0.0",
          "1e10",
          "2147483648",
          "-9223372036854775809",
          "\"\"",
          "\"200/s\"",
          "\"-5/s\"",
          "\"5ms\"",
          "\"0\"",
          "\"-1s\"",
          "\"uniform(2ms,1ms)\"",
          "\"exp(0ms)\"",
          "\"lognormal(5ms,5ms)\"",
          "\"producer\"",
          "\"topic\"",
          "\"window\"",
          "\"crash\"",
          "\"sync\"",
          "\"fixed\"",
          "\"\\u0000\"",
          "\"a\\\"b\"",
          "\"é\"",
          "\"x.y\"");

  /** A random JSON value, spec-flavoured, nested at most three deep. */
  private static String json(RandomnessSource in, int depth) {
    int kind = depth >= 3 ? 0 : range(in, 0, 3);
    if (kind <= 1) {
      return pick(in, SCALARS);
    }
    int n = range(in, 0, 3);
    StringBuilder b = new StringBuilder(kind == 2 ? "[" : "{");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      if (kind == 3) {
        b.append('"').append(pick(in, KEYS)).append("\": ");
      }
      b.append(json(in, depth + 1));
    }
    return b.append(kind == 2 ? "]" : "}").toString();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : (s.length() > 40 ? s.substring(0, 37) + "..." : s).toCharArray()) {
      b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return b.append('"').toString();
  }

  // ---------------------------------------------------------------- (c) value types

  @Test
  void durationsSurviveTheirText() {
    qt().forAll(SpecGenerators.durations())
        .checkAssert(d -> assertEquals(d, Duration.parse(d.toString()), d.toString()));
  }

  @Test
  void distributionsSurviveTheirText() {
    qt().forAll(SpecGenerators.distributions())
        .checkAssert(d -> assertEquals(d, Distribution.parse(d.toString()), d.toString()));
  }

  @Test
  void ratesSurviveTheirText() {
    qt().forAll(SpecGenerators.rates())
        .checkAssert(r -> assertEquals(r, Rate.parse(r.toString()), r.toString()));
  }
}
