package dev.flowsim.model.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.json.SpecException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML or JSON document read into a Jackson tree, with the line and column where each value (by
 * JSON pointer, e.g. {@code /channels/orders/address}) starts, so that import errors can point into
 * the file.
 */
final class LocatedTree {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  private final String source;
  private final JsonNode root;
  private final Map<String, int[]> positions;

  private LocatedTree(String source, JsonNode root, Map<String, int[]> positions) {
    this.source = source;
    this.root = root;
    this.positions = positions;
  }

  JsonNode root() {
    return root;
  }

  String source() {
    return source;
  }

  /** The location of a pointer, or of its nearest ancestor with one. */
  Diagnostic.Location location(String pointer) {
    String p = pointer;
    while (true) {
      int[] at = positions.get(p);
      if (at != null) {
        return new Diagnostic.Location(source, at[0], at[1]);
      }
      if (p.isEmpty()) {
        return new Diagnostic.Location(source, 0, 0);
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** An error at a pointer: located, with the pointer as its path. */
  Diagnostic error(String code, String pointer, String message) {
    return Diagnostic.error(code, pointer, message).at(location(pointer));
  }

  /** Escapes a key for a JSON pointer segment. */
  static String segment(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }

  /** Reads JSON (a text starting with '{' or '[') or YAML. */
  static LocatedTree parse(String source, String text) throws SpecException {
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("\uFEFF")) {
      trimmed = trimmed.substring(1).stripLeading();
    }
    if (trimmed.isEmpty()) {
      throw new SpecException(
          Diagnostic.error(
                  "empty",
                  "",
                  "the file is empty: expected an AsyncAPI 3.0 document (YAML or JSON)")
              .at(new Diagnostic.Location(source, 1, 1)));
    }
    boolean json = trimmed.startsWith("{") || trimmed.startsWith("[");
    Map<String, int[]> positions = new HashMap<>();
    try (JsonParser p = (json ? JSON : YAML).createParser(text.replace("\uFEFF", ""))) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new SpecException(
            Diagnostic.error("empty", "", "the file has no document: expected an AsyncAPI document")
                .at(new Diagnostic.Location(source, 1, 1)));
      }
      JsonNode root = read(p, "", positions, source);
      JsonToken after = p.nextToken();
      if (after != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new SpecException(
            Diagnostic.error(
                    "syntax", "", "unexpected content after the document (only one is read)")
                .at(new Diagnostic.Location(source, at.getLineNr(), at.getColumnNr())));
      }
      return new LocatedTree(source, root, positions);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String msg = e.getOriginalMessage();
      throw new SpecException(
          Diagnostic.error(
                  "syntax",
                  "",
                  (json ? "malformed JSON: " : "malformed YAML: ")
                      + (msg == null ? e.toString() : msg.strip()))
              .at(
                  at == null
                      ? new Diagnostic.Location(source, 0, 0)
                      : new Diagnostic.Location(
                          source, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()))));
    } catch (IOException e) {
      throw new SpecException(
          Diagnostic.error("io", "", "cannot read: " + e.getMessage())
              .at(new Diagnostic.Location(source, 0, 0)));
    }
  }

  private static JsonNode read(
      JsonParser p, String pointer, Map<String, int[]> positions, String source)
      throws IOException, SpecException {
    JsonLocation at = p.currentTokenLocation();
    positions.put(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation keyAt = p.currentTokenLocation();
          String child = pointer + "/" + segment(key);
          if (o.has(key)) {
            throw new SpecException(
                Diagnostic.error("duplicate-key", child, "duplicate key \"" + key + "\"")
                    .at(new Diagnostic.Location(source, keyAt.getLineNr(), keyAt.getColumnNr())));
          }
          p.nextToken();
          o.set(key, read(p, child, positions, source));
          // a key's own position is better than its value's for a missing or bad value
          positions.put(child, new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
        }
        return o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(read(p, pointer + "/" + i++, positions, source));
        }
        return a;
      }
      case VALUE_STRING -> {
        return f.textNode(p.getText());
      }
      case VALUE_NUMBER_INT -> {
        return f.numberNode(p.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return f.numberNode(p.getDecimalValue());
      }
      case VALUE_TRUE -> {
        return f.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return f.booleanNode(false);
      }
      case VALUE_NULL -> {
        return f.nullNode();
      }
      default -> {
        return f.textNode(p.getText());
      }
    }
  }
}
