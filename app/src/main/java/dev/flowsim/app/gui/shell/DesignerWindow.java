package dev.flowsim.app.gui.shell;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.analysis.AnalysisPanels;
import dev.flowsim.app.gui.canvas.CanvasActions;
import dev.flowsim.app.gui.canvas.DesignCanvas;
import dev.flowsim.app.gui.canvas.Palette;
import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.app.gui.props.DiagnosticsPanel;
import dev.flowsim.app.gui.props.PropertiesPanel;
import dev.flowsim.app.gui.sim.RunController;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.json.SpecException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * One designer window: menu bar and toolbar on top, the palette left, the canvas in the middle with
 * the bottom dock (diagnostics, findings, charts, timeline) under it, the property sheet right, the
 * time controls and status bar at the bottom. It assembles the panels around one {@link Editor},
 * and owns the window's life: files ({@link DesignFiles}), autosave and crash recovery ({@link
 * Autosave}), the theme, and the remembered window bounds.
 */
public final class DesignerWindow {

  /**
   * What a window is made with: where settings, recent files and the autosave live, how often it
   * autosaves, and how it asks for files (tests answer without a dialog).
   */
  public record Config(ShellSettings settings, Duration autosaveInterval, FileDialogs fileDialogs) {
    public Config {
      Objects.requireNonNull(settings);
      Objects.requireNonNull(autosaveInterval);
      Objects.requireNonNull(fileDialogs);
    }

    /** The user's settings directory, a 30 s autosave and the platform's file choosers. */
    public static Config forUser() {
      return new Config(ShellSettings.forUser(), Autosave.DEFAULT_INTERVAL, FileDialogs.platform());
    }

    /** Settings in {@code dir}; for tests and for a second profile. */
    public static Config in(Path dir, Duration autosaveInterval, FileDialogs fileDialogs) {
      return new Config(new ShellSettings(dir), autosaveInterval, fileDialogs);
    }
  }

  private static final double MIN_WIDTH = 720;
  private static final double MIN_HEIGHT = 480;
  private static final double PALETTE_WIDTH = 220;
  private static final double SIDE_MIN_WIDTH = 120;
  private static final double PROPERTIES_WIDTH = 340;

  private final Stage stage;
  private final Config config;
  private final Editor editor;
  private final DesignCanvas canvas;
  private final RunController runController;
  private final AnalysisPanels analysis;
  private final DesignFiles files;
  private final Autosave autosave;
  private final BorderPane root = new BorderPane();
  private final SplitPane main;
  private final SplitPane centre;
  private final Node paletteView;
  private final Node propertiesView;
  private final TabPane dock = new TabPane();
  private final Label zoom = new Label("100 %");
  private final MenuBar menuBar;
  private Theme theme;
  private boolean closed;

  private DesignerWindow(Stage stage, Config config) {
    this.stage = stage;
    this.config = config;
    this.editor = new Editor(Pipeline.empty());
    this.canvas = new DesignCanvas(editor);
    this.files = new DesignFiles(stage, editor, config.settings(), config.fileDialogs());
    this.autosave =
        new Autosave(config.settings().dir(), editor.document(), config.autosaveInterval());
    Palette palette = new Palette(canvas);
    PropertiesPanel properties = new PropertiesPanel(editor);
    DiagnosticsPanel diagnostics = new DiagnosticsPanel(editor, this::reveal);
    runController = new RunController(editor, canvas);
    analysis = new AnalysisPanels(editor);

    dock.setId("dock");
    Tab diagnosticsTab = new Tab("Diagnostics", diagnostics.view());
    diagnosticsTab.setId("tab-diagnostics");
    dock.getTabs().add(diagnosticsTab);
    dock.getTabs().addAll(analysis.tabs());
    dock.getTabs().forEach(t -> t.setClosable(false));

    paletteView = palette.view();
    propertiesView = properties.view();
    centre = new SplitPane(canvas.view(), dock);
    centre.setId("centre-split");
    centre.setOrientation(Orientation.VERTICAL);
    // the dock holds findings, charts and the key timeline: it gets a good part of the height
    double dockDivider = config.settings().getDouble("dock.divider", 0.58);
    centre.setDividerPositions(Math.max(0.3, Math.min(0.9, dockDivider)));
    main = new SplitPane(paletteView, centre, propertiesView);
    main.setId("main-split");
    main.setDividerPositions(0.12, 0.78);
    // the window, not the panels' content, decides how wide the side panels may get
    if (paletteView instanceof javafx.scene.layout.Region r) {
      r.setMinWidth(SIDE_MIN_WIDTH);
    }
    if (propertiesView instanceof javafx.scene.layout.Region r) {
      r.setMinWidth(SIDE_MIN_WIDTH);
    }
    SplitPane.setResizableWithParent(paletteView, false);
    SplitPane.setResizableWithParent(propertiesView, false);

    ShellMenus menus = new ShellMenus(this);
    menuBar = menus.menuBar();
    VBox top = new VBox(menuBar, menus.toolBar());
    VBox bottom = new VBox(runController.timeControls(), statusBar());
    // on a small or scaled screen (800 × 500 at 200 %) the bars give way instead of widening the
    // window's content past its edges
    for (javafx.scene.layout.Region r : List.of(top, main, bottom, root)) {
      r.setMinSize(0, 0);
    }
    root.setTop(top);
    root.setCenter(main);
    root.setBottom(bottom);
    root.setId("designer-root");

    stage.titleProperty().bind(editor.document().titleProperty());
    theme = Theme.of(config.settings().get("theme", "light"));
    theme.apply();
    Rectangle2D size = rememberedSize();
    // the scene starts at the window's size: the side panels keep their widths from the start
    Scene scene = new Scene(root, size.getWidth(), size.getHeight());
    scene
        .getStylesheets()
        .add(
            Objects.requireNonNull(DesignerWindow.class.getResource("shell.css")).toExternalForm());
    // Ctrl+Y redoes too, as on Windows (the menu shows Ctrl+Shift+Z)
    scene
        .getAccelerators()
        .put(
            new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN),
            () -> {
              // while typing in a text field, its own redo
              javafx.scene.control.TextInputControl t = ShellMenus.typingIn(scene);
              if (t != null) {
                t.redo();
              } else {
                editor.document().redo();
              }
            });
    stage.setScene(scene);
    applyRememberedPanels();
    stage.setMinWidth(MIN_WIDTH);
    stage.setMinHeight(MIN_HEIGHT);
    restoreBounds();
    addAppIcon();
    acceptDroppedFiles(scene);
    files.setOnReplaced(canvas::fitWhenShown);
    stage.setOnCloseRequest(
        e -> {
          e.consume();
          requestClose();
        });
  }

  /** Opens a window for the current user, with {@code file} loaded (when not null) once shown. */
  public static DesignerWindow open(Stage stage, Path file) {
    return create(stage, Config.forUser(), file);
  }

  /**
   * Builds and shows a window. After it is shown, autosaved work of a session that ended without
   * closing is offered for recovery (a dialog with id {@code recover-dialog}); then {@code file},
   * when not null, is opened (it is not opened when the user recovers instead). Nothing here blocks
   * or waits for an answer.
   */
  public static DesignerWindow create(Stage stage, Config config, Path file) {
    DesignerWindow w = new DesignerWindow(stage, config);
    stage.show();
    w.sizeSidePanels();
    w.autosave.start();
    Platform.runLater(() -> w.afterShown(file));
    return w;
  }

  /** The palette and the property sheet get fixed widths; the canvas gets the rest. */
  private void sizeSidePanels() {
    double width = main.getWidth() > 0 ? main.getWidth() : stage.getWidth();
    if (width <= 0) {
      return;
    }
    double palette = Math.min(PALETTE_WIDTH, width * 0.25);
    double properties = Math.min(PROPERTIES_WIDTH, width * 0.3);
    main.setDividerPositions(palette / width, 1 - properties / width);
  }

  private void afterShown(Path file) {
    sizeSidePanels();
    java.util.Optional<Path> orphan = Autosave.orphan(config.settings().dir());
    if (orphan.isEmpty()) {
      if (file != null) {
        files.load(file);
      }
      return;
    }
    Autosave.Recovered recovered;
    try {
      recovered = Autosave.read(orphan.get());
    } catch (SpecException e) {
      Autosave.delete(orphan.get()); // unreadable: nothing to offer
      afterShown(file);
      return;
    }
    String what =
        recovered.file() != null
            ? recovered.file().getFileName().toString()
            : "“" + recovered.untitledName() + "”";
    ShellDialogs.askRecover(
        stage,
        what,
        answer -> {
          Autosave.delete(recovered.content());
          if (answer == ShellDialogs.RecoverAnswer.RECOVER) {
            recover(recovered);
          } else if (file != null) {
            files.load(file);
          }
        });
  }

  private void recover(Autosave.Recovered r) {
    Document d = editor.document();
    d.replace(DesignFiles.withPositions(r.pipeline()), r.file(), false);
    d.setUntitledName(r.untitledName());
    canvas.fitWhenShown();
    editor.statusProperty().set("Recovered the unsaved changes");
    autosave.saveNow();
  }

  // ---------------------------------------------------------------- commands for menus, toolbar

  public Editor editor() {
    return editor;
  }

  public DesignCanvas canvas() {
    return canvas;
  }

  public Stage stage() {
    return stage;
  }

  /** The File commands (New, Open, Save...) of this window. */
  public DesignFiles files() {
    return files;
  }

  public Autosave autosave() {
    return autosave;
  }

  public MenuBar menuBar() {
    return menuBar;
  }

  /** File → Export…'s dialog (a new one each time). */
  ExportDialog exportDialog() {
    return new ExportDialog(stage, editor, config.fileDialogs(), config.settings());
  }

  AnalysisPanels analysis() {
    return analysis;
  }

  RunController runController() {
    return runController;
  }

  ShellSettings settings() {
    return config.settings();
  }

  /** Runs a canvas command (menus and toolbar). */
  void onCanvas(Consumer<CanvasActions> action) {
    action.accept(canvas.actions());
  }

  private void reveal(String componentId) {
    canvas.actions().reveal(componentId);
  }

  public Theme theme() {
    return theme;
  }

  /** Switches the look of the application and remembers it. */
  public void setTheme(Theme t) {
    theme = t;
    t.apply();
    config.settings().put("theme", t.key());
    root.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("dark"), t == Theme.DARK);
  }

  /** Shows or hides the palette, the property panel or the bottom dock. */
  void showPanel(String panel, boolean show) {
    switch (panel) {
      case "palette" -> toggle(main, paletteView, 0, show);
      case "properties" -> toggle(main, propertiesView, main.getItems().size(), show);
      case "dock" -> toggle(centre, dock, centre.getItems().size(), show);
      default -> throw new IllegalArgumentException(panel);
    }
    config.settings().put("panel." + panel, Boolean.toString(show));
  }

  boolean panelShown(String panel) {
    return config.settings().getBoolean("panel." + panel, true);
  }

  void applyRememberedPanels() {
    for (String p : List.of("palette", "properties", "dock")) {
      if (!panelShown(p)) {
        showPanel(p, false);
      }
    }
  }

  private static void toggle(SplitPane pane, Node node, int index, boolean show) {
    boolean shown = pane.getItems().contains(node);
    if (show && !shown) {
      pane.getItems().add(Math.min(index, pane.getItems().size()), node);
    } else if (!show && shown) {
      pane.getItems().remove(node);
    }
  }

  /** File → Close/Quit and the window's close button: asks about unsaved changes first. */
  public void requestClose() {
    files.whenSafeToDiscard(this::closeNow);
  }

  private void closeNow() {
    if (closed) {
      return;
    }
    closed = true;
    saveBounds();
    autosave.stop();
    autosave.discard();
    stage.close();
  }

  // ---------------------------------------------------------------- status bar

  private Node statusBar() {
    Label status = new Label();
    status.setId("status");
    status.textProperty().bind(editor.statusProperty());
    status.setMinWidth(0);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label counts = new Label();
    counts.setId("status-diagnostics");
    counts
        .textProperty()
        .bind(Bindings.createStringBinding(this::countsText, editor.diagnosticsProperty()));
    zoom.setId("status-zoom");
    zoom.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> Math.round(canvas.zoomProperty().get() * 100) + " %", canvas.zoomProperty()));
    // the counts and the zoom never shrink; the message and the path give way
    counts.setMinWidth(Region.USE_PREF_SIZE);
    zoom.setMinWidth(Region.USE_PREF_SIZE);
    Label file = new Label();
    file.setId("status-file");
    file.setMinWidth(0);
    file.textProperty()
        .bind(
            Bindings.createStringBinding(
                () -> {
                  Path f = editor.document().file();
                  String name = f == null ? "not saved yet" : DesignFiles.shown(f);
                  return editor.document().isDirty() ? name + " (modified)" : name;
                },
                editor.document().fileProperty(),
                editor.document().dirtyProperty()));
    HBox bar = new HBox(12, status, spacer, counts, zoom, file);
    bar.setId("status-bar");
    bar.getStyleClass().add("status-bar");
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }

  private String countsText() {
    long errors = 0;
    long warnings = 0;
    for (Diagnostic d : editor.diagnostics()) {
      if (d.isError()) {
        errors++;
      } else {
        warnings++;
      }
    }
    return plural(errors, "error") + " · " + plural(warnings, "warning");
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  // ---------------------------------------------------------------- window bounds, icon, drop

  /** The remembered window size (1400 × 900 at first), within the screen. */
  private Rectangle2D rememberedSize() {
    ShellSettings s = config.settings();
    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    double w = s.getDouble("window.width", 1400);
    double h = s.getDouble("window.height", 900);
    w = Math.max(Math.min(MIN_WIDTH, screen.getWidth()), Math.min(w, screen.getWidth()));
    h = Math.max(Math.min(MIN_HEIGHT, screen.getHeight()), Math.min(h, screen.getHeight()));
    return new Rectangle2D(0, 0, w, h);
  }

  private void restoreBounds() {
    ShellSettings s = config.settings();
    Rectangle2D size = rememberedSize();
    double w = size.getWidth();
    double h = size.getHeight();
    double x = s.getDouble("window.x", Double.NaN);
    double y = s.getDouble("window.y", Double.NaN);
    stage.setWidth(w);
    stage.setHeight(h);
    // only where some screen still shows the window's top left part
    if (!Double.isNaN(x)
        && !Double.isNaN(y)
        && !Screen.getScreensForRectangle(x, y, Math.min(w, 200), 40).isEmpty()) {
      stage.setX(x);
      stage.setY(y);
    }
    stage.setMaximized(s.getBoolean("window.maximized", false));
  }

  private void saveBounds() {
    Map<String, String> b = new LinkedHashMap<>();
    b.put("window.maximized", Boolean.toString(stage.isMaximized()));
    if (!stage.isMaximized() && !stage.isIconified()) {
      b.put("window.x", fmt(stage.getX()));
      b.put("window.y", fmt(stage.getY()));
      b.put("window.width", fmt(stage.getWidth()));
      b.put("window.height", fmt(stage.getHeight()));
    }
    if (centre.getItems().size() == 2) {
      b.put("dock.divider", String.format(Locale.ROOT, "%.3f", centre.getDividerPositions()[0]));
    }
    config.settings().putAll(b);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /** The app icon from the icons module, when the build has it. */
  private void addAppIcon() {
    for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) {
      try (InputStream in =
          DesignerWindow.class.getResourceAsStream(
              "/dev/flowsim/icons/app/flowsim-" + size + ".png")) {
        if (in != null) {
          stage.getIcons().add(new Image(in));
        }
      } catch (java.io.IOException e) {
        // no icon of this size
      }
    }
  }

  private void acceptDroppedFiles(Scene scene) {
    scene.setOnDragOver(
        (DragEvent e) -> {
          if (droppedSpec(e) != null) {
            e.acceptTransferModes(TransferMode.COPY);
          }
          e.consume();
        });
    scene.setOnDragDropped(
        (DragEvent e) -> {
          Path f = droppedSpec(e);
          e.setDropCompleted(f != null);
          e.consume();
          if (f != null) {
            // after the drop completes: the unsaved-changes question must not hold the drag
            Platform.runLater(() -> files.open(f));
          }
        });
  }

  private static Path droppedSpec(DragEvent e) {
    if (!e.getDragboard().hasFiles()) {
      return null;
    }
    return e.getDragboard().getFiles().stream()
        .map(java.io.File::toPath)
        .filter(
            p -> {
              String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
              return name.endsWith(".json") || name.endsWith(".flowsim");
            })
        .findFirst()
        .orElse(null);
  }
}
