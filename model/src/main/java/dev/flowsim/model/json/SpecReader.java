package dev.flowsim.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads pipeline specs. Either a whole {@link Pipeline} comes back, or a {@link SpecException} with
 * a located diagnostic: file, line, column, JSON path, what was expected and what was found.
 * Checks, in order: size, that the file is UTF-8 text, emptiness, JSON syntax (with nesting depth
 * and duplicate keys), that the top is one object with nothing after it, the {@code flowsim} format
 * version, then the binding of every field.
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
    String text = decode(source, bytes);
    if (bytes.length == 0) {
      throw new SpecException(
          Diagnostic.error(
                  "empty",
                  "",
                  "the file is empty: expected a Flowsim spec, a JSON object with \"flowsim\": 1")
              .at(new Diagnostic.Location(source, 1, 1)));
    }
    if (isBlank(text)) { // a byte order mark alone is as invisible as whitespace
      throw new SpecException(
          Diagnostic.error(
                  "empty",
                  "",
                  "the file has only whitespace: expected a Flowsim spec, a JSON object with"
                      + " \"flowsim\": 1")
              .at(new Diagnostic.Location(source, 1, 1)));
    }
    LocationIndex index = LocationIndex.scan(SpecJson.FACTORY, text, source);
    checkVersion(source, index);
    Diagnostic nullValue = JsonErrors.firstNull(index, source, false);
    if (nullValue != null) {
      throw new SpecException(nullValue);
    }
    Pipeline pipeline;
    try {
      pipeline = SpecJson.MAPPER.readValue(text, Pipeline.class);
    } catch (JsonProcessingException e) {
      throw new SpecException(JsonErrors.toDiagnostic(e, index, source));
    }
    // a null the model has no place for (and that binding let through) is still not a value
    nullValue = JsonErrors.firstNull(index, source, true);
    if (nullValue != null) {
      throw new SpecException(nullValue);
    }
    return new LoadedSpec(source, pipeline, index);
  }

  /**
   * The text of a spec file: strict UTF-8 without its byte order mark. Columns are then counted in
   * characters, as editors count them, not in bytes.
   */
  private static String decode(String source, byte[] bytes) throws SpecException {
    int start = hasBom(bytes) ? 3 : 0;
    String binary = binaryKind(bytes);
    if (binary != null) {
      throw notText(source, binary, 1, 1);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    out.flip();
    String text = out.toString();
    if (result.isError()) {
      int bad = in.position();
      if (containsNul(bytes)) {
        throw notText(source, "binary data", 1, 1);
      }
      int[] at = LocationIndex.position(text, text.length());
      throw new SpecException(
          Diagnostic.error(
                  "not-text",
                  "",
                  String.format(
                      Locale.ROOT,
                      "expected UTF-8 text, got the byte 0x%02X, which is not UTF-8 (was the file"
                          + " saved in another encoding, such as Latin-1?): save the spec as"
                          + " UTF-8",
                      bytes[bad] & 0xff))
              .at(new Diagnostic.Location(source, at[0], at[1])));
    }
    return text;
  }

  private static boolean hasBom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf;
  }

  /**
   * What a file that is plainly not UTF-8 text is, from its first bytes; null if it may be text.
   */
  private static String binaryKind(byte[] b) {
    if (startsWith(b, 0x89, 'P', 'N', 'G')) {
      return "a PNG image";
    }
    if (startsWith(b, 0xff, 0xd8, 0xff)) {
      return "a JPEG image";
    }
    if (startsWith(b, 0x1f, 0x8b)) {
      return "a gzip archive";
    }
    if (startsWith(b, 'P', 'K', 3, 4)) {
      return "a ZIP archive";
    }
    if (startsWith(b, 0, 0, 0xfe, 0xff) || startsWith(b, 0xff, 0xfe, 0, 0)) {
      return "UTF-32 text; save the spec as UTF-8";
    }
    if (startsWith(b, 0xfe, 0xff) || startsWith(b, 0xff, 0xfe)) {
      return "UTF-16 text; save the spec as UTF-8";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsNul(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  private static SpecException notText(String source, String what, int line, int column) {
    return new SpecException(
        Diagnostic.error(
                "not-text", "", "expected a Flowsim spec, a JSON text file in UTF-8, got " + what)
            .at(new Diagnostic.Location(source, line, column)));
  }

  private static void checkVersion(String source, LocationIndex index) throws SpecException {
    LocationIndex.Entry version = index.entry("flowsim");
    if (version == null) {
      throw new SpecException(
          Diagnostic.error(
                  "format-version",
                  "",
                  "missing \"flowsim\": "
                      + Pipeline.FORMAT_VERSION
                      + ", the spec format version, at the top of the spec")
              .at(new Diagnostic.Location(source, 1, 1)));
    }
    JsonToken t = version.token();
    String text = version.text();
    Diagnostic.Location where = new Diagnostic.Location(source, version.line(), version.column());
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw new SpecException(
          Diagnostic.error(
                  "format-version",
                  "flowsim",
                  "expected the format version "
                      + Pipeline.FORMAT_VERSION
                      + ", got "
                      + JsonErrors.describe(t, text))
              .at(where));
    }
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      v = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    if (v > Pipeline.FORMAT_VERSION) {
      throw new SpecException(
          Diagnostic.error(
                  "format-version",
                  "flowsim",
                  "this spec uses format "
                      + text
                      + ", written by a newer Flowsim; this Flowsim reads format "
                      + Pipeline.FORMAT_VERSION
                      + ". Upgrade Flowsim to open it.")
              .at(where));
    }
    if (v < Pipeline.FORMAT_VERSION) {
      throw new SpecException(
          Diagnostic.error(
                  "format-version",
                  "flowsim",
                  "unknown format version " + text + "; expected " + Pipeline.FORMAT_VERSION)
              .at(where));
    }
  }

  /** Only JSON whitespace (space, tab, line ends). */
  private static boolean isBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!LocationIndex.isJsonWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static SpecException tooLarge(String source, long size) {
    long limitMb = SpecJson.MAX_BYTES / 1048576;
    String mb = String.format(Locale.ROOT, "%.1f MB", size / 1048576.0);
    // just over the limit, one decimal would read as the limit itself
    String what =
        mb.equals(String.format(Locale.ROOT, "%.1f MB", (double) limitMb)) ? size + " bytes" : mb;
    return new SpecException(
        problem(
            source,
            "too-large",
            "the file is "
                + what
                + "; Flowsim specs are at most "
                + limitMb
                + " MB ("
                + SpecJson.MAX_BYTES
                + " bytes)"));
  }

  private static Diagnostic problem(String source, String code, String message) {
    return Diagnostic.error(code, "", message).at(new Diagnostic.Location(source, 0, 0));
  }
}
