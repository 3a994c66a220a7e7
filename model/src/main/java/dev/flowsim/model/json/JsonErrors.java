package dev.flowsim.model.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.flowsim.model.Component;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Fault;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Position;
import dev.flowsim.model.Rate;
import dev.flowsim.model.Retention;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Spelling;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's exceptions into diagnostics a user can act on: the JSON path, what was expected
 * and what was found, at the line and column of the offending value.
 */
final class JsonErrors {
  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("Missing required creator property '([^']+)'");

  /** Jackson's location details, which name no file since sources are not kept. */
  private static final Pattern SOURCE =
      Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\s*\\[Source:[^\\]]*\\]");

  /** The polymorphic bases and what their subtypes are called in messages. */
  private static final Map<Class<?>, String> TYPED =
      Map.of(Component.class, "", Operator.class, " operator", Fault.class, " fault");

  private JsonErrors() {}

  /** A description of the parser's current token for "got …" messages. */
  static String describe(JsonParser p) {
    try {
      JsonToken t = p.currentToken();
      if (t == null) {
        return "nothing";
      }
      return describe(t, t.isScalarValue() ? p.getText() : null);
    } catch (IOException e) {
      return "an unreadable value";
    }
  }

  /** "the string "3"", "the number 1.5", "an object", …: what a value is, for "got …". */
  static String describe(JsonToken t, String text) {
    return switch (t) {
      case VALUE_STRING -> "the string \"" + abbreviate(text) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + abbreviate(text);
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      case START_OBJECT, FIELD_NAME -> "an object";
      case START_ARRAY -> "an array";
      default -> t.asString() == null ? t.name().toLowerCase(Locale.ROOT) : t.asString();
    };
  }

  /** What kind of value a token starts, without its text: "an array", "a string". */
  static String kind(JsonToken t) {
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

  static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  // ---------------------------------------------------------------- document errors (the scan)

  /** A broken stream constraint: nesting, or a huge string or number. */
  static boolean isNesting(StreamConstraintsException e) {
    return e.getOriginalMessage().contains("nesting depth");
  }

  static String constraint(StreamConstraintsException e) {
    String m = e.getOriginalMessage();
    if (isNesting(e)) {
      return "the document nests more than "
          + SpecJson.MAX_DEPTH
          + " levels of [ and { here; a Flowsim spec is never that deep";
    }
    if (m.startsWith("String value length")) {
      return "a string of more than "
          + SpecJson.MAX_STRING_LENGTH
          + " characters; no Flowsim spec has one";
    }
    if (m.startsWith("Number value length") || m.startsWith("Number length")) {
      return "a number of more than "
          + SpecJson.MAX_NUMBER_LENGTH
          + " characters; no Flowsim spec has one";
    }
    return "the document is too large or nested too deeply to be a Flowsim spec ("
        + m.replaceAll("\\s*\\(.*", "")
        + ")";
  }

  /**
   * The document ends before it is complete.
   *
   * @param decoding the token being read when the text ended (a string or a key), or null
   * @param key the key whose value is missing, or null
   * @param open what still needs closing, innermost first
   */
  static String truncated(JsonToken decoding, String key, List<String> open) {
    StringBuilder b = new StringBuilder("the file ends early (is it cut off?): expected ");
    boolean first = true;
    if (decoding == JsonToken.VALUE_STRING) {
      b.append("the closing \" of a string");
    } else if (decoding == JsonToken.FIELD_NAME) {
      b.append("the closing \" of a key");
    } else if (key != null) {
      b.append("a value for \"").append(abbreviate(key)).append('"');
    } else {
      first = false;
    }
    if (!open.isEmpty()) {
      b.append(first ? ", then " : "");
      List<String> shown = open.size() > 4 ? open.subList(0, 3) : open;
      for (int i = 0; i < shown.size(); i++) {
        if (i > 0) {
          b.append(i == shown.size() - 1 && shown.size() == open.size() ? " and " : ", ");
        }
        b.append(shown.get(i));
      }
      if (shown.size() < open.size()) {
        b.append(" and ").append(open.size() - shown.size()).append(" more");
      }
    }
    return b.toString();
  }

  private static final Pattern CONTROL =
      Pattern.compile("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
  private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.)'");

  /**
   * A syntax error: the common hand-editing mistakes (a trailing comma, comments, single quotes, a
   * string broken over lines, a stray backslash) in plain words, else in Jackson's words (which
   * name the problem well) minus its Java advice.
   */
  static String malformed(JsonProcessingException e, String text) {
    String m = SOURCE.matcher(e.getOriginalMessage()).replaceAll("");
    int cut = m.indexOf('\n');
    m = (cut > 0 ? m.substring(0, cut) : m).strip();
    Matcher control = CONTROL.matcher(m);
    Matcher escape = ESCAPE.matcher(m);
    String plain = null;
    if (control.find()) {
      int code = Integer.parseInt(control.group(1));
      if (code == '\n' || code == '\r') {
        plain = "a string must end on the line where it starts: expected its closing \"";
      } else if (code == '\t') {
        plain = "a tab inside a string must be written \\t";
      } else {
        plain =
            String.format(
                Locale.ROOT,
                "control character U+%04X inside a string must be written \\u%04X",
                code,
                code);
      }
    } else if (escape.find()) {
      plain = "\\" + escape.group(1) + " is not a JSON escape: write \\\\ for a backslash";
    } else if (m.contains("maybe a (non-standard) comment")) {
      plain = "comments are not allowed in JSON";
    } else if (m.startsWith("Unexpected character (''' (code 39))")) {
      plain = "JSON strings and keys take double quotes, not single quotes";
    } else if (m.startsWith("Unexpected character ('}'")
        || m.startsWith("Unexpected character (']'")) {
      if (trailingComma(text, e.getLocation()) != null) {
        plain = "a comma must be followed by another entry, not " + m.charAt(23) + ": remove it";
      }
    }
    return "malformed JSON: " + (plain != null ? plain : m);
  }

  /** The position of a comma just before the } or ] at a syntax error's location, or null. */
  static int[] trailingComma(String text, JsonLocation at) {
    if (text == null || text.isEmpty() || at == null || at.getCharOffset() < 0) {
      return null;
    }
    int i = (int) Math.min(at.getCharOffset(), text.length() - 1L);
    while (i > 0 && text.charAt(i) != '}' && text.charAt(i) != ']') {
      i--;
    }
    for (i--; i >= 0 && LocationIndex.isJsonWhitespace(text.charAt(i)); i--) {
      // back over whitespace
    }
    return i >= 0 && text.charAt(i) == ',' ? LocationIndex.position(text, i) : null;
  }

  // ---------------------------------------------------------------- binding errors

  /** A diagnostic for a value that is well-formed JSON but does not bind to the spec model. */
  static Diagnostic toDiagnostic(JsonProcessingException e, LocationIndex index, String source) {
    if (index == null) {
      index = LocationIndex.none();
    }
    String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    if (e instanceof InvalidTypeIdException && index.entry(field(path, "type")) != null) {
      path = field(path, "type");
    }
    String message = message(e, index, path);
    Diagnostic d = Diagnostic.error(code(e), path, message);
    int[] at =
        e instanceof UnrecognizedPropertyException
            ? index.keyPosition(path)
            : e instanceof JsonMappingException ? index.locate(path) : null;
    JsonLocation loc = e.getLocation();
    if (at == null && loc != null && loc.getLineNr() > 0) {
      at = new int[] {loc.getLineNr(), loc.getColumnNr()};
    }
    return d.at(new Diagnostic.Location(source, at == null ? 0 : at[0], at == null ? 0 : at[1]));
  }

  private static String field(String parent, String name) {
    return LocationIndex.field(parent, name);
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

  /** What was found at a path, from the document itself (Jackson's parser is closed by now). */
  private static String found(LocationIndex index, String path, String fallback) {
    LocationIndex.Entry e = index.entry(path);
    return e == null ? fallback : describe(e.token(), e.text());
  }

  private static String message(JsonProcessingException e, LocationIndex index, String path) {
    if (e instanceof StreamConstraintsException c) {
      return constraint(c);
    }
    InputCoercionException range = coercion(e);
    if (range != null) {
      return outOfRange(range, index, path);
    }
    if (e instanceof SpecModule.SpecValueException) {
      return e.getOriginalMessage();
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return unknownField(u);
    }
    if (e instanceof InvalidTypeIdException t) {
      return typeId(t, index, path);
    }
    if (e instanceof InvalidNullException n) {
      return nullValue(n);
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
      if (f.getTargetType().isEnum()) {
        return "expected one of "
            + String.join(", ", enumNames(f.getTargetType()))
            + ", got "
            + (f.getValue() instanceof String s
                ? "\"" + abbreviate(s) + "\""
                : found(index, path, String.valueOf(f.getValue())));
      }
      return mismatch(f.getTargetType(), index, path, String.valueOf(f.getValue()));
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
      if (m.getTargetType() != null) {
        return mismatch(m.getTargetType(), index, path, "something else");
      }
      return m.getOriginalMessage();
    }
    return malformed(e, null);
  }

  /** "expected a whole number, got the string "3" (write numbers without quotes)". */
  private static String mismatch(
      Class<?> target, LocationIndex index, String path, String fallback) {
    String message = "expected " + expected(target) + ", got " + found(index, path, fallback);
    LocationIndex.Entry e = index.entry(path);
    if (e != null && e.token() == JsonToken.VALUE_STRING) {
      String s = e.text().strip();
      if (isWhole(target) && s.matches("-?\\d+") || isDecimal(target) && isNumber(s)) {
        message += " (write numbers without quotes)";
      } else if (isBoolean(target) && (s.equals("true") || s.equals("false"))) {
        message += " (write " + s + " without quotes)";
      }
    }
    return message;
  }

  private static boolean isNumber(String s) {
    return s.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
  }

  private static InputCoercionException coercion(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InputCoercionException c) {
        return c;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String outOfRange(InputCoercionException c, LocationIndex index, String path) {
    LocationIndex.Entry e = index.entry(path);
    String text = e != null && e.text() != null ? e.text() : textOf(c);
    boolean negative = text.startsWith("-");
    Class<?> t = c.getTargetType();
    BigInteger limit;
    if (t == Integer.class || t == int.class) {
      limit = BigInteger.valueOf(negative ? Integer.MIN_VALUE : Integer.MAX_VALUE);
    } else if (t == Long.class || t == long.class) {
      limit = BigInteger.valueOf(negative ? Long.MIN_VALUE : Long.MAX_VALUE);
    } else {
      return "the number " + abbreviate(text) + " is out of range here";
    }
    return "expected a whole number of "
        + (negative ? "at least " : "at most ")
        + limit
        + ", got "
        + abbreviate(text);
  }

  private static String textOf(InputCoercionException c) {
    try {
      return c.getProcessor() != null ? c.getProcessor().getText() : "?";
    } catch (IOException ex) {
      return "?";
    }
  }

  private static String typeId(InvalidTypeIdException t, LocationIndex index, String path) {
    List<String> names = subtypeNames(t.getBaseType().getRawClass());
    String oneOf = "one of " + String.join(", ", names);
    LocationIndex.Entry at = index.entry(path);
    if (path.equals("type") || path.endsWith(".type")) {
      // the type is given: not a string, or not a known name
      if (at != null && at.token() != JsonToken.VALUE_STRING) {
        return "expected " + oneOf + ", got " + describe(at.token(), at.text());
      }
      String given = t.getTypeId() == null ? at == null ? "" : at.text() : t.getTypeId();
      String close = Spelling.closest(given, names);
      return "expected "
          + oneOf
          + ", got \""
          + abbreviate(given)
          + "\""
          + (close == null ? "" : " (did you mean \"" + close + "\"?)");
    }
    if (at != null && at.token() != JsonToken.START_OBJECT) {
      return "expected an object with a \"type\" ("
          + oneOf
          + "), got "
          + describe(at.token(), at.text());
    }
    return "missing \"type\": expected " + oneOf;
  }

  private static String nullValue(InvalidNullException n) {
    String expected = n.getTargetType() == null ? "a value" : expected(n.getTargetType());
    List<JsonMappingException.Reference> refs = n.getPath();
    JsonMappingException.Reference last = refs.isEmpty() ? null : refs.get(refs.size() - 1);
    if (last != null
        && last.getFieldName() != null
        && last.getFrom() instanceof Class<?> owner
        && owner.isRecord()) {
      if (!isRequired(owner, last.getFieldName())) {
        return "expected "
            + expected
            + ", got null (leave \""
            + last.getFieldName()
            + "\" out to use its default)";
      }
    }
    return "expected " + expected + ", got null";
  }

  private static boolean isRequired(Class<?> record, String jsonName) {
    RecordComponent rc = component(record, jsonName);
    JsonProperty p = rc == null ? null : rc.getAccessor().getAnnotation(JsonProperty.class);
    return p != null && p.required();
  }

  // ---------------------------------------------------------------- nulls

  /**
   * The first JSON {@code null} of the document, which no spec value may be (fields are left out
   * for their defaults), as a located diagnostic; {@code null} when there is none. With {@code
   * anywhere} false, only a null whose place in the model is known counts (one under an unknown
   * field or type is left for binding to report).
   */
  static Diagnostic firstNull(LocationIndex index, String source, boolean anywhere) {
    for (String path : index.paths()) {
      LocationIndex.Entry e = index.entry(path);
      if (e == null || e.token() != JsonToken.VALUE_NULL) {
        continue;
      }
      Slot slot = slot(index, path);
      if (slot == null && !anywhere) {
        continue;
      }
      String message;
      if (slot == null) {
        message = "null is not allowed here; leave the entry out instead";
      } else {
        message = "expected " + expected(slot.type) + ", got null";
        if (slot.owner != null && !isRequired(slot.owner, slot.name)) {
          message += " (leave \"" + slot.name + "\" out to use its default)";
        }
      }
      return Diagnostic.error("bad-value", path, message)
          .at(new Diagnostic.Location(source, e.line(), e.column()));
    }
    return null;
  }

  /** Where a value goes in the model: its type, and the record and field it fills, if any. */
  private record Slot(Class<?> type, Class<?> owner, String name) {}

  /** The model's type at a path of the document, or null when the document does not fit it. */
  private static Slot slot(LocationIndex index, String path) {
    List<LocationIndex.Entry> chain = new ArrayList<>();
    for (LocationIndex.Entry e = index.entry(path); e != null && e.parent() != null; ) {
      chain.add(0, e);
      e = index.entry(e.parent());
    }
    java.lang.reflect.Type type = dev.flowsim.model.Pipeline.class;
    Slot slot = null;
    for (LocationIndex.Entry e : chain) {
      Class<?> raw = raw(type);
      if (raw == null) {
        return null;
      }
      if (e.key() == null) {
        if (!List.class.isAssignableFrom(raw)) {
          return null;
        }
        type = typeArgument(type, 0);
        slot = new Slot(raw(type), null, null);
      } else if (Map.class.isAssignableFrom(raw)) {
        type = typeArgument(type, 1);
        slot = new Slot(raw(type), null, null);
      } else {
        Class<?> owner = raw;
        if (TYPED.containsKey(raw)) {
          owner = subtype(raw, index.entry(LocationIndex.field(e.parent(), "type")));
        }
        RecordComponent rc = owner == null ? null : component(owner, e.key());
        if (rc == null) {
          return null;
        }
        type = rc.getGenericType();
        slot = new Slot(raw(type), owner, e.key());
      }
    }
    return slot == null || slot.type == null ? null : slot;
  }

  private static Class<?> raw(java.lang.reflect.Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    if (t instanceof java.lang.reflect.ParameterizedType p
        && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private static java.lang.reflect.Type typeArgument(java.lang.reflect.Type t, int i) {
    return t instanceof java.lang.reflect.ParameterizedType p
            && p.getActualTypeArguments().length > i
        ? p.getActualTypeArguments()[i]
        : null;
  }

  /** The subtype a {@code "type"} value names, or null. */
  private static Class<?> subtype(Class<?> base, LocationIndex.Entry type) {
    if (type == null || type.token() != JsonToken.VALUE_STRING) {
      return null;
    }
    for (JsonSubTypes.Type sub : base.getAnnotation(JsonSubTypes.class).value()) {
      if (sub.name().equals(type.text())) {
        return sub.value();
      }
    }
    return null;
  }

  /** The record component that has a JSON name. */
  private static RecordComponent component(Class<?> record, String jsonName) {
    if (!record.isRecord()) {
      return null;
    }
    for (RecordComponent rc : record.getRecordComponents()) {
      JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
      String name = p != null && !p.value().isEmpty() ? p.value() : rc.getName();
      if (name.equals(jsonName)) {
        return rc;
      }
    }
    return null;
  }

  private static String unknownField(UnrecognizedPropertyException u) {
    String name = u.getPropertyName();
    List<String> ids = new ArrayList<>();
    for (Object o : u.getKnownPropertyIds() == null ? List.of() : u.getKnownPropertyIds()) {
      ids.add(o.toString());
    }
    Class<?> owner = u.getReferringClass();
    List<String> known = new ArrayList<>();
    if (typedBase(owner) != null) {
      known.add("type");
    }
    JsonPropertyOrder order = owner == null ? null : owner.getAnnotation(JsonPropertyOrder.class);
    if (order != null) {
      for (String n : order.value()) {
        if (ids.contains(n) && !known.contains(n)) {
          known.add(n);
        }
      }
    }
    for (String id : ids) {
      if (!known.contains(id)) {
        known.add(id);
      }
    }
    StringBuilder b = new StringBuilder("unknown field \"").append(abbreviate(name)).append('"');
    String close = Spelling.closest(name, known);
    if (close != null) {
      b.append(" (did you mean \"").append(close).append("\"?)");
    }
    b.append("; ").append(ownerName(owner)).append(" has: ").append(String.join(", ", known));
    return b.toString();
  }

  /** The polymorphic base ({@link Component}, {@link Operator}, {@link Fault}) of a type. */
  private static Class<?> typedBase(Class<?> type) {
    if (type == null) {
      return null;
    }
    for (Class<?> base : TYPED.keySet()) {
      if (base != type
          && base.isAssignableFrom(type)
          && base.isAnnotationPresent(JsonTypeInfo.class)) {
        return base;
      }
    }
    return null;
  }

  /** "a topic", "a window operator", "a crash fault", "a spec", "a key space". */
  private static String ownerName(Class<?> type) {
    if (type == null) {
      return "this object";
    }
    Class<?> base = typedBase(type);
    if (base != null) {
      for (JsonSubTypes.Type sub : base.getAnnotation(JsonSubTypes.class).value()) {
        if (sub.value() == type) {
          return article(sub.name()) + sub.name() + TYPED.get(base);
        }
      }
    }
    if (type.getSimpleName().equals("Pipeline")) {
      return "a spec";
    }
    String words =
        type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return article(words) + words;
  }

  private static String article(String word) {
    return "aeio".indexOf(word.charAt(0)) >= 0 ? "an " : "a ";
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

  private static boolean isWhole(Class<?> t) {
    return t == Integer.class || t == int.class || t == Long.class || t == long.class;
  }

  private static boolean isDecimal(Class<?> t) {
    return t == Double.class || t == double.class || t == Float.class || t == float.class;
  }

  private static boolean isBoolean(Class<?> t) {
    return t == Boolean.class || t == boolean.class;
  }

  private static String expected(Class<?> t) {
    if (isWhole(t)) {
      return "a whole number";
    }
    if (isDecimal(t)) {
      return "a number";
    }
    if (isBoolean(t)) {
      return "true or false";
    }
    if (t == String.class) {
      return "a string";
    }
    if (t == Duration.class) {
      return "a duration such as 250ms or 2s";
    }
    if (t == Rate.class) {
      return "a rate such as 200/s";
    }
    if (t == Distribution.class) {
      return "a distribution such as 5ms or uniform(1ms,30ms)";
    }
    if (t == Position.class) {
      return "a position [x, y] of two numbers";
    }
    if (t == Retention.class) {
      return "a retention object such as {\"time\": \"1h\"} or {\"count\": 1000}";
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
    if (TYPED.containsKey(t)) {
      return "an object with a \"type\"";
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
}
