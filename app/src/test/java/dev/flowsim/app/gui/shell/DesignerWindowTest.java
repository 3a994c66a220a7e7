package dev.flowsim.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.export.DesignExport;
import dev.flowsim.app.export.ExportFormat;
import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.model.json.SpecWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window's file handling, recovery, examples and Edit menu, driven through its UI. */
@ExtendWith(ApplicationExtension.class)
class DesignerWindowTest {

  /** Answers file choosers without a dialog. */
  static final class ScriptedDialogs implements FileDialogs {
    Path nextOpen;
    Path nextSave;
    int saveAsked;

    @Override
    public Path chooseOpen(Window owner, Path initialDir) {
      return nextOpen;
    }

    @Override
    public Path chooseSave(Window owner, Path initialDir, String suggestedName) {
      saveAsked++;
      return nextSave;
    }
  }

  static final Path EXAMPLE = Path.of("../examples/01-dual-write.broken.json");

  @TempDir Path home;
  @TempDir Path work;
  private final ScriptedDialogs dialogs = new ScriptedDialogs();
  private DesignerWindow window;

  @Start
  void start(Stage stage) {
    window =
        DesignerWindow.create(
            stage, DesignerWindow.Config.in(home, Duration.ofHours(1), dialogs), null);
  }

  @AfterEach
  void closeWindows() throws Exception {
    FxToolkit.cleanupStages();
  }

  private Document document() {
    return window.editor().document();
  }

  private static Edit rename(String name) {
    return Edit.of(
        "Rename the design", p -> p.withSettings(name, p.description(), p.seed(), p.duration()));
  }

  private MenuItem menuItem(String id) {
    for (Menu m : window.menuBar().getMenus()) {
      MenuItem found = find(m, id);
      if (found != null) {
        return found;
      }
    }
    throw new AssertionError("no menu item " + id);
  }

  private static MenuItem find(Menu menu, String id) {
    for (MenuItem i : menu.getItems()) {
      if (id.equals(i.getId())) {
        return i;
      }
      if (i instanceof Menu sub) {
        MenuItem found = find(sub, id);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Path copyOfExample(Path dir) throws Exception {
    Path f = dir.resolve("dual-write.json");
    Files.copy(EXAMPLE, f);
    return f;
  }

  @Test
  void savingAnOpenedSpecWritesTheSameBytes(FxRobot robot) throws Exception {
    Path original = work.resolve("dual-write.json");
    Files.writeString(original, SpecWriter.write(SpecReader.read(EXAMPLE)));
    dialogs.nextOpen = original;
    robot.clickOn("#tb-open");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(original.toAbsolutePath().normalize(), document().file());
    assertFalse(document().isDirty());
    assertEquals(SpecReader.read(original), document().pipeline());

    Path copy = work.resolve("sub/copy.json");
    dialogs.nextSave = copy;
    robot.interact(() -> menuItem("menu-file-save-as").fire());
    byte[] expected = SpecWriter.write(SpecReader.read(original)).getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(expected, Files.readAllBytes(copy));
    assertArrayEquals(Files.readAllBytes(original), Files.readAllBytes(copy));
    assertEquals(copy.toAbsolutePath().normalize(), document().file());
    assertEquals("copy.json — Flowsim", window.stage().getTitle());

    // edit, save in place (Ctrl+S path: the document's own file, no chooser)
    robot.interact(() -> document().execute(rename("renamed")));
    assertTrue(window.stage().getTitle().startsWith("• "));
    int asked = dialogs.saveAsked;
    robot.clickOn("#tb-save");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(asked, dialogs.saveAsked, "a titled document saves without asking");
    assertFalse(document().isDirty());
    assertEquals("renamed", SpecReader.read(copy).name());
    assertEquals(
        List.of(copy.toAbsolutePath().normalize(), original.toAbsolutePath().normalize()),
        window.settings().recentFiles().subList(0, 2));
  }

  @Test
  void aSpecWithoutPositionsIsArrangedOnOpenWithoutBecomingDirty(FxRobot robot) throws Exception {
    Pipeline withLayout = SpecReader.read(EXAMPLE);
    Path bare = work.resolve("bare.json");
    Files.writeString(bare, SpecWriter.write(withLayout.withLayout(java.util.Map.of())));
    robot.interact(() -> window.files().load(bare));
    Pipeline opened = document().pipeline();
    assertEquals(withLayout.components().size(), opened.layout().size());
    assertFalse(document().isDirty());
    assertFalse(document().canUndoProperty().get());
  }

  @Test
  void anInvalidFileShowsItsLocatedErrorsAndLeavesTheDesignAlone(FxRobot robot) throws Exception {
    robot.interact(() -> document().execute(rename("mine")));
    Pipeline before = document().pipeline();
    Path bad = work.resolve("bad.json");
    Files.writeString(bad, "{\n  \"flowsim\": 1,\n  \"name\": \"x\",\n  \"seed\": \"soon\"\n}\n");

    robot.interact(() -> window.files().load(bad));
    Node dialog = robot.lookup("#load-errors").query();
    assertNotNull(dialog);
    ListView<String> list = robot.lookup("#load-errors-list").queryListView();
    assertFalse(list.getItems().isEmpty());
    for (String line : list.getItems()) {
      assertTrue(line.startsWith(bad.toAbsolutePath().normalize() + ":4:"), line);
    }
    assertTrue(list.getItems().get(0).contains("seed"), list.getItems().get(0));
    assertEquals(before, document().pipeline());
    assertNull(document().file());
    assertTrue(document().isDirty());
    assertTrue(document().canUndoProperty().get(), "history kept");
    robot.clickOn("#load-errors-ok");
    assertTrue(robot.lookup("#load-errors").queryAll().isEmpty());
  }

  @Test
  void newAsksAboutUnsavedChanges(FxRobot robot) throws Exception {
    robot.interact(() -> document().execute(rename("work")));
    Pipeline edited = document().pipeline();

    robot.clickOn("#tb-new");
    assertNotNull(robot.lookup("#unsaved-dialog").query());
    robot.clickOn("#unsaved-cancel");
    assertEquals(edited, document().pipeline());
    assertTrue(document().isDirty());

    // Save on an untitled document goes through Save As, then New goes ahead
    Path target = work.resolve("work.json");
    dialogs.nextSave = target;
    robot.clickOn("#tb-new");
    robot.clickOn("#unsaved-save");
    assertEquals(edited, SpecReader.read(target));
    assertEquals(Pipeline.empty(), document().pipeline());
    assertNull(document().file());
    assertFalse(document().isDirty());

    robot.interact(() -> document().execute(rename("more")));
    robot.clickOn("#tb-new");
    robot.clickOn("#unsaved-dont-save");
    assertEquals(Pipeline.empty(), document().pipeline());
    assertEquals("Untitled — Flowsim", window.stage().getTitle());
  }

  @Test
  void closingWithUnsavedChangesCanBeCancelled(FxRobot robot) {
    robot.interact(() -> document().execute(rename("work")));
    robot.interact(() -> window.requestClose());
    robot.clickOn("#unsaved-cancel");
    assertTrue(window.stage().isShowing());
    robot.interact(() -> window.requestClose());
    robot.clickOn("#unsaved-dont-save");
    assertFalse(window.stage().isShowing());
    assertFalse(Autosave.pending(home), "a deliberate close leaves no recovery file");
  }

  @Test
  void theExamplesMenuOpensDualWriteAsANewUntitledDesign(FxRobot robot) throws Exception {
    robot.clickOn("File");
    robot.clickOn("Examples");
    robot.moveTo("01  Dual write to a database and a search index");
    robot.clickOn("Broken");
    WaitForAsyncUtils.waitForFxEvents();

    Pipeline expected = DesignFiles.withPositions(SpecReader.read(EXAMPLE));
    assertEquals(expected, document().pipeline());
    assertNull(document().file());
    assertFalse(document().isDirty());
    assertEquals(
        "Dual write to a database and a search index (broken) — Flowsim",
        window.stage().getTitle());

    Path target = work.resolve("mine.json");
    dialogs.nextSave = target;
    robot.clickOn("#tb-save");
    assertEquals(1, dialogs.saveAsked, "an example is saved through Save As");
    assertEquals(target.toAbsolutePath().normalize(), document().file());
    assertEquals(expected, SpecReader.read(target));
  }

  @Test
  void theEditMenuNamesWhatUndoAndRedoDo(FxRobot robot) {
    MenuItem undo = menuItem("menu-edit-undo");
    MenuItem redo = menuItem("menu-edit-redo");
    assertEquals("Undo", undo.getText());
    assertTrue(undo.isDisable());
    robot.interact(() -> document().execute(rename("x")));
    assertEquals("Undo Rename the design", undo.getText());
    assertFalse(undo.isDisable());
    assertEquals("Redo", redo.getText());

    robot.clickOn("Edit");
    assertFalse(
        robot.lookup("Undo Rename the design").queryAll().isEmpty(), "the open menu shows it");
    robot.type(KeyCode.ESCAPE);
    robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
    assertEquals("", document().pipeline().name());
    assertEquals("Undo", undo.getText());
    assertEquals("Redo Rename the design", redo.getText());

    robot.clickOn("#tb-redo");
    assertEquals("x", document().pipeline().name());
  }

  @Test
  void everyMenuItemHasAnId() {
    for (Menu m : window.menuBar().getMenus()) {
      assertNotNull(m.getId(), m.getText());
      assertIds(m);
    }
  }

  private static void assertIds(Menu menu) {
    for (MenuItem i : menu.getItems()) {
      if (!(i instanceof javafx.scene.control.SeparatorMenuItem) && !i.isDisable()) {
        assertNotNull(i.getId(), i.getText());
      }
      if (i instanceof Menu sub) {
        assertIds(sub);
      }
    }
  }

  @Test
  void autosaveWritesUnsavedWorkAndACleanSaveRemovesIt(FxRobot robot) throws Exception {
    robot.interact(() -> document().execute(rename("unsaved")));
    robot.interact(() -> window.autosave().saveNow());
    assertTrue(Files.isRegularFile(window.autosave().file()));
    assertEquals(Optional.of(window.autosave().file()), Autosave.orphan(home));
    Autosave.Recovered r = Autosave.read(window.autosave().file());
    assertEquals(document().pipeline(), r.pipeline());
    assertNull(r.file());

    dialogs.nextSave = work.resolve("saved.json");
    robot.interact(() -> window.files().save());
    assertFalse(Autosave.pending(home), "a clean document has nothing to recover");
  }

  @Test
  void autosaveRunsOnItsOwnAtTheConfiguredInterval(FxRobot robot, @TempDir Path otherHome)
      throws Exception {
    DesignerWindow[] w = new DesignerWindow[1];
    robot.interact(
        () ->
            w[0] =
                DesignerWindow.create(
                    new Stage(),
                    DesignerWindow.Config.in(otherHome, Duration.ofMillis(50), dialogs),
                    null));
    robot.interact(() -> w[0].editor().document().execute(rename("ticking")));
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Autosave.pending(otherHome));
    assertEquals("ticking", Autosave.read(w[0].autosave().file()).pipeline().name());
  }

  @Test
  void workLeftByACrashedSessionIsOfferedAndRecovered(FxRobot robot, @TempDir Path crashed)
      throws Exception {
    Path original = copyOfExample(work);
    Pipeline unsaved =
        SpecReader.read(original).withSettings("half done", "", 5, Pipeline.empty().duration());
    SpecWriter.save(unsaved, crashed.resolve(Autosave.CONTENT));
    Files.writeString(
        crashed.resolve(Autosave.ORIGIN),
        "file=" + original.toAbsolutePath().toString().replace("\\", "\\\\") + "\nname=x\n");

    DesignerWindow[] w = new DesignerWindow[1];
    robot.interact(
        () ->
            w[0] =
                DesignerWindow.create(
                    new Stage(),
                    DesignerWindow.Config.in(crashed, Duration.ofHours(1), dialogs),
                    null));
    WaitForAsyncUtils.waitForFxEvents();
    assertNotNull(robot.lookup("#recover-dialog").query());
    robot.clickOn("#recover-recover");

    Document d = w[0].editor().document();
    assertEquals(unsaved, d.pipeline());
    assertTrue(d.isDirty());
    assertEquals(original.toAbsolutePath(), d.file());
    assertTrue(w[0].stage().getTitle().startsWith("• dual-write.json"));
    assertTrue(Files.isRegularFile(w[0].autosave().file()), "still unsaved, still recoverable");
    assertFalse(Files.exists(crashed.resolve(Autosave.CONTENT)), "the old file was taken over");
  }

  @Test
  void discardingRecoveredWorkRemovesItAndOpensTheRequestedFile(
      FxRobot robot, @TempDir Path crashed) throws Exception {
    SpecWriter.save(Pipeline.empty(), crashed.resolve(Autosave.CONTENT));
    Path file = copyOfExample(work);
    DesignerWindow[] w = new DesignerWindow[1];
    robot.interact(
        () ->
            w[0] =
                DesignerWindow.create(
                    new Stage(),
                    DesignerWindow.Config.in(crashed, Duration.ofHours(1), dialogs),
                    file));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#recover-discard");
    assertFalse(Autosave.pending(crashed));
    assertEquals(file.toAbsolutePath().normalize(), w[0].editor().document().file());
    assertFalse(w[0].editor().document().isDirty());
  }

  @Test
  void exportWritesTheChosenFormatWithoutTouchingTheDesign(FxRobot robot) throws Exception {
    robot.interact(() -> window.files().load(EXAMPLE));
    Pipeline design = document().pipeline();

    robot.interact(() -> menuItem("menu-file-export").fire());
    javafx.scene.control.ChoiceBox<ExportFormat> format = robot.lookup("#export-format").query();
    assertTrue(robot.lookup("#export-scale").query().isDisabled(), "scale is for PNG only");
    robot.interact(() -> format.setValue(ExportFormat.DOT));
    Path dot = work.resolve("design.dot");
    dialogs.nextSave = dot;
    robot.clickOn("#export-ok");
    assertEquals(DesignExport.text(design, ExportFormat.DOT), Files.readString(dot));

    robot.interact(() -> menuItem("menu-file-export").fire());
    javafx.scene.control.ChoiceBox<ExportFormat> again = robot.lookup("#export-format").query();
    assertEquals(ExportFormat.DOT, again.getValue(), "the last format is remembered");
    robot.interact(() -> again.setValue(ExportFormat.PNG));
    assertFalse(robot.lookup("#export-scale").query().isDisabled());
    Path png = work.resolve("design");
    dialogs.nextSave = png;
    robot.clickOn("#export-ok");
    byte[] bytes = Files.readAllBytes(work.resolve("design.png"));
    assertEquals((byte) 0x89, bytes[0]);
    assertEquals('P', bytes[1]);

    assertEquals(design, document().pipeline());
    assertFalse(document().isDirty());
  }

  @Test
  void themeBoundsAndPanelsAreRememberedForTheNextWindow(FxRobot robot) {
    robot.interact(
        () -> {
          window.setTheme(Theme.DARK);
          window.stage().setWidth(1000);
          window.stage().setHeight(640);
        });
    robot.interact(
        () ->
            ((javafx.scene.control.CheckMenuItem) menuItem("menu-view-show-dock"))
                .setSelected(false));
    assertFalse(robot.lookup("#dock").tryQuery().map(Node::isVisible).orElse(false));
    robot.interact(() -> window.requestClose());

    DesignerWindow[] w = new DesignerWindow[1];
    robot.interact(
        () ->
            w[0] =
                DesignerWindow.create(
                    new Stage(),
                    DesignerWindow.Config.in(home, Duration.ofHours(1), dialogs),
                    null));
    try {
      assertEquals(Theme.DARK, w[0].theme());
      assertEquals(1000, w[0].stage().getWidth(), 1);
      assertEquals(640, w[0].stage().getHeight(), 1);
      assertTrue(robot.lookup("#dock").queryAll().isEmpty(), "the dock stays hidden");
    } finally {
      robot.interact(() -> w[0].setTheme(Theme.LIGHT));
    }
  }

  @Test
  void openRecentListsOpenedFiles(FxRobot robot) throws Exception {
    Path f = copyOfExample(work);
    robot.interact(() -> window.files().load(f));
    robot.clickOn("File");
    robot.clickOn("Open Recent");
    assertTrue(
        robot
            .lookup(
                (Node n) ->
                    n instanceof javafx.scene.text.Text t
                        && t.getText().startsWith("1  dual-write.json"))
            .tryQuery()
            .isPresent(),
        "the open menu lists the file");
    robot.type(KeyCode.ESCAPE).type(KeyCode.ESCAPE);
    robot.interact(() -> window.files().newDesign());
    robot.interact(() -> ((Menu) menuItem("menu-file-recent")).getOnShowing().handle(null));
    MenuItem first = menuItem("menu-file-recent-1");
    robot.interact(first::fire);
    assertEquals(f.toAbsolutePath().normalize(), document().file());
  }

  @Test
  void menusAndToolbarDriveTheCanvas(FxRobot robot) throws Exception {
    robot.interact(() -> window.files().load(EXAMPLE));
    int components = document().pipeline().components().size();
    javafx.scene.control.Label zoom =
        robot.lookup("#status-zoom").queryAs(javafx.scene.control.Label.class);
    robot.interact(() -> menuItem("menu-view-zoom-reset").fire());
    assertEquals("100 %", zoom.getText());
    robot.clickOn("#tb-zoom-in");
    assertFalse("100 %".equals(zoom.getText()), zoom.getText());

    robot.interact(() -> menuItem("menu-edit-select-all").fire());
    assertEquals(components, window.editor().selection().components().size());
    robot.interact(() -> menuItem("menu-edit-delete").fire());
    assertTrue(document().pipeline().components().isEmpty());
    assertTrue(document().isDirty());
    robot.interact(() -> menuItem("menu-edit-undo").fire());
    assertEquals(components, document().pipeline().components().size());
    assertFalse(document().isDirty());
  }

  @Test
  void helpListsTheShortcutsAndTheVersion(FxRobot robot) {
    robot.interact(() -> menuItem("menu-help-shortcuts").fire());
    javafx.scene.control.TableView<String[]> table = robot.lookup("#shortcuts-table").query();
    List<String> rows = table.getItems().stream().map(r -> r[0] + " = " + r[1]).toList();
    assertTrue(rows.contains("Save = Ctrl+S"), rows.toString());
    assertTrue(rows.contains("Open… = Ctrl+O"), rows.toString());
    assertTrue(rows.contains("Run = F5"), rows.toString());

    robot.interact(() -> menuItem("menu-help-about").fire());
    javafx.scene.control.DialogPane about = robot.lookup("#about").query();
    assertEquals("Flowsim " + dev.flowsim.app.cli.FlowsimCommand.version(), about.getHeaderText());
  }

  @Test
  void theRecoveryFileOfARunningDesignerIsNotOffered(@TempDir Path dir) throws Exception {
    // pid 1 (init) is always running and is not this process
    SpecWriter.save(Pipeline.empty(), dir.resolve("recovery-1.json"));
    assertTrue(Autosave.pending(dir));
    assertEquals(Optional.empty(), Autosave.orphan(dir));
    // a process id no running process has: the session crashed
    long gone = Long.MAX_VALUE - 7;
    SpecWriter.save(Pipeline.empty(), dir.resolve("recovery-" + gone + ".json"));
    assertEquals(Optional.of(dir.resolve("recovery-" + gone + ".json")), Autosave.orphan(dir));
  }
}
