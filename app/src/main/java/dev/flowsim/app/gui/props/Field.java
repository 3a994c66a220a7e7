package dev.flowsim.app.gui.props;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One property of a spec element of type {@code T} (a component record, a connection, the pipeline
 * settings): where it sits in the JSON ({@code key}, e.g. {@code keys.count}, which is also the
 * path validation reports it under), how it is labelled and grouped, how it is edited, and how to
 * read it from and write it into an immutable record.
 *
 * @param key the JSON path below the element, e.g. {@code partitions} or {@code consumer.group}
 * @param name the label on the sheet
 * @param category the group on the sheet ("Traffic", "Replication", …)
 * @param description the tooltip: what the property means and its default
 * @param type how the value is edited and parsed
 * @param get reads the value from the element
 * @param set a copy of the element with the value; {@code null} for read-only fields
 */
record Field<T>(
    String key,
    String name,
    String category,
    String description,
    ValueType type,
    Function<T, Object> get,
    BiFunction<T, Object, T> set) {

  Field {
    Objects.requireNonNull(key);
    Objects.requireNonNull(type);
    Objects.requireNonNull(get);
  }

  /** An editable field with typed accessors. */
  @SuppressWarnings("unchecked")
  static <T, V> Field<T> of(
      String key,
      String name,
      String category,
      String description,
      ValueType type,
      Function<T, V> get,
      BiFunction<T, V, T> set) {
    return new Field<>(
        key,
        name,
        category,
        description,
        type,
        (Function<T, Object>) get,
        (t, v) -> set.apply(t, (V) v));
  }

  /** A field shown but not edited here. */
  static <T> Field<T> readOnly(
      String key, String name, String category, String description, Function<T, ?> get) {
    return new Field<>(key, name, category, description, ValueType.READ_ONLY, get::apply, null);
  }

  boolean editable() {
    return set != null && type.editor() != ValueType.Editor.READ_ONLY;
  }

  /** What identifies this field's editor on the sheet: the key and, for choices, the choices. */
  String signature() {
    List<?> choices = type.choices();
    return key + (choices.isEmpty() ? "" : choices.toString());
  }
}
