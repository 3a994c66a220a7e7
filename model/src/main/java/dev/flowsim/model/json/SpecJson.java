package dev.flowsim.model.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one configured Jackson mapper for specs: strict on input (unknown fields, duplicate keys,
 * trailing content, {@code null}s, numbers for enum names and type coercions are errors; nesting
 * and size are bounded) and canonical on output (declared field order, defaults left out, two-space
 * indent, LF line ends).
 */
final class SpecJson {
  /** Specs larger than this are refused before parsing. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  /** Specs are shallow; anything deeper than this is not a spec. */
  static final int MAX_DEPTH = 64;

  /** No string in a spec is this long. */
  static final int MAX_STRING_LENGTH = 1_000_000;

  /** No number in a spec has this many characters. */
  static final int MAX_NUMBER_LENGTH = 100;

  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxDocumentLength(MAX_BYTES)
                  .maxStringLength(MAX_STRING_LENGTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .build())
          .build();

  static final ObjectMapper MAPPER =
      JsonMapper.builder(FACTORY)
          .addModule(new SpecModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          // null list entries and map values are errors (null fields are refused before binding:
          // Nulls.FAIL on fields would refuse absent ones too, which records must default)
          .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          // record fields are the properties; derived booleans such as Clock.isTrue(),
          // Retention.isForever() and Operator.isOrderSensitive() are not spec fields
          .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  static final ObjectWriter WRITER =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n"))
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private SpecJson() {}
}
