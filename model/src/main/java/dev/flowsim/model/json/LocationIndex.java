package dev.flowsim.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each value of a JSON document starts, by JSON path ({@code components[3].replication}), so
 * that diagnostics found on the bound model can point at a line and column. Built by one streaming
 * pass, which also proves the document is well-formed JSON and records the top-level format
 * version.
 */
public final class LocationIndex {

  private final Map<String, int[]> byPath = new HashMap<>();
  private final List<String> paths = new ArrayList<>();
  private final List<long[]> starts = new ArrayList<>();
  private JsonToken rootToken;
  private JsonToken versionToken;
  private String versionText;
  private int[] versionPosition;

  private LocationIndex() {}

  /** An index that knows no positions (for pipelines that did not come from a file). */
  public static LocationIndex none() {
    return new LocationIndex();
  }

  /**
   * Scans a document.
   *
   * @throws IOException when the bytes are not well-formed JSON or break a stream constraint
   */
  static LocationIndex scan(JsonFactory factory, byte[] bytes) throws IOException {
    LocationIndex index = new LocationIndex();
    try (JsonParser p = factory.createParser(bytes)) {
      Deque<Frame> stack = new ArrayDeque<>();
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          stack.peek().field = p.currentName();
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          advance(stack);
          continue;
        }
        String path = stack.isEmpty() ? "" : stack.peek().childPath();
        JsonLocation loc = p.currentTokenLocation();
        index.record(path, loc.getLineNr(), loc.getColumnNr());
        if (stack.isEmpty()) {
          index.rootToken = t;
        } else if (stack.size() == 1 && "flowsim".equals(path)) {
          index.versionToken = t;
          index.versionText = t.isScalarValue() ? p.getText() : null;
          index.versionPosition = new int[] {loc.getLineNr(), loc.getColumnNr()};
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(path, t == JsonToken.START_ARRAY));
        } else {
          advance(stack);
        }
      }
    }
    return index;
  }

  private static void advance(Deque<Frame> stack) {
    if (!stack.isEmpty() && stack.peek().array) {
      stack.peek().index++;
    }
  }

  private void record(String path, int line, int column) {
    byPath.putIfAbsent(path, new int[] {line, column});
    paths.add(path);
    starts.add(new long[] {line, column});
  }

  /** The first token of the document (null for an empty document). */
  JsonToken rootToken() {
    return rootToken;
  }

  JsonToken versionToken() {
    return versionToken;
  }

  String versionText() {
    return versionText;
  }

  int[] versionPosition() {
    return versionPosition;
  }

  /**
   * The line and column of the value at {@code path}, or of its nearest recorded ancestor (a
   * defaulted field has no position of its own; its object does). Null when nothing is known.
   */
  public int[] locate(String path) {
    String p = path;
    while (true) {
      int[] at = byPath.get(p);
      if (at != null || p.isEmpty()) {
        return at;
      }
      p = parent(p);
    }
  }

  /** The path of the innermost value that starts at or before the given position. */
  String pathAt(int line, int column) {
    String best = null;
    for (int i = 0; i < starts.size(); i++) {
      long[] s = starts.get(i);
      if (s[0] < line || (s[0] == line && s[1] <= column)) {
        best = paths.get(i);
      } else {
        break;
      }
    }
    return best;
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
    int index;
    String field;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }

    String childPath() {
      return array ? path + "[" + index + "]" : field(path, field);
    }
  }
}
