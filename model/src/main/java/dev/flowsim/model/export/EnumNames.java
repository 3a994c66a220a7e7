package dev.flowsim.model.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The spec name of an enum constant (its {@code @JsonProperty}), e.g. {@code key-hash}. */
final class EnumNames {
  private EnumNames() {}

  static String of(Enum<?> e) {
    try {
      JsonProperty p = e.getDeclaringClass().getField(e.name()).getAnnotation(JsonProperty.class);
      if (p != null && !p.value().isEmpty()) {
        return p.value();
      }
    } catch (NoSuchFieldException ignored) {
      // fall through
    }
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
