package dev.flowsim.app.gui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.model.Component;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.json.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The design canvas driven like a user: palette drags, moves, connections, keys, menus. */
@ExtendWith(ApplicationExtension.class)
class DesignCanvasTest {

  private Editor editor;
  private DesignCanvas canvas;

  static Pipeline example(String name) throws Exception {
    Path dir = Path.of("../examples");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("examples");
    }
    return SpecReader.read(dir.resolve(name));
  }

  @Start
  void start(Stage stage) throws Exception {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    editor = new Editor(example("10-username-claims.broken.json"));
    canvas = new DesignCanvas(editor);
    Palette palette = new Palette(canvas);
    BorderPane root = new BorderPane(canvas.view());
    root.setLeft(palette.view());
    ((javafx.scene.layout.Region) palette.view()).setPrefWidth(220);
    stage.setScene(new Scene(root, 1200, 760));
    stage.show();
  }

  private Document doc() {
    return editor.document();
  }

  private static <T> T fx(Callable<T> c) throws Exception {
    FutureTask<T> t = new FutureTask<>(c);
    Platform.runLater(t);
    return t.get();
  }

  private Position shown(String id) {
    return canvas.shownPositions().get(id);
  }

  private boolean has(String id) {
    return doc().pipeline().component(id).isPresent();
  }

  @Test
  void dragFromThePaletteAddsAComponentWhereItIsDropped(FxRobot robot) throws Exception {
    int before = doc().pipeline().components().size();
    robot.drag("#palette-database").moveTo("#design-canvas").moveBy(-150, 120).drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(before + 1, doc().pipeline().components().size());
    Component added = doc().pipeline().components().get(before);
    assertEquals("database", added.id(), "accounts-db exists, database is free");
    assertEquals("Undo Add database", doc().undoTextProperty().get());
    assertTrue(editor.selection().components().contains("database"));
    Position p = doc().pipeline().layout().get("database");
    assertNotNull(p);
    assertEquals(0, p.x() % DesignCanvas.GRID, "snapped to the grid");
    assertNotNull(robot.lookup("#node-database").tryQuery().orElse(null));

    robot.doubleClickOn("#palette-database");
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(has("database-2"), "double-click adds another with a fresh id");
    fx(
        () -> {
          doc().undo();
          doc().undo();
          return null;
        });
    assertEquals(before, doc().pipeline().components().size());
    fx(
        () -> {
          doc().redo();
          return null;
        });
    assertTrue(has("database"));
  }

  @Test
  void movingADragIsOneUndoStepAndSnaps(FxRobot robot) throws Exception {
    Position before = doc().pipeline().layout().get("claims-us");
    robot.drag("#node-claims-us .flow-node").moveBy(20, 20).moveBy(40, 30).moveBy(43, 27).drop();
    WaitForAsyncUtils.waitForFxEvents();
    Position after = doc().pipeline().layout().get("claims-us");
    assertNotEquals(before, after);
    assertEquals(0, after.x() % DesignCanvas.GRID);
    assertEquals(0, after.y() % DesignCanvas.GRID);
    assertEquals("Undo Move 1 component", doc().undoTextProperty().get());
    fx(
        () -> {
          doc().undo();
          return null;
        });
    assertEquals(before, doc().pipeline().layout().get("claims-us"));
    assertFalse(doc().canUndoProperty().get(), "the whole drag was one step");
    assertEquals(before, shown("claims-us"), "the box follows the undo");
  }

  @Test
  void draggingFromAnOutputPortToAnotherComponentConnects(FxRobot robot) throws Exception {
    int before = doc().pipeline().connections().size();
    robot.drag("#node-claims-eu .port-out").moveTo("#node-claims-us-handler .flow-node").drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(before + 1, doc().pipeline().connections().size());
    assertTrue(
        doc().pipeline().connections().stream()
            .anyMatch(c -> c.from().equals("claims-eu") && c.to().equals("claims-us-handler")));
    assertEquals("Undo Connect claims-eu → claims-us-handler", doc().undoTextProperty().get());
    assertTrue(editor.selection().links().contains(new Link("claims-eu", "claims-us-handler")));
    assertNotNull(canvas.geometry().curve(new Link("claims-eu", "claims-us-handler")));
    fx(
        () -> {
          doc().undo();
          return null;
        });
    assertEquals(before, doc().pipeline().connections().size());
    fx(
        () -> {
          doc().redo();
          return null;
        });
    assertEquals(before + 1, doc().pipeline().connections().size());
  }

  @Test
  void aRefusedConnectionSaysWhyOnTheCanvas(FxRobot robot) throws Exception {
    int before = doc().pipeline().connections().size();
    robot.drag("#node-claims-eu .port-out").moveTo("#node-claims-us .flow-node").drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(before, doc().pipeline().connections().size());
    Label refusal = robot.lookup("#connect-refusal").queryAs(Label.class);
    assertTrue(refusal.isVisible());
    assertTrue(
        refusal.getText().contains("brokers do not forward to each other"), refusal.getText());
    assertTrue(editor.statusProperty().get().contains("brokers do not forward"));
    assertFalse(doc().canUndoProperty().get());

    robot.drag("#node-accounts-db .port-out").moveTo("#node-signups-eu .flow-node").drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(refusal.getText().contains("a producer is a source"), refusal.getText());
  }

  @Test
  void deleteTakesConnectionsAndUndoRestoresThem(FxRobot robot) throws Exception {
    Pipeline original = doc().pipeline();
    robot.clickOn("#node-accounts-db .flow-node");
    robot.type(KeyCode.DELETE);
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(has("accounts-db"));
    assertTrue(
        doc().pipeline().connections().stream().noneMatch(c -> c.to().equals("accounts-db")));
    assertTrue(doc().pipeline().constraints().isEmpty());
    assertEquals("Undo Delete 1 component and 2 connections", doc().undoTextProperty().get());
    assertTrue(robot.lookup("#node-accounts-db").tryQuery().isEmpty());
    fx(
        () -> {
          doc().undo();
          return null;
        });
    assertEquals(original, doc().pipeline());
    assertTrue(robot.lookup("#node-accounts-db").tryQuery().isPresent());

    // a connection alone
    fx(
        () -> {
          editor.selection().selectLink(new Link("signups-us", "claims-us"));
          canvas.actions().deleteSelection();
          return null;
        });
    assertEquals(original.components(), doc().pipeline().components());
    assertEquals(original.connections().size() - 1, doc().pipeline().connections().size());
    assertEquals("Undo Delete connection signups-us → claims-us", doc().undoTextProperty().get());
  }

  @Test
  void copyPasteAndDuplicateRenameClashesAndBringConnections(FxRobot robot) throws Exception {
    fx(
        () -> {
          editor.selection().selectComponents(List.of("claims-eu", "claims-eu-handler"));
          return null;
        });
    robot.clickOn("#design-canvas", javafx.scene.input.MouseButton.MIDDLE);
    robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
    robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(has("claims-eu-2") && has("claims-eu-handler-2"));
    assertTrue(
        doc().pipeline().connections().stream()
            .anyMatch(c -> c.from().equals("claims-eu-2") && c.to().equals("claims-eu-handler-2")));
    assertEquals("Undo Paste 2 components", doc().undoTextProperty().get());
    assertEquals(
        java.util.Set.of("claims-eu-2", "claims-eu-handler-2"), editor.selection().components());
    Position orig = doc().pipeline().layout().get("claims-eu");
    Position copy = doc().pipeline().layout().get("claims-eu-2");
    assertEquals(orig.x() + 40, copy.x());

    robot.press(KeyCode.CONTROL, KeyCode.D).release(KeyCode.D, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(has("claims-eu-3"));
    assertEquals("Undo Duplicate 2 components", doc().undoTextProperty().get());

    fx(
        () -> {
          doc().undo();
          doc().undo();
          return null;
        });
    assertFalse(has("claims-eu-2"));

    robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
    assertEquals(7, editor.selection().components().size());
    fx(
        () -> {
          editor.selection().selectComponents(List.of("signups-us"));
          canvas.actions().cut();
          return null;
        });
    assertFalse(has("signups-us"));
    assertEquals("Undo Cut 1 component", doc().undoTextProperty().get());
    fx(
        () -> {
          canvas.actions().paste();
          return null;
        });
    assertTrue(has("signups-us"), "a cut component pastes back under its own id");
  }

  @Test
  void renameInlineUpdatesReferencesAndRefusesBadIds(FxRobot robot) throws Exception {
    robot.doubleClickOn("#node-accounts-db .node-id");
    WaitForAsyncUtils.waitForFxEvents();
    TextField field = robot.lookup("#rename-field").queryAs(TextField.class);
    assertTrue(field.isVisible());
    assertEquals("accounts-db", field.getText());
    fx(
        () -> {
          field.setText("claims-eu");
          return null;
        });
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(field.isVisible(), "a taken id keeps the field open");
    Label refusal = robot.lookup("#connect-refusal").queryAs(Label.class);
    assertTrue(refusal.isVisible() && refusal.getText().contains("already called"));
    assertTrue(has("accounts-db"));

    fx(
        () -> {
          field.setText("accounts");
          return null;
        });
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(field.isVisible());
    assertTrue(has("accounts") && !has("accounts-db"));
    assertEquals("accounts", doc().pipeline().constraints().get(0).store());
    assertTrue(doc().pipeline().connections().stream().anyMatch(c -> c.to().equals("accounts")));
    assertEquals("Undo Rename accounts-db to accounts", doc().undoTextProperty().get());
    assertNotNull(robot.lookup("#node-accounts").tryQuery().orElse(null));

    // F2 on the selection, Escape cancels
    robot.clickOn("#node-claims-us .flow-node");
    robot.type(KeyCode.F2);
    assertTrue(field.isVisible());
    robot.type(KeyCode.ESCAPE);
    assertFalse(field.isVisible());
    fx(
        () -> {
          doc().undo();
          return null;
        });
    assertTrue(has("accounts-db"));
  }

  @Test
  void arrowKeysNudgeAsOneStepEach(FxRobot robot) throws Exception {
    Position before = doc().pipeline().layout().get("signups-eu");
    robot.clickOn("#node-signups-eu .flow-node");
    robot.type(KeyCode.RIGHT).type(KeyCode.DOWN);
    WaitForAsyncUtils.waitForFxEvents();
    Position after = doc().pipeline().layout().get("signups-eu");
    assertEquals(before.x() + DesignCanvas.GRID, after.x());
    assertEquals(before.y() + DesignCanvas.GRID, after.y());
    fx(
        () -> {
          doc().undo();
          return null;
        });
    assertEquals(before.x() + DesignCanvas.GRID, doc().pipeline().layout().get("signups-eu").x());
    assertEquals(before.y(), doc().pipeline().layout().get("signups-eu").y());
  }

  @Test
  void rubberBandSelectsTheComponentsItTouches(FxRobot robot) throws Exception {
    Rectangle2D eu = fx(() -> screenBounds("claims-eu"));
    Rectangle2D us = fx(() -> screenBounds("claims-us"));
    robot
        .drag(eu.getMinX() - 12, eu.getMinY() - 12)
        .moveTo(us.getMinX() + 20, us.getMinY() + 20)
        .drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(java.util.Set.of("claims-eu", "claims-us"), editor.selection().components());
    assertFalse(doc().canUndoProperty().get(), "selecting is not an edit");
  }

  private Rectangle2D screenBounds(String id) {
    Node box = canvas.view().lookup("#node-" + id + " .flow-node");
    var b = box.localToScreen(box.getBoundsInLocal());
    return new Rectangle2D(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
  }

  @Test
  void zoomAndFitChangeTheViewNotTheModel(FxRobot robot) throws Exception {
    Pipeline before = doc().pipeline();
    double z0 = canvas.geometry().zoom();
    robot.clickOn("#design-canvas", javafx.scene.input.MouseButton.MIDDLE);
    robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(canvas.geometry().zoom() > z0);
    robot.clickOn("#zoom-out").clickOn("#zoom-out").clickOn("#zoom-out");
    assertTrue(canvas.geometry().zoom() < z0);
    robot.clickOn("#zoom-label");
    assertEquals(1.0, canvas.geometry().zoom(), 1e-9);
    fx(
        () -> {
          canvas.actions().fitToWindow();
          return null;
        });
    Rectangle2D visible = fx(canvas::visibleWorld);
    for (Component c : before.components()) {
      Rectangle2D b = canvas.geometry().bounds(c.id());
      assertTrue(visible.contains(b), c.id() + " is in view after fit");
    }
    robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
    assertEquals(before, doc().pipeline());
    assertFalse(doc().canUndoProperty().get());
  }

  @Test
  void revealSelectsAndPansToAComponent(FxRobot robot) throws Exception {
    fx(
        () -> {
          canvas.actions().zoomReset();
          canvas.transform().set(2, 3000, 3000);
          canvas.actions().reveal("accounts-db");
          return null;
        });
    assertEquals(java.util.Set.of("accounts-db"), editor.selection().components());
    Rectangle2D visible = fx(canvas::visibleWorld);
    assertTrue(visible.contains(canvas.geometry().bounds("accounts-db")));
    double[] xy = new double[2];
    DesignGeometry.Curve curve =
        canvas.geometry().curve(new Link("claims-eu-handler", "accounts-db"));
    curve.at(0, xy);
    Rectangle2D from = canvas.geometry().bounds("claims-eu-handler");
    assertTrue(
        xy[0] >= from.getMaxX()
            && Math.abs(xy[1] - (from.getMinY() + from.getHeight() / 2)) < 1e-9);
    curve.at(1, xy);
    assertTrue(xy[0] < canvas.geometry().bounds("accounts-db").getMinX());
    assertTrue(curve.length() > 0);
  }

  @Test
  void arrangeIsOneStepAndAContextMenuOffersIt(FxRobot robot) throws Exception {
    robot.rightClickOn("#design-canvas");
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#menu-arrange");
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals("Undo Arrange", doc().undoTextProperty().get());
    robot.rightClickOn("#node-claims-eu .flow-node");
    robot.clickOn("#menu-delete");
    WaitForAsyncUtils.waitForFxEvents();
    assertFalse(has("claims-eu"));
  }

  @Test
  void arrangingALargeDesignRunsOffTheFxThreadAndIsOneStep() throws Exception {
    // 90 components: above the limit where ELK runs on the FX thread
    Pipeline large = dev.flowsim.app.cli.DesignerBenchCommand.design(9);
    Pipeline piled =
        large.withLayout(
            large.components().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        dev.flowsim.model.Component::id, c -> new Position(0, 0))));
    fx(
        () -> {
          doc().replace(piled, null, true);
          canvas.actions().arrange();
          return null;
        });
    assertTrue(fx(() -> editor.statusProperty().get()).startsWith("Arranging 90 components"));
    assertEquals(piled, fx(() -> doc().pipeline()), "nothing changes until the layout is done");
    for (int i = 0; i < 600 && fx(() -> doc().pipeline()) == piled; i++) {
      Thread.sleep(50);
    }
    Pipeline arranged = fx(() -> doc().pipeline());
    assertEquals(piled.components(), arranged.components());
    assertNotEquals(piled.layout(), arranged.layout());
    assertEquals("Undo Arrange", fx(() -> doc().undoTextProperty().get()));
    fx(
        () -> {
          doc().undo();
          return null;
        });
    assertEquals(piled, fx(() -> doc().pipeline()));
  }

  @Test
  void aSpecWithoutPositionsIsLaidOutAndEditsDoNotMoveItsBoxes(FxRobot robot) throws Exception {
    Pipeline bare = doc().pipeline().withLayout(java.util.Map.of());
    fx(
        () -> {
          doc().replace(bare, null, true);
          return null;
        });
    java.util.Map<String, Position> shown = fx(() -> java.util.Map.copyOf(canvas.shownPositions()));
    assertEquals(bare.components().size(), shown.size(), "every component is placed");
    assertEquals(
        bare.components().size(),
        new java.util.HashSet<>(shown.values()).size(),
        "no two boxes on one spot");
    fx(
        () -> {
          doc().execute(new dev.flowsim.app.gui.edit.Connect("claims-eu", "claims-us-handler"));
          return null;
        });
    assertEquals(shown, fx(() -> java.util.Map.copyOf(canvas.shownPositions())));
    assertTrue(doc().pipeline().layout().isEmpty(), "showing is not saving");
    robot.drag("#node-signups-eu .flow-node").moveBy(60, 40).drop();
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(bare.components().size(), doc().pipeline().layout().size(), "a move pins all");
    assertEquals(shown.get("accounts-db"), doc().pipeline().layout().get("accounts-db"));
  }
}
