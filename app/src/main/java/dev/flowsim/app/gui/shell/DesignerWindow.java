package dev.flowsim.app.gui.shell;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.analysis.AnalysisPanels;
import dev.flowsim.app.gui.canvas.DesignCanvas;
import dev.flowsim.app.gui.canvas.Palette;
import dev.flowsim.app.gui.props.DiagnosticsPanel;
import dev.flowsim.app.gui.props.PropertiesPanel;
import dev.flowsim.app.gui.sim.RunController;
import dev.flowsim.model.Pipeline;
import java.nio.file.Path;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * One designer window: menu bar and toolbar on top, the palette left, the canvas in the middle with
 * the bottom dock (diagnostics, findings, charts, timeline) under it, the property sheet right, the
 * time controls and status bar at the bottom. It assembles the panels around one {@link Editor}.
 */
public final class DesignerWindow {

  private final Stage stage;
  private final Editor editor;
  private final DesignCanvas canvas;
  private final BorderPane root = new BorderPane();

  private DesignerWindow(Stage stage, Pipeline initial) {
    this.stage = stage;
    this.editor = new Editor(initial);
    this.canvas = new DesignCanvas(editor);
    Palette palette = new Palette(canvas);
    PropertiesPanel properties = new PropertiesPanel(editor);
    DiagnosticsPanel diagnostics = new DiagnosticsPanel(editor, id -> {});
    RunController run = new RunController(editor, canvas);
    AnalysisPanels analysis = new AnalysisPanels(editor);

    TabPane dock = new TabPane();
    dock.setId("dock");
    Tab diagnosticsTab = new Tab("Diagnostics", diagnostics.view());
    diagnosticsTab.setId("tab-diagnostics");
    dock.getTabs().add(diagnosticsTab);
    dock.getTabs().addAll(analysis.tabs());
    dock.getTabs().forEach(t -> t.setClosable(false));

    SplitPane centre = new SplitPane(canvas.view(), dock);
    centre.setOrientation(Orientation.VERTICAL);
    centre.setDividerPositions(0.72);
    SplitPane main = new SplitPane(palette.view(), centre, properties.view());
    main.setDividerPositions(0.12, 0.78);

    Label status = new Label();
    status.setId("status");
    status.textProperty().bind(editor.statusProperty());
    root.setCenter(main);
    root.setBottom(new VBox(run.timeControls(), status));

    stage.titleProperty().bind(editor.document().titleProperty());
    stage.setScene(new Scene(root, 1400, 900));
  }

  /** Opens a window on the stage, with {@code file} loaded when not null. */
  public static DesignerWindow open(Stage stage, Path file) {
    DesignerWindow w = new DesignerWindow(stage, Pipeline.empty());
    stage.show();
    return w;
  }

  public Editor editor() {
    return editor;
  }

  public DesignCanvas canvas() {
    return canvas;
  }

  public Stage stage() {
    return stage;
  }
}
