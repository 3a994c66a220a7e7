package dev.flowsim.app.gui.shell;

import dev.flowsim.app.export.DesignExport;
import dev.flowsim.app.export.ExportFormat;
import dev.flowsim.app.gui.Editor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * File → Export…: the format (AsyncAPI, DOT, Mermaid, SVG, PNG) and, for PNG, the scale; then a
 * file chooser, then {@link DesignExport}. The design itself is not changed (an export is not an
 * edit and does not make the document dirty).
 */
final class ExportDialog {

  static final ButtonType EXPORT = new ButtonType("Export…", ButtonBar.ButtonData.OK_DONE);
  static final List<Double> SCALES = List.of(1.0, 2.0, 3.0, 4.0);

  private final Window owner;
  private final Editor editor;
  private final FileDialogs dialogs;
  private final ShellSettings settings;

  ExportDialog(Window owner, Editor editor, FileDialogs dialogs, ShellSettings settings) {
    this.owner = owner;
    this.editor = editor;
    this.dialogs = dialogs;
    this.settings = settings;
  }

  void show() {
    Alert a = ShellDialogs.alert(owner, Alert.AlertType.NONE, "export-dialog", "Export");
    a.setHeaderText("Export the design");
    ChoiceBox<ExportFormat> format =
        new ChoiceBox<>(FXCollections.observableArrayList(ExportFormat.values()));
    format.setId("export-format");
    format.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ExportFormat f) {
            return f == null ? "" : f.description() + "  (." + f.extension() + ")";
          }

          @Override
          public ExportFormat fromString(String s) {
            return null;
          }
        });
    format.setValue(remembered());
    ChoiceBox<Double> scale = new ChoiceBox<>(FXCollections.observableArrayList(SCALES));
    scale.setId("export-scale");
    scale.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Double s) {
            return s == null ? "" : String.format(Locale.ROOT, "%.0f×", s);
          }

          @Override
          public Double fromString(String s) {
            return null;
          }
        });
    scale.setValue(settings.getDouble("export.pngScale", 2.0));
    if (!SCALES.contains(scale.getValue())) {
      scale.setValue(2.0);
    }
    scale.disableProperty().bind(format.valueProperty().isNotEqualTo(ExportFormat.PNG));
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(10);
    grid.addRow(0, new Label("Format"), format);
    grid.addRow(1, new Label("PNG scale"), scale);
    a.getDialogPane().setContent(grid);
    a.getButtonTypes().setAll(EXPORT, ButtonType.CANCEL);
    a.getDialogPane().lookupButton(EXPORT).setId("export-ok");
    a.getDialogPane().lookupButton(ButtonType.CANCEL).setId("export-cancel");
    a.setOnHidden(
        e -> {
          if (a.getResult() == EXPORT && format.getValue() != null) {
            settings.put("export.format", format.getValue().name());
            settings.put("export.pngScale", Double.toString(scale.getValue()));
            export(format.getValue(), scale.getValue());
          }
        });
    a.show();
  }

  private ExportFormat remembered() {
    try {
      return ExportFormat.valueOf(settings.get("export.format", "SVG"));
    } catch (IllegalArgumentException e) {
      return ExportFormat.SVG;
    }
  }

  /** Asks for the file and writes the export; failures are shown, not thrown. */
  void export(ExportFormat format, double pngScale) {
    Path file = editor.document().file();
    String base = file == null ? "design" : file.getFileName().toString();
    if (base.toLowerCase(Locale.ROOT).endsWith(".json")) {
      base = base.substring(0, base.length() - 5);
    }
    String suffix = format == ExportFormat.ASYNCAPI_JSON ? ".asyncapi" : "";
    Path out =
        dialogs.chooseExport(
            owner,
            file == null ? null : file.getParent(),
            base + suffix + "." + format.extension(),
            format.description(),
            format.extension());
    if (out == null) {
      return;
    }
    if (out.getFileName().toString().indexOf('.') < 0) {
      out = out.resolveSibling(out.getFileName() + "." + format.extension());
    }
    try {
      DesignExport.export(editor.document().pipeline(), format, out, pngScale);
      editor.statusProperty().set("Exported " + format.description() + " to " + out);
    } catch (IOException | RuntimeException ex) {
      ShellDialogs.showError(
          owner,
          "export-error",
          "Could not export to " + out.getFileName(),
          ex.getMessage() == null ? ex.toString() : ex.getMessage());
      editor.statusProperty().set("Export failed");
    }
  }
}
