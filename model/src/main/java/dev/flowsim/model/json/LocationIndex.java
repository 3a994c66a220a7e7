package dev.flowsim.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.flowsim.model.check.Diagnostic;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each value of a JSON document starts, by JSON path ({@code components[3].replication}), so
 * that diagnostics found on the bound model can point at a line and column. Built by one streaming
 * pass over the text (so columns count characters, as editors do), which also proves the document
 * is one well-formed JSON object with no duplicate keys, and records the top-level format version.
 * What a value is (an object, the string "3", …) is kept too, so that binding errors can say what
 * was found.
 */
public final class LocationIndex {

  /**
   * The first token of a value, where it starts and, for scalars, its text; and where it sits: the
   * path of its container ({@code null} for the top) and its key there ({@code null} in an array).
   */
  record Entry(int line, int column, JsonToken token, String text, String parent, String key) {
    int[] position() {
      return new int[] {line, column};
    }
  }

  private final Map<String, Entry> byPath = new HashMap<>();
  private final Map<String, int[]> keys = new HashMap<>();
  private final List<String> paths = new ArrayList<>();

  private LocationIndex() {}

  /** An index that knows no positions (for pipelines that did not come from a file). */
  public static LocationIndex none() {
    return new LocationIndex();
  }

  /**
   * Scans a document.
   *
   * @param source names the document in diagnostics
   * @throws SpecException when the text is not one well-formed JSON object (malformed, cut off,
   *     nested too deeply, a duplicate key, a top level that is not an object, or content after it)
   */
  static LocationIndex scan(JsonFactory factory, String text, String source) throws SpecException {
    LocationIndex index = new LocationIndex();
    Deque<Frame> stack = new ArrayDeque<>();
    boolean started = false;
    JsonLocation rootEnd = null;
    String reading = null; // the path of a string whose text is being decoded
    try (JsonParser p = factory.createParser(text)) {
      // duplicates are found below, where their JSON path is known
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      try {
        JsonToken t;
        while ((t = p.nextToken()) != null) {
          if (rootEnd != null) {
            throw trailing(text, source, rootEnd);
          }
          started = true;
          if (t == JsonToken.FIELD_NAME) {
            index.key(stack.peek(), p.currentName(), p.currentTokenLocation(), source);
            continue;
          }
          if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
            stack.pop();
            advance(stack);
            if (stack.isEmpty()) {
              rootEnd = p.currentTokenLocation();
            }
            continue;
          }
          Frame parent = stack.peek();
          String path = parent == null ? "" : parent.childPath();
          JsonLocation loc = p.currentTokenLocation();
          if (parent == null) {
            if (t != JsonToken.START_OBJECT) {
              throw new SpecException(
                  Diagnostic.error(
                          "not-a-spec",
                          "",
                          "expected a Flowsim spec, a JSON object with \"flowsim\": 1, got "
                              + JsonErrors.kind(t))
                      .at(new Diagnostic.Location(source, loc.getLineNr(), loc.getColumnNr())));
            }
          }
          reading = path;
          String value = t.isScalarValue() ? JsonErrors.abbreviate(p.getText()) : null;
          reading = null;
          index.record(
              path,
              new Entry(
                  loc.getLineNr(),
                  loc.getColumnNr(),
                  t,
                  value,
                  parent == null ? null : parent.path,
                  parent == null || parent.array ? null : parent.field));
          if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            stack.push(new Frame(path, t == JsonToken.START_ARRAY, loc.getLineNr()));
          } else {
            advance(stack);
          }
        }
      } catch (JsonProcessingException e) {
        if (!started) {
          throw notASpec(text, source);
        }
        if (rootEnd != null) {
          throw trailing(text, source, rootEnd);
        }
        throw broken(e, p, stack, reading, text, source);
      }
    } catch (IOException e) {
      throw new SpecException(
          Diagnostic.error("io", "", "cannot read: " + e.getMessage())
              .at(new Diagnostic.Location(source, 0, 0)));
    }
    return index;
  }

  /** Records a key's position; a key already set in its object is an error. */
  private void key(Frame f, String name, JsonLocation at, String source) throws SpecException {
    f.field = name;
    String path = f.childPath();
    if (!f.names.add(name)) {
      int[] first = keys.get(path);
      throw fail(
          source,
          "duplicate-key",
          path,
          "duplicate key \""
              + JsonErrors.abbreviate(name)
              + "\": it is already set on line "
              + first[0]
              + "; a key may appear only once in an object",
          at);
    }
    keys.put(path, new int[] {at.getLineNr(), at.getColumnNr()});
  }

  /** The document is not well-formed: say where, in which value, and what is missing or wrong. */
  private static SpecException broken(
      JsonProcessingException e,
      JsonParser p,
      Deque<Frame> stack,
      String reading,
      String text,
      String source) {
    // the parser reads "key": before it returns the key, so a failure after a key leaves it current
    String key = null;
    if (p.currentToken() == JsonToken.FIELD_NAME) {
      try {
        key = p.currentName();
      } catch (IOException ignored) {
        // no key then
      }
    }
    String path;
    if (reading != null) {
      path = reading;
    } else if (stack.isEmpty()) {
      path = "";
    } else if (key != null && !stack.peek().array) {
      path = field(stack.peek().path, key);
    } else {
      path = stack.peek().array ? stack.peek().childPath() : stack.peek().path;
    }
    if (e instanceof StreamConstraintsException c) {
      // the value that broke the limit; after a key, the parser has not moved its token there yet
      JsonLocation at = p.currentTokenLocation();
      int[] value =
          p.currentToken() == JsonToken.FIELD_NAME
              ? valueAfterKey(text, (int) at.getCharOffset())
              : null;
      boolean deep = JsonErrors.isNesting(c);
      Diagnostic.Location where =
          value != null
              ? new Diagnostic.Location(source, value[0], value[1])
              : new Diagnostic.Location(source, at.getLineNr(), at.getColumnNr());
      return new SpecException(
          Diagnostic.error(
                  deep ? "too-deep" : "too-large", deep ? "" : path, JsonErrors.constraint(c))
              .at(where));
    }
    if (e instanceof JsonEOFException eof) {
      if (reading == null && key == null) {
        path = stack.isEmpty() ? "" : stack.peek().path; // nothing started: the open container
      }
      return fail(
          source,
          "truncated",
          path,
          JsonErrors.truncated(
              eof.getTokenBeingDecoded(), reading == null ? key : null, open(stack)),
          e.getLocation());
    }
    String message = JsonErrors.malformed(e, text);
    int[] comma = JsonErrors.trailingComma(text, e.getLocation());
    if (comma != null && message.contains("a comma must be followed")) {
      // point at the comma to remove, not at the bracket after it
      return new SpecException(
          Diagnostic.error("malformed-json", path, message)
              .at(new Diagnostic.Location(source, comma[0], comma[1])));
    }
    return fail(source, "malformed-json", path, message, e.getLocation());
  }

  /** The position of the value after the key that starts at {@code offset}, or null. */
  private static int[] valueAfterKey(String text, int offset) {
    int i = offset;
    if (i < 0 || i >= text.length() || text.charAt(i) != '"') {
      return null;
    }
    for (i++; i < text.length() && text.charAt(i) != '"'; i++) {
      if (text.charAt(i) == '\\') {
        i++;
      }
    }
    i = skipWhitespace(text, i + 1);
    if (i >= text.length() || text.charAt(i) != ':') {
      return null;
    }
    i = skipWhitespace(text, i + 1);
    return i < text.length() ? position(text, i) : null;
  }

  private static SpecException fail(
      String source, String code, String path, String message, JsonLocation at) {
    int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
    int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
    return new SpecException(
        Diagnostic.error(code, path, message).at(new Diagnostic.Location(source, line, column)));
  }

  /** The text does not even start a JSON value: say what it starts with. */
  private static SpecException notASpec(String text, String source) {
    int start = skipWhitespace(text, 0);
    int[] at = position(text, start);
    return new SpecException(
        Diagnostic.error(
                "not-a-spec",
                "",
                "expected a Flowsim spec, a JSON object with \"flowsim\": 1, got "
                    + snippet(text, start)
                    + ", which is not JSON")
            .at(new Diagnostic.Location(source, at[0], at[1])));
  }

  /** Something follows the spec's closing brace. */
  private static SpecException trailing(String text, String source, JsonLocation rootEnd) {
    int start = skipWhitespace(text, (int) rootEnd.getCharOffset() + 1);
    int[] at = position(text, start);
    return new SpecException(
        Diagnostic.error(
                "trailing-content",
                "",
                "expected nothing after the closing } of the spec on line "
                    + rootEnd.getLineNr()
                    + ", got "
                    + snippet(text, start))
            .at(new Diagnostic.Location(source, at[0], at[1])));
  }

  /** The containers still open, innermost first: "} for components[2] (line 7)". */
  private static List<String> open(Deque<Frame> stack) {
    List<String> out = new ArrayList<>();
    for (Iterator<Frame> i = stack.iterator(); i.hasNext(); ) {
      Frame f = i.next();
      out.add(
          (f.array ? "]" : "}")
              + " for "
              + (f.path.isEmpty() ? "the spec" : f.path)
              + " (line "
              + f.line
              + ")");
    }
    return out;
  }

  private static int skipWhitespace(String text, int from) {
    int i = Math.max(0, from);
    while (i < text.length() && isJsonWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  static boolean isJsonWhitespace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  /** The rest of the line from {@code start}, quoted and shortened, or "the end of the file". */
  private static String snippet(String text, int start) {
    if (start >= text.length()) {
      return "the end of the file";
    }
    int end = start;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    String s = text.substring(start, end).strip();
    if (s.length() > 30) {
      s = s.substring(0, 27) + "...";
    }
    return "\"" + s + "\"";
  }

  /**
   * The 1-based line and column of a character offset, counting lines as Jackson does (LF, CRLF or
   * a lone CR each end a line).
   */
  static int[] position(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    int end = Math.min(offset, text.length());
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, end - lineStart + 1};
  }

  private static void advance(Deque<Frame> stack) {
    if (!stack.isEmpty() && stack.peek().array) {
      stack.peek().index++;
    }
  }

  private void record(String path, Entry entry) {
    byPath.putIfAbsent(path, entry);
    paths.add(path);
  }

  /** The value at a path, or null when the document has none there. */
  Entry entry(String path) {
    return byPath.get(path);
  }

  /** The line and column of the key of the object member at {@code path}, or null. */
  int[] keyPosition(String path) {
    int[] at = keys.get(path);
    return at == null ? null : at.clone();
  }

  /**
   * The line and column of the value at {@code path}, or of its nearest recorded ancestor (a
   * defaulted field has no position of its own; its object does). Null when nothing is known.
   */
  public int[] locate(String path) {
    String p = path;
    while (true) {
      Entry at = byPath.get(p);
      if (at != null) {
        return at.position();
      }
      if (p.isEmpty()) {
        return null;
      }
      p = parent(p);
    }
  }

  /** The paths of all values in document order. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  /** Appends a field name to a path. */
  static String field(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static final class Frame {
    final String path;
    final boolean array;
    final int line;
    final Set<String> names = new HashSet<>();
    int index;
    String field;

    Frame(String path, boolean array, int line) {
      this.path = path;
      this.array = array;
      this.line = line;
    }

    String childPath() {
      return array ? path + "[" + index + "]" : field(path, field);
    }
  }
}
