package dev.flowsim.app.gui.props;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Live validation errors and lint warnings of the design, errors first, with a count summary.
 * Clicking a diagnostic (or pressing Enter on it) selects the component it names and asks the
 * canvas to reveal it; a diagnostic that names only a connection selects that connection.
 */
public final class DiagnosticsPanel {

  private static final Pattern CONNECTION_PATH = Pattern.compile("^connections\\[(\\d+)\\]");

  private final Editor editor;
  private final Consumer<String> reveal;
  private final VBox root = new VBox();
  private final ListView<Diagnostic> list = new ListView<>();
  private final Label summary = new Label();
  private final FontIcon summaryIcon = new FontIcon();

  /** {@code reveal} selects and scrolls to a component named by a diagnostic. */
  public DiagnosticsPanel(Editor editor, Consumer<String> reveal) {
    this.editor = editor;
    this.reveal = reveal;
    root.setId("diagnostics");
    root.getStyleClass().add("diagnostics-panel");
    root.getStylesheets().add(DiagnosticsPanel.class.getResource("props.css").toExternalForm());

    summary.setId("diagnostics-summary");
    summary.getStyleClass().add("diagnostics-summary");
    summary.setGraphic(summaryIcon);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label hint = new Label("Click a problem to show it on the canvas");
    hint.getStyleClass().add("diagnostics-hint");
    HBox bar = new HBox(8, summary, spacer, hint);
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.getStyleClass().add("diagnostics-bar");

    list.setId("diagnostics-list");
    list.getStyleClass().add("diagnostics-list");
    Label placeholder = new Label("No problems");
    placeholder.setId("diagnostics-empty");
    placeholder.getStyleClass().add("diagnostics-empty");
    placeholder.setGraphic(new FontIcon("mdi2c-check-circle-outline"));
    list.setPlaceholder(placeholder);
    list.setCellFactory(v -> new DiagnosticCell());
    list.setOnKeyPressed(
        e -> {
          if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
            show(list.getSelectionModel().getSelectedItem());
            e.consume();
          }
        });
    VBox.setVgrow(list, Priority.ALWAYS);
    root.getChildren().addAll(bar, list);

    editor.diagnosticsProperty().addListener((obs, before, after) -> update(after));
    update(editor.diagnostics());
  }

  public Node view() {
    return root;
  }

  /** "2 errors, 3 warnings", "1 error", "No problems". */
  public static String summary(List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.size() - errors;
    if (errors == 0 && warnings == 0) {
      return "No problems";
    }
    StringBuilder b = new StringBuilder();
    if (errors > 0) {
      b.append(errors).append(errors == 1 ? " error" : " errors");
    }
    if (warnings > 0) {
      b.append(b.length() > 0 ? ", " : "")
          .append(warnings)
          .append(warnings == 1 ? " warning" : " warnings");
    }
    return b.toString();
  }

  /** Errors first, otherwise in the order given (the checker's order). */
  static List<Diagnostic> ordered(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .sorted(Comparator.comparing((Diagnostic d) -> d.isError() ? 0 : 1))
        .toList();
  }

  private void update(List<Diagnostic> diagnostics) {
    List<Diagnostic> sorted = ordered(diagnostics);
    Diagnostic was = list.getSelectionModel().getSelectedItem();
    list.getItems().setAll(sorted);
    if (was != null && sorted.contains(was)) {
      list.getSelectionModel().select(was);
    }
    summary.setText(summary(sorted));
    boolean errors = sorted.stream().anyMatch(Diagnostic::isError);
    summaryIcon.setIconLiteral(
        errors
            ? "mdi2a-alert-circle"
            : sorted.isEmpty() ? "mdi2c-check-circle-outline" : "mdi2a-alert");
    summary.pseudoClassStateChanged(FieldEditor.INVALID, errors);
    summary.pseudoClassStateChanged(
        javafx.css.PseudoClass.getPseudoClass("warning"), !errors && !sorted.isEmpty());
  }

  /**
   * Selects what a diagnostic is about and asks the canvas to show it: the connection its path
   * names, or else its first component.
   */
  void show(Diagnostic d) {
    Pipeline p = editor.document().pipeline();
    Matcher m = CONNECTION_PATH.matcher(d.path());
    if (m.find() && Integer.parseInt(m.group(1)) < p.connections().size()) {
      Connection c = p.connections().get(Integer.parseInt(m.group(1)));
      editor.selection().selectLink(Link.of(c));
      reveal.accept(d.components().isEmpty() ? c.from() : d.components().get(0));
      return;
    }
    if (!d.components().isEmpty()) {
      String id = d.components().get(0);
      if (p.component(id).isPresent()) {
        editor.selection().selectComponents(List.of(id));
      }
      reveal.accept(id);
    }
  }

  /** Severity icon, message, and a second line with the path, code and the usual fix. */
  private final class DiagnosticCell extends ListCell<Diagnostic> {
    private final FontIcon icon = new FontIcon();
    private final Label message = new Label();
    private final Label detail = new Label();
    private final Label fix = new Label();
    private final HBox row;

    DiagnosticCell() {
      message.getStyleClass().add("diagnostic-message");
      message.setWrapText(true);
      detail.getStyleClass().add("diagnostic-detail");
      detail.setWrapText(true);
      fix.getStyleClass().add("diagnostic-fix");
      fix.setWrapText(true);
      VBox text = new VBox(2, message, detail, fix);
      HBox.setHgrow(text, Priority.ALWAYS);
      icon.getStyleClass().add("diagnostic-icon");
      row = new HBox(8, icon, text);
      row.setAlignment(Pos.TOP_LEFT);
      // wrap long messages at the list's width instead of cutting them off
      row.prefWidthProperty().bind(list.widthProperty().subtract(40));
      row.maxWidthProperty().bind(list.widthProperty().subtract(40));
      message.setMinHeight(Region.USE_PREF_SIZE);
      detail.setMinHeight(Region.USE_PREF_SIZE);
      fix.setMinHeight(Region.USE_PREF_SIZE);
      setOnMouseClicked(
          e -> {
            if (e.getButton() == MouseButton.PRIMARY && !isEmpty() && getItem() != null) {
              show(getItem());
            }
          });
    }

    @Override
    protected void updateItem(Diagnostic d, boolean empty) {
      super.updateItem(d, empty);
      getStyleClass().removeAll("diagnostic-error", "diagnostic-warning");
      if (empty || d == null) {
        setGraphic(null);
        setText(null);
        setTooltip(null);
        return;
      }
      getStyleClass().add(d.isError() ? "diagnostic-error" : "diagnostic-warning");
      icon.setIconLiteral(d.isError() ? "mdi2a-alert-circle" : "mdi2a-alert");
      message.setText(d.message());
      StringBuilder b = new StringBuilder();
      b.append(d.isError() ? "error" : "warning").append(" · ").append(d.code());
      if (!d.path().isEmpty()) {
        b.append(" · ").append(d.path());
      }
      detail.setText(b.toString());
      fix.setText(d.fix().isEmpty() ? "" : "Fix: " + d.fix());
      fix.setVisible(!d.fix().isEmpty());
      fix.setManaged(!d.fix().isEmpty());
      setTooltip(new Tooltip(d.format()));
      setText(null);
      setGraphic(row);
    }
  }
}
