package dev.flowsim.app.gui.props;

import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Rate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * How a property is edited: a validated text field with a parser (numbers, durations, rates,
 * distributions, names), a choice among a closed set, a check box, or a read-only text. Optional
 * values read empty text as "not set" and show what that means as the prompt.
 *
 * @param editor the kind of editor
 * @param parser text to value; throws {@link IllegalArgumentException} with a user message
 * @param prompt the prompt text of an empty field: an example or what "not set" means
 * @param choices the values of a choice editor ({@code null} allowed: "none")
 * @param unit a unit hint shown beside a text field, or empty
 */
record ValueType(
    Editor editor,
    Function<String, Object> parser,
    String prompt,
    List<Object> choices,
    String unit) {

  /** The kinds of editors on the sheet. */
  enum Editor {
    TEXT,
    TEXT_AREA,
    CHOICE,
    CHECK,
    READ_ONLY
  }

  static final ValueType READ_ONLY = new ValueType(Editor.READ_ONLY, null, "", List.of(), "");
  static final ValueType CHECK = new ValueType(Editor.CHECK, null, "", List.of(), "");

  ValueType {
    choices = choices == null ? List.of() : java.util.Collections.unmodifiableList(choices);
  }

  static ValueType text(Function<String, Object> parser, String prompt, String unit) {
    return new ValueType(Editor.TEXT, parser, prompt, List.of(), unit);
  }

  /** Empty text sets {@code null}; {@code unsetMeaning} is shown as the prompt. */
  static ValueType optional(ValueType type, String unsetMeaning) {
    Function<String, Object> p = type.parser();
    return new ValueType(
        Editor.TEXT,
        t -> Values.isUnset(t) ? null : p.apply(t),
        unsetMeaning,
        List.of(),
        type.unit);
  }

  /** Free text over several lines (a description). */
  static ValueType paragraph(String prompt) {
    return new ValueType(Editor.TEXT_AREA, t -> t.strip(), prompt, List.of(), "");
  }

  static ValueType integer(String unit) {
    return text(Values::integer, "", unit);
  }

  static ValueType longNumber(String unit) {
    return text(Values::longNumber, "", unit);
  }

  static ValueType decimal(String unit) {
    return text(Values::decimal, "", unit);
  }

  static ValueType probability() {
    return text(Values::probability, "0 to 1, e.g. 0.01", "");
  }

  static ValueType duration() {
    return text(t -> (Duration) Values.duration(t), "e.g. 250ms, 2s, 1m", "");
  }

  static ValueType rate() {
    return text(t -> (Rate) Values.rate(t), "e.g. 200/s", "");
  }

  static ValueType distribution() {
    return text(
        t -> (Distribution) Values.distribution(t), "20ms, exp(20ms), uniform(1ms,30ms)", "");
  }

  static ValueType name(String prompt) {
    return text(String::strip, prompt, "");
  }

  static ValueType names(String prompt) {
    return text(t -> Values.names(t), prompt, "");
  }

  static <E extends Enum<E>> ValueType choice(Class<E> type) {
    return new ValueType(
        Editor.CHOICE, null, "", new ArrayList<>(Arrays.asList(type.getEnumConstants())), "");
  }

  /** A choice among names, with {@code null} first meaning "none". */
  static ValueType reference(List<String> names) {
    List<Object> choices = new ArrayList<>();
    choices.add(null);
    choices.addAll(names);
    return new ValueType(Editor.CHOICE, null, "", choices, "");
  }

  static ValueType strings(List<String> names) {
    return new ValueType(Editor.CHOICE, null, "", new ArrayList<>(names), "");
  }
}
