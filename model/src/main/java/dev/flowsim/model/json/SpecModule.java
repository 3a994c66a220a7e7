package dev.flowsim.model.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Position;
import dev.flowsim.model.Rate;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Jackson bindings of the spec's value types — durations, rates and distributions as strings with
 * units, positions as {@code [x, y]} — and the rule that keeps files short: a record property equal
 * to its default is not written (required properties always are).
 */
final class SpecModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  SpecModule() {
    super("flowsim-spec");
    addTextValue(Duration.class, Duration::parse, "a duration such as 250ms or 2s");
    addTextValue(Rate.class, Rate::parse, "a rate such as 200/s");
    addTextValue(
        Distribution.class, Distribution::parse, "a distribution such as 5ms or uniform(1ms,30ms)");
    addSerializer(Position.class, new PositionSerializer());
    addDeserializer(Position.class, new PositionDeserializer());
    setSerializerModifier(new OmitDefaults());
  }

  private <T> void addTextValue(Class<T> type, Function<String, T> parse, String expected) {
    addSerializer(
        type,
        new StdSerializer<T>(type) {
          private static final long serialVersionUID = 1L;

          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    addDeserializer(type, new TextValueDeserializer<>(type, parse, expected));
  }

  /** Reads a value written as a string; a bad string is a {@link SpecValueException}. */
  private static final class TextValueDeserializer<T> extends StdScalarDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<String, T> parse;
    private final String expected;

    TextValueDeserializer(Class<T> type, Function<String, T> parse, String expected) {
      super(type);
      this.parse = parse;
      this.expected = expected;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        String hint =
            p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                ? " (write it as a string with a unit)"
                : "";
        throw new SpecValueException(
            p, "expected " + expected + ", got " + JsonErrors.describe(p) + hint);
      }
      try {
        return parse.apply(p.getText());
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new SpecValueException(p, e.getMessage());
      }
    }
  }

  private static final class PositionSerializer extends StdSerializer<Position> {
    private static final long serialVersionUID = 1L;

    PositionSerializer() {
      super(Position.class);
    }

    @Override
    public void serialize(Position value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      // positions stay on one line even in pretty output: [40, 80]
      var pretty = gen.getPrettyPrinter();
      gen.setPrettyPrinter(new InlineArray());
      gen.writeStartArray();
      writeNumber(gen, value.x());
      writeNumber(gen, value.y());
      gen.writeEndArray();
      gen.setPrettyPrinter(pretty);
    }

    private static void writeNumber(JsonGenerator gen, double v) throws IOException {
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        gen.writeNumber((long) v);
      } else {
        gen.writeNumber(v);
      }
    }
  }

  /** Writes an array on one line as {@code [40, 80]}. */
  private static final class InlineArray extends MinimalPrettyPrinter {
    private static final long serialVersionUID = 1L;

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(", ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }

  private static final class PositionDeserializer extends StdScalarDeserializer<Position> {
    private static final long serialVersionUID = 1L;

    PositionDeserializer() {
      super(Position.class);
    }

    @Override
    public Position deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String expected = "a position [x, y] of two numbers";
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw new SpecValueException(p, "expected " + expected + ", got " + JsonErrors.describe(p));
      }
      double[] xy = new double[2];
      int n = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (n == 2) {
          throw new SpecValueException(p, "expected " + expected + ", got more than two values");
        }
        if (!t.isNumeric()) {
          throw new SpecValueException(
              p, "expected " + expected + ", got " + JsonErrors.describe(p) + " at index " + n);
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v) || Math.abs(v) > 1e9) {
          throw new SpecValueException(
              p, "position coordinate " + p.getText() + " is out of range");
        }
        xy[n++] = v;
      }
      if (n != 2) {
        throw new SpecValueException(
            p, "expected " + expected + ", got " + (n == 1 ? "one number" : "no numbers"));
      }
      return new Position(xy[0], xy[1]);
    }
  }

  /** Leaves out record properties that equal the record's defaults. */
  private static final class OmitDefaults extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config, BeanDescription desc, List<BeanPropertyWriter> props) {
      Class<?> type = desc.getBeanClass();
      Object defaults = defaultsOf(type);
      if (defaults == null) {
        return props;
      }
      List<BeanPropertyWriter> out = new ArrayList<>(props.size());
      for (BeanPropertyWriter w : props) {
        JsonProperty ann = w.getAnnotation(JsonProperty.class);
        if (ann != null && ann.required()) {
          out.add(w);
        } else {
          out.add(new SkipDefault(w, defaults));
        }
      }
      return out;
    }

    /** The record built with every component absent (the canonical constructor fills defaults). */
    private static Object defaultsOf(Class<?> type) {
      if (!type.isRecord()) {
        return null;
      }
      RecordComponent[] rc = type.getRecordComponents();
      Class<?>[] types = new Class<?>[rc.length];
      for (int i = 0; i < rc.length; i++) {
        types[i] = rc[i].getType();
        if (types[i].isPrimitive()) {
          return null;
        }
      }
      try {
        Constructor<?> c = type.getDeclaredConstructor(types);
        return c.newInstance(new Object[rc.length]);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }

  private static final class SkipDefault extends BeanPropertyWriter {
    private static final long serialVersionUID = 1L;
    private final transient Object defaults;

    SkipDefault(BeanPropertyWriter base, Object defaults) {
      super(base);
      this.defaults = defaults;
    }

    @Override
    public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider prov)
        throws Exception {
      Object value = get(bean);
      if (value == null || Objects.equals(value, get(defaults))) {
        return;
      }
      super.serializeAsField(bean, gen, prov);
    }
  }

  /** A value that is well-formed JSON but not a valid spec value; its message is for the user. */
  static final class SpecValueException extends JsonMappingException {
    private static final long serialVersionUID = 1L;

    SpecValueException(JsonParser p, String message) {
      super(p, message);
    }
  }
}
