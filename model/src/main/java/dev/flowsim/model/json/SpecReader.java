package dev.flowsim.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads pipeline specs. Either a whole {@link Pipeline} comes back, or a {@link SpecException} with
 * a located diagnostic: file, line, column, JSON path, what was expected and what was found.
 * Checks, in order: size, emptiness, JSON syntax (and nesting depth), that the top is an object,
 * the {@code flowsim} format version, then the binding of every field.
 */
public final class SpecReader {

  private SpecReader() {}

  /** Reads a spec file; the diagnostics name it as {@code file} was given. */
  public static LoadedSpec load(Path file) throws SpecException {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > SpecJson.MAX_BYTES) {
        throw tooLarge(source, size);
      }
      if (Files.isDirectory(file)) {
        throw new SpecException(problem(source, "io", "is a directory, not a spec file"));
      }
      return parse(source, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new SpecException(problem(source, "io", "no such file"));
    } catch (IOException e) {
      throw new SpecException(problem(source, "io", "cannot read: " + e.getMessage()));
    }
  }

  public static Pipeline read(Path file) throws SpecException {
    return load(file).pipeline();
  }

  public static LoadedSpec parse(String source, String json) throws SpecException {
    return parse(source, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a spec from bytes (UTF-8 JSON); {@code source} names it in diagnostics. */
  public static LoadedSpec parse(String source, byte[] bytes) throws SpecException {
    if (bytes.length > SpecJson.MAX_BYTES) {
      throw tooLarge(source, bytes.length);
    }
    if (isBlank(bytes)) {
      throw new SpecException(
          problem(
              source,
              "empty",
              "the file is empty: expected a Flowsim spec, a JSON object with \"flowsim\": 1"));
    }
    LocationIndex index;
    try {
      index = LocationIndex.scan(SpecJson.FACTORY, bytes);
    } catch (JsonProcessingException e) {
      throw new SpecException(JsonErrors.toDiagnostic(e, null, source));
    } catch (IOException e) {
      throw new SpecException(problem(source, "io", "cannot read: " + e.getMessage()));
    }
    if (index.rootToken() != JsonToken.START_OBJECT) {
      throw new SpecException(
          Diagnostic.error(
                  "not-a-spec",
                  "",
                  "expected a Flowsim spec, a JSON object with \"flowsim\": 1, got "
                      + rootDescription(index.rootToken()))
              .at(new Diagnostic.Location(source, 1, 1)));
    }
    checkVersion(source, index);
    try {
      Pipeline pipeline = SpecJson.MAPPER.readValue(bytes, Pipeline.class);
      return new LoadedSpec(source, pipeline, index);
    } catch (JsonProcessingException e) {
      throw new SpecException(JsonErrors.toDiagnostic(e, index, source));
    } catch (IOException e) {
      throw new SpecException(problem(source, "io", "cannot read: " + e.getMessage()));
    }
  }

  private static void checkVersion(String source, LocationIndex index) throws SpecException {
    JsonToken t = index.versionToken();
    if (t == null) {
      throw new SpecException(
          Diagnostic.error(
                  "format-version",
                  "",
                  "missing \"flowsim\": "
                      + Pipeline.FORMAT_VERSION
                      + ", the spec format version, at the top of the spec")
              .at(new Diagnostic.Location(source, 1, 1)));
    }
    int[] at = index.versionPosition();
    Diagnostic.Location where = new Diagnostic.Location(source, at[0], at[1]);
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw new SpecException(
          Diagnostic.error(
                  "format-version",
                  "flowsim",
                  "expected the format version "
                      + Pipeline.FORMAT_VERSION
                      + ", got "
                      + (t == JsonToken.VALUE_STRING
                          ? "the string \"" + JsonErrors.abbreviate(index.versionText()) + "\""
                          : rootDescription(t)))
              .at(where));
    }
    long version;
    try {
      version = Long.parseLong(index.versionText());
    } catch (NumberFormatException e) {
      version = Long.MAX_VALUE;
    }
    if (version > Pipeline.FORMAT_VERSION) {
      throw new SpecException(
          Diagnostic.error(
                  "format-version",
                  "flowsim",
                  "this spec uses format "
                      + index.versionText()
                      + ", written by a newer Flowsim; this Flowsim reads format "
                      + Pipeline.FORMAT_VERSION
                      + ". Upgrade Flowsim to open it.")
              .at(where));
    }
    if (version < Pipeline.FORMAT_VERSION) {
      throw new SpecException(
          Diagnostic.error(
                  "format-version",
                  "flowsim",
                  "unknown format version "
                      + index.versionText()
                      + "; expected "
                      + Pipeline.FORMAT_VERSION)
              .at(where));
    }
  }

  private static String rootDescription(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name().toLowerCase(Locale.ROOT);
    };
  }

  private static boolean isBlank(byte[] bytes) {
    int i = 0;
    // a UTF-8 byte order mark alone is still empty
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb) {
      i = 3;
    }
    for (; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  private static SpecException tooLarge(String source, long size) {
    return new SpecException(
        problem(
            source,
            "too-large",
            String.format(
                Locale.ROOT,
                "the file is %.1f MB; Flowsim specs are at most %d MB",
                size / 1048576.0,
                SpecJson.MAX_BYTES / 1048576)));
  }

  private static Diagnostic problem(String source, String code, String message) {
    return Diagnostic.error(code, "", message).at(new Diagnostic.Location(source, 0, 0));
  }
}
