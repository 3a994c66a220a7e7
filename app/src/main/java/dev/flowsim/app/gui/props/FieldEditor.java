package dev.flowsim.app.gui.props;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.property.editor.PropertyEditor;

/**
 * The sheet's editor of one {@link FieldItem}: a validated text field, a choice box, a check box or
 * a read-only text, with an error line under it ({@code #property-error}) that explains why a value
 * was refused. Text is committed on Enter or when focus leaves; Escape restores the current value.
 * Values are shown from the document via {@link #refresh}, which never fires a commit (a guard
 * stops programmatic updates from echoing back as edits) and leaves a field the user is typing in
 * alone unless the document's value changed under it.
 */
abstract class FieldEditor implements PropertyEditor<Object> {

  static final PseudoClass INVALID = PseudoClass.getPseudoClass("danger");
  static final String ERROR_ID = "property-error";

  protected final FieldItem<?> item;
  private final BooleanSupplier suspended;
  protected final VBox box = new VBox(2);
  protected final Label error = new Label();

  /** True while the editor is being set from the model, so its listeners do not commit. */
  protected boolean updating;

  FieldEditor(FieldItem<?> item, BooleanSupplier suspended) {
    this.item = item;
    this.suspended = suspended;
    error.setId(ERROR_ID);
    error.getStyleClass().add("property-error");
    error.setWrapText(true);
    // wrap at the editor's width rather than widen the editor column to the whole message
    error.setPrefWidth(60);
    error.setMinHeight(Label.USE_PREF_SIZE);
    error.setMaxWidth(Double.MAX_VALUE);
    error.setVisible(false);
    error.setManaged(false);
    box.getStyleClass().add("property-editor");
    box.setMaxWidth(Double.MAX_VALUE);
  }

  static FieldEditor create(FieldItem<?> item, BooleanSupplier suspended) {
    return switch (item.field().type().editor()) {
      case TEXT, TEXT_AREA -> new Text(item, suspended);
      case CHOICE -> new Choice(item, suspended);
      case CHECK -> new Check(item, suspended);
      case READ_ONLY -> new ReadOnly(item, suspended);
    };
  }

  @Override
  public Node getEditor() {
    return box;
  }

  @Override
  public void setValue(Object value) {
    updating = true;
    try {
      show(value);
    } finally {
      updating = false;
    }
  }

  /** The value the editor shows: the document's current value (commits go through the item). */
  @Override
  public Object getValue() {
    return item.getValue();
  }

  /** Shows the document's current value. */
  void refresh() {
    setValue(item.getValue());
  }

  protected abstract void show(Object value);

  /** Applies what the user typed but has not confirmed yet (before the sheet moves on). */
  void flush() {}

  /** The control that takes focus, for tests and focus restoring. */
  abstract Node control();

  protected boolean canCommit() {
    return !updating && !suspended.getAsBoolean();
  }

  /** Applies a parsed value; shows the refusal, or clears the error. */
  protected boolean apply(Object value) {
    Optional<String> refusal = item.commit(value);
    showError(refusal.orElse(null));
    return refusal.isEmpty();
  }

  protected void showError(String message) {
    boolean on = message != null;
    error.setText(on ? message : "");
    error.setVisible(on);
    error.setManaged(on);
    control().pseudoClassStateChanged(INVALID, on);
  }

  String errorText() {
    return error.isVisible() ? error.getText() : null;
  }

  // ---------------------------------------------------------------- text

  /** A validated text field: the field's parser must accept the text before it is applied. */
  static final class Text extends FieldEditor {
    private final TextInputControl field;
    private String shown = "";
    private Object shownValue;

    Text(FieldItem<?> item, BooleanSupplier suspended) {
      super(item, suspended);
      boolean multiline = item.field().type().editor() == ValueType.Editor.TEXT_AREA;
      if (multiline) {
        TextArea area = new TextArea();
        area.setWrapText(true);
        area.setPrefRowCount(4);
        field = area;
      } else {
        field = new TextField();
      }
      field.setId(item.nodeId());
      field.setPromptText(item.field().type().prompt());
      HBox.setHgrow(field, Priority.ALWAYS);
      field.setMaxWidth(Double.MAX_VALUE);
      String unit = item.field().type().unit();
      if (unit.isEmpty()) {
        box.getChildren().add(field);
      } else {
        // a narrow preferred width so the unit does not squeeze the label column; the field
        // still grows to fill the row
        if (field instanceof TextField f) {
          f.setPrefColumnCount(5);
        }
        Label u = new Label(unit);
        u.getStyleClass().add("property-unit");
        u.setMinWidth(Label.USE_PREF_SIZE);
        HBox line = new HBox(6, field, u);
        line.setAlignment(Pos.CENTER_LEFT);
        box.getChildren().add(line);
      }
      box.getChildren().add(error);
      if (field instanceof TextField f) {
        f.setOnAction(e -> commit());
      }
      field
          .focusedProperty()
          .addListener(
              (obs, was, now) -> {
                if (!now) {
                  commit();
                }
              });
      field.setOnKeyPressed(
          e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
              showError(null);
              setValue(shownValue);
              e.consume();
            } else if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
              // Enter starts a new line in a text area; Ctrl+Enter applies
              commit();
              e.consume();
            }
          });
      showError(null);
    }

    @Override
    Node control() {
      return field;
    }

    @Override
    protected void show(Object value) {
      String text = value == FieldItem.MIXED ? "" : Values.format(value);
      boolean typing = field.isFocused() && !field.getText().equals(shown);
      boolean changedUnder = !Objects.equals(value, shownValue);
      if (!typing || changedUnder) {
        field.setText(text);
        if (changedUnder) {
          showError(null);
        }
      }
      field.setPromptText(value == FieldItem.MIXED ? "(mixed)" : item.field().type().prompt());
      shown = text;
      shownValue = value;
    }

    @Override
    void flush() {
      if (field.isFocused() && !field.getText().equals(shown)) {
        commit();
      }
    }

    private void commit() {
      if (!canCommit()) {
        return;
      }
      String text = field.getText();
      if (text.equals(shown) && errorText() == null) {
        return;
      }
      if (text.equals(shown) && shownValue != FieldItem.MIXED) {
        showError(null);
        return;
      }
      Object value;
      try {
        value = item.field().type().parser().apply(text);
      } catch (IllegalArgumentException e) {
        showError(e.getMessage());
        return;
      }
      if (apply(value)) {
        updating = true;
        try {
          field.setText(Values.format(item.getValue()));
        } finally {
          updating = false;
        }
        refresh();
      }
    }
  }

  // ---------------------------------------------------------------- choice

  /** A closed set of values: enum constants by their JSON names, or ids with "(none)". */
  static final class Choice extends FieldEditor {
    private final ComboBox<Object> combo = new ComboBox<>();

    Choice(FieldItem<?> item, BooleanSupplier suspended) {
      super(item, suspended);
      combo.setId(item.nodeId());
      combo.getItems().setAll(item.field().type().choices());
      combo.setMaxWidth(Double.MAX_VALUE);
      combo.setConverter(
          new StringConverter<>() {
            @Override
            public String toString(Object o) {
              if (o == FieldItem.MIXED) {
                return "(mixed)";
              }
              return o == null ? "(none)" : Values.format(o);
            }

            @Override
            public Object fromString(String s) {
              return null;
            }
          });
      combo
          .valueProperty()
          .addListener(
              (obs, before, after) -> {
                if (!canCommit() || after == FieldItem.MIXED) {
                  return;
                }
                if (!apply(after)) {
                  setValue(item.getValue());
                }
              });
      box.getChildren().addAll(combo, error);
    }

    @Override
    Node control() {
      return combo;
    }

    @Override
    protected void show(Object value) {
      combo.setValue(value);
    }
  }

  // ---------------------------------------------------------------- check box

  /** A boolean. */
  static final class Check extends FieldEditor {
    private final CheckBox check = new CheckBox();

    Check(FieldItem<?> item, BooleanSupplier suspended) {
      super(item, suspended);
      check.setId(item.nodeId());
      check.setOnAction(
          e -> {
            if (!canCommit()) {
              return;
            }
            check.setIndeterminate(false);
            if (!apply(check.isSelected())) {
              setValue(item.getValue());
            }
          });
      box.getChildren().addAll(check, error);
    }

    @Override
    Node control() {
      return check;
    }

    @Override
    protected void show(Object value) {
      check.setIndeterminate(value == FieldItem.MIXED);
      check.setSelected(Boolean.TRUE.equals(value));
    }
  }

  // ---------------------------------------------------------------- read-only

  /** A value shown but not edited here (ids, summaries, faults). */
  static final class ReadOnly extends FieldEditor {
    private final Label text = new Label();

    ReadOnly(FieldItem<?> item, BooleanSupplier suspended) {
      super(item, suspended);
      text.setId(item.nodeId());
      text.getStyleClass().add("property-read-only");
      text.setWrapText(true);
      text.setMaxWidth(Double.MAX_VALUE);
      box.getChildren().add(text);
    }

    @Override
    Node control() {
      return text;
    }

    @Override
    protected void show(Object value) {
      text.setText(value == FieldItem.MIXED ? "(mixed)" : Values.format(value));
    }
  }
}
