package dev.flowsim.model.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Spelling;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Jackson's exceptions into diagnostics a user can act on: the JSON path, what was expected
 * and what was found, at the line and column of the offending value.
 */
final class JsonErrors {
  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("Missing required creator property '([^']+)'");

  private JsonErrors() {}

  /** A description of the parser's current token for "got …" messages. */
  static String describe(JsonParser p) {
    try {
      JsonToken t = p.currentToken();
      if (t == null) {
        return "nothing";
      }
      return switch (t) {
        case VALUE_STRING -> "the string \"" + abbreviate(p.getText()) + "\"";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + abbreviate(p.getText());
        case VALUE_TRUE -> "true";
        case VALUE_FALSE -> "false";
        case VALUE_NULL -> "null";
        case START_OBJECT, FIELD_NAME -> "an object";
        case START_ARRAY -> "an array";
        default -> t.asString() == null ? t.name().toLowerCase(Locale.ROOT) : t.asString();
      };
    } catch (IOException e) {
      return "an unreadable value";
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** A diagnostic for a failed binding or a malformed document. */
  static Diagnostic toDiagnostic(JsonProcessingException e, LocationIndex index, String source) {
    String path = e instanceof JsonMappingException m ? path(m.getPath()) : null;
    JsonLocation loc = e.getLocation();
    if (path == null && loc != null && index != null) {
      path = index.pathAt(loc.getLineNr(), loc.getColumnNr());
    }
    String message = message(e);
    Diagnostic d = Diagnostic.error(code(e), path == null ? "" : path, message);
    int[] at = null;
    if (e instanceof JsonMappingException && path != null && index != null) {
      at = index.locate(path);
    }
    if (at == null && loc != null && loc.getLineNr() > 0) {
      at = new int[] {loc.getLineNr(), loc.getColumnNr()};
    }
    return d.at(new Diagnostic.Location(source, at == null ? 0 : at[0], at == null ? 0 : at[1]));
  }

  private static String code(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "unknown-field";
    }
    if (e instanceof InvalidTypeIdException) {
      return "unknown-type";
    }
    if (e instanceof JsonMappingException) {
      return "bad-value";
    }
    return "malformed-json";
  }

  private static String message(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return "the document is too large or nested too deeply to be a Flowsim spec ("
          + e.getOriginalMessage().replaceAll("\\s*\\(.*", "")
          + ")";
    }
    if (e instanceof InputCoercionException c) {
      return "the number " + abbreviate(textOf(c)) + " is out of range for " + typeName(c);
    }
    if (e instanceof SpecModule.SpecValueException) {
      return e.getOriginalMessage();
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return unknownField(u);
    }
    if (e instanceof InvalidTypeIdException t) {
      List<String> names = subtypeNames(t.getBaseType().getRawClass());
      return t.getTypeId() == null
          ? "missing \"type\": expected one of " + String.join(", ", names)
          : "unknown type: expected one of "
              + String.join(", ", names)
              + ", got \""
              + t.getTypeId()
              + "\"";
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
      if (f.getTargetType().isEnum()) {
        return "expected one of "
            + String.join(", ", enumNames(f.getTargetType()))
            + ", got "
            + describeValue(f.getValue());
      }
      return "expected " + expected(f.getTargetType()) + ", got " + describeValue(f.getValue());
    }
    if (e instanceof ValueInstantiationException v) {
      Throwable cause = v.getCause();
      if (cause instanceof NullPointerException) {
        return "null is not allowed here; leave the entry out instead";
      }
      return "invalid value: " + (cause == null ? v.getOriginalMessage() : cause.getMessage());
    }
    if (e instanceof MismatchedInputException m) {
      Matcher missing = MISSING_PROPERTY.matcher(m.getOriginalMessage());
      if (missing.find()) {
        return "missing required field \"" + missing.group(1) + "\"";
      }
      if (m.getOriginalMessage().startsWith("No content to map")) {
        return "the file is empty: expected a Flowsim spec, a JSON object with \"flowsim\": 1";
      }
      if (m.getOriginalMessage().startsWith("Trailing token")) {
        return "unexpected content after the end of the spec object";
      }
      String got = m.getProcessor() instanceof JsonParser p ? describe(p) : "something else";
      if (m.getTargetType() != null) {
        return "expected " + expected(m.getTargetType()) + ", got " + got;
      }
      return m.getOriginalMessage();
    }
    String original = e.getOriginalMessage();
    // Jackson's syntax messages name the problem well; drop its advice on Java escapes
    int cut = original.indexOf("\n");
    return "malformed JSON: " + (cut > 0 ? original.substring(0, cut) : original);
  }

  private static String textOf(InputCoercionException c) {
    try {
      return c.getProcessor() != null ? c.getProcessor().getText() : "?";
    } catch (IOException ex) {
      return "?";
    }
  }

  private static String typeName(InputCoercionException c) {
    Class<?> t = c.getTargetType();
    if (t == Integer.class || t == int.class) {
      return "an integer (at most 2147483647)";
    }
    if (t == Long.class || t == long.class) {
      return "a 64-bit integer";
    }
    return "this field";
  }

  private static String unknownField(UnrecognizedPropertyException u) {
    String name = u.getPropertyName();
    List<String> known = new ArrayList<>();
    for (Object o : u.getKnownPropertyIds() == null ? List.of() : u.getKnownPropertyIds()) {
      known.add(o.toString());
    }
    known.removeIf(k -> k.equals("type"));
    StringBuilder b = new StringBuilder("unknown field \"").append(name).append('"');
    String close = Spelling.closest(name, known);
    if (close != null) {
      b.append(" (did you mean \"").append(close).append("\"?)");
    }
    String owner = ownerName(u.getReferringClass());
    b.append("; ").append(owner).append(" has: ").append(String.join(", ", known));
    return b.toString();
  }

  private static String ownerName(Class<?> type) {
    for (ComponentKind k : ComponentKind.values()) {
      if (k.type() == type) {
        return "a " + k.typeName();
      }
    }
    String simple = type.getSimpleName();
    return switch (simple) {
      case "Pipeline" -> "a spec";
      default -> "this object";
    };
  }

  static List<String> enumNames(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      names.add(enumName((Enum<?>) constant));
    }
    return names;
  }

  /** The JSON name of an enum constant (its {@code @JsonProperty}, else its lower-case name). */
  static String enumName(Enum<?> constant) {
    try {
      JsonProperty p =
          constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return p != null ? p.value() : constant.name().toLowerCase(Locale.ROOT);
    } catch (NoSuchFieldException e) {
      return constant.name().toLowerCase(Locale.ROOT);
    }
  }

  static List<String> subtypeNames(Class<?> base) {
    JsonSubTypes sub = base.getAnnotation(JsonSubTypes.class);
    if (sub == null) {
      return List.of();
    }
    return Arrays.stream(sub.value()).map(JsonSubTypes.Type::name).toList();
  }

  private static String describeValue(Object v) {
    if (v instanceof String s) {
      return "\"" + abbreviate(s) + "\"";
    }
    return String.valueOf(v);
  }

  private static String expected(Class<?> t) {
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "a whole number";
    }
    if (t == Double.class || t == double.class || t == Float.class) {
      return "a number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    if (t == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(t) || t.isArray()) {
      return "an array";
    }
    if (Map.class.isAssignableFrom(t)) {
      return "an object";
    }
    if (t.isEnum()) {
      return "one of " + String.join(", ", enumNames(t));
    }
    if (t.isRecord() || t.isInterface()) {
      return "an object";
    }
    return "a " + t.getSimpleName();
  }

  /** {@code components[3].replication} from Jackson's reference chain. */
  static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  static String joinNames(Collection<String> names) {
    return names.stream().collect(Collectors.joining(", "));
  }
}
