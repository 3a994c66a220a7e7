package dev.flowsim.app.gui.props;

import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import org.controlsfx.control.PropertySheet;

/**
 * The sheet's adapter for one {@link Field} of one or more elements ({@link Target}s). It reads the
 * value from the document's current pipeline every time (so it never goes stale) and applies a
 * change as one undoable {@link Edit}, after checking that the change is valid: a value the
 * validator rejects at this field's path is refused with its message and nothing is applied.
 */
final class FieldItem<T> implements PropertySheet.Item {

  /** The value shown when the selected elements disagree. */
  static final Object MIXED =
      new Object() {
        @Override
        public String toString() {
          return "(mixed)";
        }
      };

  private final Field<T> field;
  private final List<Target<T>> targets;
  private final Document document;

  FieldItem(Field<T> field, List<Target<T>> targets, Document document) {
    this.field = field;
    this.targets = List.copyOf(targets);
    this.document = document;
  }

  Field<T> field() {
    return field;
  }

  /** Identifies this item's editor: same signature, same editor (values aside). */
  String signature() {
    return field.signature() + "@" + targets.stream().map(Target::label).toList();
  }

  /** A node id for the editor: {@code prop-partitions}, {@code prop-keys-count}. */
  String nodeId() {
    return ("prop-" + field.key().replaceAll("[^A-Za-z0-9]+", "-")).replaceAll("-$", "");
  }

  @Override
  public Class<?> getType() {
    return Object.class;
  }

  @Override
  public String getCategory() {
    return field.category();
  }

  @Override
  public String getName() {
    return field.name();
  }

  @Override
  public String getDescription() {
    return field.description();
  }

  @Override
  public Object getValue() {
    Pipeline p = document.pipeline();
    Object first = null;
    boolean any = false;
    for (Target<T> t : targets) {
      T element = t.read(p);
      if (element == null) {
        continue;
      }
      Object v = field.get().apply(element);
      if (!any) {
        first = v;
        any = true;
      } else if (!Objects.equals(first, v)) {
        return MIXED;
      }
    }
    return first;
  }

  /** Applies a value through {@link #commit}; errors are dropped (the editors use commit). */
  @Override
  public void setValue(Object value) {
    commit(value);
  }

  @Override
  public Optional<ObservableValue<?>> getObservableValue() {
    return Optional.empty();
  }

  /**
   * Always true: the sheet would grey out a non-editable row, but read-only rows here are
   * information (ids, summaries, faults) and use their own legible read-only editor.
   */
  @Override
  public boolean isEditable() {
    return true;
  }

  /**
   * Applies {@code value} to every target as one undoable edit.
   *
   * @return the message why the value was refused, or empty when it was applied (or changed
   *     nothing)
   */
  Optional<String> commit(Object value) {
    if (!field.editable()) {
      return Optional.of(field.name() + " cannot be edited here");
    }
    Pipeline before = document.pipeline();
    Pipeline after;
    try {
      after = apply(before, value);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (after.equals(before)) {
      return Optional.empty();
    }
    if (field.type().editor() == ValueType.Editor.TEXT
        || field.type().editor() == ValueType.Editor.TEXT_AREA) {
      // a typed value must be valid on its own; choices apply and show up as diagnostics
      Optional<String> problem = problem(after);
      if (problem.isPresent()) {
        return problem;
      }
    }
    String what =
        targets.size() == 1 ? targets.get(0).label() : targets.size() + " " + pluralOfTargets();
    try {
      document.execute(
          Edit.of(
              "Set " + field.name().toLowerCase(java.util.Locale.ROOT) + " of " + what,
              p -> apply(p, value)));
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    return Optional.empty();
  }

  private String pluralOfTargets() {
    return targets.get(0) instanceof Target.LinkTarget ? "connections" : "components";
  }

  private Pipeline apply(Pipeline p, Object value) {
    Pipeline out = p;
    for (Target<T> t : targets) {
      T element = t.read(out);
      if (element != null) {
        out = t.write(out, field.set().apply(element, value));
      }
    }
    return out;
  }

  /** The first validation error reported at this field's path in {@code candidate}. */
  private Optional<String> problem(Pipeline candidate) {
    List<String> paths = new ArrayList<>();
    for (Target<T> t : targets) {
      String base = t.path(candidate);
      paths.add(base.isEmpty() ? field.key() : base + "." + field.key());
    }
    for (Diagnostic d : Validator.validate(candidate)) {
      for (String path : paths) {
        if (d.path().equals(path)
            || d.path().startsWith(path + ".")
            || d.path().startsWith(path + "[")) {
          return Optional.of(d.message());
        }
      }
    }
    return Optional.empty();
  }
}
