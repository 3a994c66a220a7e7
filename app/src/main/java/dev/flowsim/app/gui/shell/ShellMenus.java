package dev.flowsim.app.gui.shell;

import atlantafx.base.theme.Styles;
import dev.flowsim.app.cli.FlowsimCommand;
import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.app.scenarios.ExampleLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The menu bar and toolbar of a {@link DesignerWindow}. Every item has an id ({@code
 * menu-file-open}, {@code tb-save}...) and, where it makes sense, an accelerator; the Edit menu's
 * undo and redo texts follow the document ("Undo Move 3 components"). Canvas commands are looked up
 * when chosen, so the menus work with whatever the canvas offers at the time.
 */
final class ShellMenus {

  private static final KeyCombination.Modifier SHORTCUT = KeyCombination.SHORTCUT_DOWN;
  private static final KeyCombination.Modifier SHIFT = KeyCombination.SHIFT_DOWN;

  private final DesignerWindow window;
  private final Document document;
  private final List<MenuItem> all = new ArrayList<>();

  ShellMenus(DesignerWindow window) {
    this.window = window;
    this.document = window.editor().document();
  }

  MenuBar menuBar() {
    MenuBar bar = new MenuBar(fileMenu(), editMenu(), viewMenu(), simulationMenu(), helpMenu());
    bar.setId("menu-bar");
    bar.setUseSystemMenuBar(true); // macOS: the screen's menu bar
    return bar;
  }

  // ---------------------------------------------------------------- File

  private Menu fileMenu() {
    DesignFiles files = window.files();
    Menu recent = menu("menu-file-recent", "Open _Recent");
    fillRecent(recent);
    recent.setOnShowing(e -> fillRecent(recent));
    Menu examples = menu("menu-file-examples", "_Examples");
    fillExamples(examples);
    return menu(
        "menu-file",
        "_File",
        item("menu-file-new", "_New", "mdi2f-file-outline", key(KeyCode.N), files::newDesign),
        item("menu-file-open", "_Open…", "mdi2f-folder-open-outline", key(KeyCode.O), files::open),
        recent,
        examples,
        item(
            "menu-file-library",
            "Example _Library…",
            "mdi2b-book-open-page-variant-outline",
            key(KeyCode.L, SHIFT),
            this::showLibrary),
        new SeparatorMenuItem(),
        item("menu-file-save", "_Save", "mdi2c-content-save-outline", key(KeyCode.S), files::save),
        item(
            "menu-file-save-as",
            "Save _As…",
            "mdi2c-content-save-edit-outline",
            key(KeyCode.S, SHIFT),
            files::saveAs),
        new SeparatorMenuItem(),
        item(
            "menu-file-export",
            "_Export…",
            "mdi2e-export",
            key(KeyCode.E),
            () -> window.exportDialog().show()),
        new SeparatorMenuItem(),
        item("menu-file-close", "_Close", null, key(KeyCode.W), window::requestClose),
        item("menu-file-quit", "_Quit", null, key(KeyCode.Q), window::requestClose));
  }

  private void fillRecent(Menu recent) {
    recent.getItems().clear();
    int n = 0;
    for (Path p : window.settings().recentFiles()) {
      if (!Files.isRegularFile(p)) {
        continue;
      }
      n++;
      MenuItem i = new MenuItem(n + "  " + p.getFileName() + "   —   " + p.getParent());
      i.setMnemonicParsing(false);
      i.setId("menu-file-recent-" + n);
      i.setOnAction(e -> window.files().open(p));
      recent.getItems().add(i);
    }
    if (n == 0) {
      MenuItem none = new MenuItem("No recent files");
      none.setId("menu-file-recent-none");
      none.setDisable(true);
      recent.getItems().add(none);
    } else {
      recent.getItems().add(new SeparatorMenuItem());
      MenuItem clear = new MenuItem("Clear the List");
      clear.setId("menu-file-recent-clear");
      clear.setOnAction(e -> window.settings().clearRecent());
      recent.getItems().add(clear);
    }
  }

  private void fillExamples(Menu examples) {
    for (ExampleLibrary.Pair pair : ExampleLibrary.pairs()) {
      Menu m = new Menu(pair.number() + "  " + pair.title());
      m.setMnemonicParsing(false);
      m.setId("menu-example-" + pair.stem());
      for (ExampleLibrary.Example ex : List.of(pair.broken(), pair.fixed())) {
        MenuItem i = new MenuItem(capitalised(ex.variant()));
        i.setMnemonicParsing(false);
        i.setId("menu-example-" + ex.stem().replace('.', '-'));
        i.setOnAction(e -> window.files().openExample(ex));
        m.getItems().add(i);
      }
      examples.getItems().add(m);
    }
    if (examples.getItems().isEmpty()) {
      MenuItem none = new MenuItem("No examples in this build");
      none.setId("menu-file-examples-none");
      none.setDisable(true);
      examples.getItems().add(none);
    }
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private void showLibrary() {
    new ExampleLibraryDialog(window.stage(), ex -> window.files().openExample(ex)).show();
  }

  // ---------------------------------------------------------------- Edit

  private Menu editMenu() {
    MenuItem undo =
        item(
            "menu-edit-undo",
            "Undo",
            "mdi2u-undo",
            key(KeyCode.Z),
            orText(TextInputControl::undo, document::undo));
    undo.textProperty().bind(document.undoTextProperty());
    undo.disableProperty().bind(document.canUndoProperty().not());
    MenuItem redo =
        item(
            "menu-edit-redo",
            "Redo",
            "mdi2r-redo",
            key(KeyCode.Z, SHIFT),
            orText(TextInputControl::redo, document::redo));
    redo.textProperty().bind(document.redoTextProperty());
    redo.disableProperty().bind(document.canRedoProperty().not());
    return menu(
        "menu-edit",
        "_Edit",
        undo,
        redo,
        new SeparatorMenuItem(),
        item(
            "menu-edit-cut",
            "Cu_t",
            "mdi2c-content-cut",
            key(KeyCode.X),
            orText(TextInputControl::cut, () -> window.onCanvas(a -> a.cut()))),
        item(
            "menu-edit-copy",
            "_Copy",
            "mdi2c-content-copy",
            key(KeyCode.C),
            orText(TextInputControl::copy, () -> window.onCanvas(a -> a.copy()))),
        item(
            "menu-edit-paste",
            "_Paste",
            "mdi2c-content-paste",
            key(KeyCode.V),
            orText(TextInputControl::paste, () -> window.onCanvas(a -> a.paste()))),
        item(
            "menu-edit-duplicate",
            "D_uplicate",
            null,
            key(KeyCode.D),
            orText(t -> {}, () -> window.onCanvas(a -> a.duplicate()))),
        item(
            "menu-edit-delete",
            "_Delete",
            "mdi2d-delete-outline",
            new KeyCodeCombination(KeyCode.DELETE),
            orText(
                TextInputControl::deleteNextChar, () -> window.onCanvas(a -> a.deleteSelection()))),
        item(
            "menu-edit-rename",
            "_Rename",
            null,
            new KeyCodeCombination(KeyCode.F2),
            orText(t -> {}, () -> window.onCanvas(a -> a.renameSelected()))),
        new SeparatorMenuItem(),
        item(
            "menu-edit-select-all",
            "Select _All",
            null,
            key(KeyCode.A),
            orText(TextInputControl::selectAll, () -> window.onCanvas(a -> a.selectAll()))));
  }

  // ---------------------------------------------------------------- View

  private Menu viewMenu() {
    ToggleGroup themes = new ToggleGroup();
    RadioMenuItem light = new RadioMenuItem("_Light Theme");
    light.setId("menu-view-theme-light");
    RadioMenuItem dark = new RadioMenuItem("_Dark Theme");
    dark.setId("menu-view-theme-dark");
    dark.setAccelerator(key(KeyCode.T, SHIFT));
    light.setToggleGroup(themes);
    dark.setToggleGroup(themes);
    (window.theme() == Theme.DARK ? dark : light).setSelected(true);
    light.setOnAction(e -> window.setTheme(Theme.LIGHT));
    // the accelerator toggles: from dark it goes back to light
    dark.setOnAction(
        e -> {
          Theme next = window.theme() == Theme.DARK ? Theme.LIGHT : Theme.DARK;
          window.setTheme(next);
          (next == Theme.DARK ? dark : light).setSelected(true);
        });
    all.add(light);
    all.add(dark);
    return menu(
        "menu-view",
        "_View",
        item(
            "menu-view-zoom-in",
            "Zoom _In",
            "mdi2m-magnify-plus-outline",
            key(KeyCode.EQUALS),
            () -> window.onCanvas(a -> a.zoomIn())),
        item(
            "menu-view-zoom-out",
            "Zoom _Out",
            "mdi2m-magnify-minus-outline",
            key(KeyCode.MINUS),
            () -> window.onCanvas(a -> a.zoomOut())),
        item(
            "menu-view-zoom-reset",
            "Actual _Size",
            null,
            key(KeyCode.DIGIT0),
            () -> window.onCanvas(a -> a.zoomReset())),
        item(
            "menu-view-fit",
            "_Fit to Window",
            "mdi2f-fit-to-page-outline",
            key(KeyCode.F, SHIFT),
            () -> window.onCanvas(a -> a.fitToWindow())),
        item(
            "menu-view-arrange",
            "_Arrange",
            "mdi2s-sitemap",
            key(KeyCode.L, KeyCombination.ALT_DOWN),
            () -> window.onCanvas(a -> a.arrange())),
        new SeparatorMenuItem(),
        light,
        dark,
        new SeparatorMenuItem(),
        panelItem("palette", "Show _Palette", KeyCode.DIGIT1),
        panelItem("properties", "Show P_roperties", KeyCode.DIGIT2),
        panelItem("dock", "Show _Bottom Panels", KeyCode.DIGIT3));
  }

  private CheckMenuItem panelItem(String panel, String text, KeyCode code) {
    CheckMenuItem i = new CheckMenuItem(text);
    i.setId("menu-view-show-" + panel);
    i.setAccelerator(key(code, KeyCombination.ALT_DOWN));
    i.setSelected(window.panelShown(panel));
    i.selectedProperty().addListener((obs, was, show) -> window.showPanel(panel, show));
    all.add(i);
    return i;
  }

  // ---------------------------------------------------------------- Simulation, Help

  private Menu simulationMenu() {
    MenuItem run =
        item(
            "menu-simulation-run",
            "_Run",
            "mdi2p-play",
            new KeyCodeCombination(KeyCode.F5),
            () -> window.runController().run());
    MenuItem cancel =
        item(
            "menu-simulation-cancel",
            "_Cancel Run",
            "mdi2s-stop",
            new KeyCodeCombination(KeyCode.F5, SHIFT),
            () -> window.runController().cancel());
    run.disableProperty().bind(window.runController().runningProperty());
    cancel.disableProperty().bind(window.runController().runningProperty().not());
    return menu(
        "menu-simulation",
        "_Simulation",
        run,
        cancel,
        new SeparatorMenuItem(),
        item(
            "menu-simulation-compare",
            "C_ompare…",
            "mdi2c-compare",
            key(KeyCode.K, SHIFT),
            () -> window.analysis().openCompare(window.stage())));
  }

  private Menu helpMenu() {
    return menu(
        "menu-help",
        "_Help",
        item(
            "menu-help-shortcuts",
            "_Keyboard Shortcuts",
            null,
            new KeyCodeCombination(KeyCode.F1),
            this::showShortcuts),
        item(
            "menu-help-examples",
            "_Examples Guide",
            null,
            key(KeyCode.F1, SHIFT),
            this::showLibrary),
        new SeparatorMenuItem(),
        item("menu-help-about", "_About Flowsim", null, null, this::showAbout));
  }

  private void showAbout() {
    Alert a = ShellDialogs.alert(window.stage(), Alert.AlertType.INFORMATION, "about", "About");
    a.setHeaderText("Flowsim " + FlowsimCommand.version());
    a.setContentText(
        "A visual dataflow designer and deterministic simulator of distributed pipelines.\n\n"
            + "Java "
            + System.getProperty("java.version")
            + ", JavaFX "
            + System.getProperty("javafx.runtime.version", "?"));
    a.show();
  }

  private void showShortcuts() {
    TableView<String[]> table = new TableView<>();
    table.setId("shortcuts-table");
    TableColumn<String[], String> what = new TableColumn<>("Command");
    what.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()[0]));
    TableColumn<String[], String> keys = new TableColumn<>("Keys");
    keys.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue()[1]));
    what.setPrefWidth(300);
    keys.setPrefWidth(160);
    table.getColumns().add(what);
    table.getColumns().add(keys);
    for (MenuItem i : all) {
      if (i.getAccelerator() != null) {
        String text = i.getText() == null ? "" : i.getText().replace("_", "");
        table.getItems().add(new String[] {text, i.getAccelerator().getDisplayText()});
      }
    }
    table.setPrefSize(480, 460);
    Alert a =
        ShellDialogs.alert(
            window.stage(), Alert.AlertType.INFORMATION, "shortcuts", "Keyboard shortcuts");
    a.setHeaderText("Keyboard shortcuts");
    a.getDialogPane().setContent(table);
    a.show();
  }

  // ---------------------------------------------------------------- toolbar

  ToolBar toolBar() {
    DesignFiles files = window.files();
    Button undo = button("tb-undo", "mdi2u-undo", "Undo", document::undo);
    undo.disableProperty().bind(document.canUndoProperty().not());
    undo.getTooltip().textProperty().bind(document.undoTextProperty());
    Button redo = button("tb-redo", "mdi2r-redo", "Redo", document::redo);
    redo.disableProperty().bind(document.canRedoProperty().not());
    redo.getTooltip().textProperty().bind(document.redoTextProperty());
    Button runButton =
        button(
            "tb-run", "mdi2p-play", "Run the simulation (F5)", () -> window.runController().run());
    runButton.disableProperty().bind(window.runController().runningProperty());
    Button cancelButton =
        button(
            "tb-cancel",
            "mdi2s-stop",
            "Cancel the run (Shift+F5)",
            () -> window.runController().cancel());
    cancelButton.disableProperty().bind(window.runController().runningProperty().not());
    ToolBar bar =
        new ToolBar(
            button("tb-new", "mdi2f-file-outline", "New design (Ctrl+N)", files::newDesign),
            button("tb-open", "mdi2f-folder-open-outline", "Open a spec… (Ctrl+O)", files::open),
            button("tb-save", "mdi2c-content-save-outline", "Save (Ctrl+S)", files::save),
            new Separator(),
            undo,
            redo,
            new Separator(),
            button(
                "tb-zoom-in",
                "mdi2m-magnify-plus-outline",
                "Zoom in (Ctrl+=)",
                () -> window.onCanvas(a -> a.zoomIn())),
            button(
                "tb-zoom-out",
                "mdi2m-magnify-minus-outline",
                "Zoom out (Ctrl+-)",
                () -> window.onCanvas(a -> a.zoomOut())),
            button(
                "tb-fit",
                "mdi2f-fit-to-page-outline",
                "Fit the design to the window (Ctrl+Shift+F)",
                () -> window.onCanvas(a -> a.fitToWindow())),
            button(
                "tb-arrange",
                "mdi2s-sitemap",
                "Arrange automatically",
                () -> window.onCanvas(a -> a.arrange())),
            new Separator(),
            runButton,
            cancelButton,
            new Separator(),
            button(
                "tb-theme",
                "mdi2t-theme-light-dark",
                "Light or dark theme",
                () -> window.setTheme(window.theme() == Theme.DARK ? Theme.LIGHT : Theme.DARK)));
    bar.setId("toolbar");
    return bar;
  }

  private static Button button(String id, String icon, String tip, Runnable action) {
    Button b = new Button(null, new FontIcon(icon));
    b.setId(id);
    b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    b.setTooltip(new Tooltip(tip));
    b.setAccessibleText(tip);
    b.setFocusTraversable(false);
    b.setOnAction(e -> action.run());
    return b;
  }

  // ---------------------------------------------------------------- helpers

  private Menu menu(String id, String text, MenuItem... items) {
    Menu m = new Menu(text);
    m.setId(id);
    m.getItems().addAll(items);
    return m;
  }

  /**
   * The text field or area being typed in (a property, the run's seed), or null. The Edit menu's
   * keys (Ctrl+C, Delete, Ctrl+A...) are window accelerators: while the user types in a text field
   * they must edit its text, never the design behind it.
   */
  static TextInputControl typingIn(javafx.scene.Scene scene) {
    javafx.scene.Node focus = scene == null ? null : scene.getFocusOwner();
    return focus instanceof TextInputControl t ? t : null;
  }

  /** An Edit action: {@code text} on the text field being typed in, else {@code design}. */
  private Runnable orText(Consumer<TextInputControl> text, Runnable design) {
    return () -> {
      TextInputControl t = typingIn(window.stage().getScene());
      if (t != null) {
        text.accept(t);
      } else {
        design.run();
      }
    };
  }

  private MenuItem item(
      String id, String text, String icon, KeyCombination accelerator, Runnable action) {
    MenuItem i = new MenuItem(text);
    i.setId(id);
    if (icon != null) {
      i.setGraphic(new FontIcon(icon));
    }
    if (accelerator != null) {
      i.setAccelerator(accelerator);
    }
    i.setOnAction(e -> action.run());
    all.add(i);
    return i;
  }

  private static KeyCombination key(KeyCode code, KeyCombination.Modifier... more) {
    KeyCombination.Modifier[] mods = new KeyCombination.Modifier[more.length + 1];
    mods[0] = SHORTCUT;
    System.arraycopy(more, 0, mods, 1, more.length);
    return new KeyCodeCombination(code, mods);
  }
}
