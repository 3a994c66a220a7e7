package dev.flowsim.app.gui.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.TraceCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The run controls and time controls, headless. */
@ExtendWith(ApplicationExtension.class)
class RunControllerTest {

  private Editor editor;
  private RunController controller;

  @Start
  void start(Stage stage) throws Exception {
    Pipeline p = PlaybackModelTest.example("01-");
    editor = new Editor(p);
    controller = new RunController(editor, null);
    BorderPane root = new BorderPane();
    root.setBottom(controller.timeControls());
    stage.setScene(new Scene(root, 1200, 120));
    stage.show();
  }

  private RunSession session() {
    return editor.run();
  }

  private void runFor(FxRobot robot, String duration) throws Exception {
    robot.interact(() -> robot.lookup("#run-duration").queryAs(TextField.class).setText(duration));
    robot.clickOn("#run-button");
  }

  private void awaitIdle(int seconds) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> !controller.runningProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
  }

  private SimulationResult runToEnd(FxRobot robot) throws Exception {
    runFor(robot, "2s");
    awaitIdle(60);
    assertNotNull(session().result(), () -> "no result; status: " + editor.statusProperty().get());
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> session().playbackProperty().get() != null);
    return session().result();
  }

  @Test
  void runCompletesAndSetsTheResult(FxRobot robot) throws Exception {
    assertNull(session().result());
    assertTrue(robot.lookup("#play-button").queryButton().isDisabled(), "nothing to play yet");
    SimulationResult r = runToEnd(robot);
    assertNotNull(r);
    assertTrue(r.endMicros() >= Duration.ofSeconds(2).micros());
    assertEquals(42, r.seed());
    PlaybackModel m = session().playbackProperty().get();
    assertSame(r, m.result());
    assertTrue(
        editor.statusProperty().get().startsWith("Run finished"), editor.statusProperty().get());
    Slider scrubber = robot.lookup("#scrubber").queryAs(Slider.class);
    assertEquals(r.endMicros(), scrubber.getMax(), 0.5);
    assertFalse(robot.lookup("#play-button").queryButton().isDisabled());

    // a second run with another seed replaces the result
    robot.interact(() -> robot.lookup("#run-seed").queryAs(TextField.class).setText("7"));
    runFor(robot, "1s");
    awaitIdle(60);
    assertEquals(7, session().result().seed());
    assertTrue(session().result() != r);
  }

  @Test
  void cancelStopsALongRunPromptlyAndKeepsThePreviousResult(FxRobot robot) throws Exception {
    SimulationResult before = runToEnd(robot);
    runFor(robot, "1h");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> controller.runningProperty().get());
    assertFalse(robot.lookup("#cancel-button").queryButton().isDisabled());
    assertTrue(robot.lookup("#run-progress").query().isVisible());
    robot.clickOn("#cancel-button");
    awaitIdle(10);
    assertEquals("Run cancelled", editor.statusProperty().get());
    assertSame(before, session().result(), "a cancelled run keeps the shown result");
    // the simulation thread stops too (it does not simulate the rest of the hour)
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !runThreadAlive());
    assertTrue(robot.lookup("#cancel-button").queryButton().isDisabled());
    assertFalse(robot.lookup("#run-button").queryButton().isDisabled());
  }

  private static boolean runThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("flowsim-run"));
  }

  @Test
  void anInvalidDesignIsNotRun(FxRobot robot) throws Exception {
    robot.interact(
        () ->
            editor
                .document()
                .execute(
                    Edit.of(
                        "Connect to nowhere",
                        p -> {
                          List<Connection> cs = new ArrayList<>(p.connections());
                          cs.add(Connection.of("users", "nowhere"));
                          return p.withConnections(cs);
                        })));
    robot.clickOn("#run-button");
    WaitForAsyncUtils.waitForFxEvents();
    assertTrue(
        editor.statusProperty().get().startsWith("Cannot run"), editor.statusProperty().get());
    assertTrue(editor.statusProperty().get().contains("nowhere"), editor.statusProperty().get());
    assertNull(session().result());
    assertFalse(controller.runningProperty().get());
    DialogPane pane = robot.lookup("#run-errors").queryAs(DialogPane.class);
    assertTrue(pane.getContentText().contains("nowhere"));
    robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
  }

  @Test
  void editingAfterARunMarksResultsOutOfDate(FxRobot robot) throws Exception {
    runToEnd(robot);
    Label stale = robot.lookup("#stale-marker").queryAs(Label.class);
    assertFalse(stale.isVisible());
    robot.interact(
        () ->
            editor
                .document()
                .execute(
                    Edit.of(
                        "Drop the reader link",
                        p -> p.withConnections(p.connections().subList(0, 3)))));
    assertTrue(session().staleProperty().get());
    assertTrue(stale.isVisible());
    assertTrue(stale.getText().contains("out of date"));
  }

  @Test
  void scrubberAndTimeFollowEachOther(FxRobot robot) throws Exception {
    SimulationResult r = runToEnd(robot);
    Slider scrubber = robot.lookup("#scrubber").queryAs(Slider.class);
    long t = r.endMicros() / 3;
    robot.interact(() -> session().timeMicrosProperty().set(t));
    assertEquals(t, scrubber.getValue(), 0.5);
    assertEquals(RunController.format(t), robot.lookup("#sim-time").queryLabeled().getText());
    robot.interact(() -> scrubber.setValue(r.endMicros() / 2.0));
    assertEquals(r.endMicros() / 2, session().timeMicrosProperty().get(), 1);
    // dragging the scrubber with the mouse moves the time too
    robot.drag(scrubber).moveBy(-200, 0).release(javafx.scene.input.MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(Math.round(scrubber.getValue()), session().timeMicrosProperty().get());
  }

  @Test
  void stepJumpsToTheNextEvent(FxRobot robot) throws Exception {
    SimulationResult r = runToEnd(robot);
    PlaybackModel m = session().playbackProperty().get();
    long t = r.endMicros() / 4;
    robot.interact(() -> session().timeMicrosProperty().set(t));
    robot.clickOn("#step-button");
    long expected = m.nextEventAfter(t, -1, -1);
    assertTrue(expected > t);
    assertEquals(expected, session().timeMicrosProperty().get());
    robot.clickOn("#step-button");
    assertEquals(m.nextEventAfter(expected, -1, -1), session().timeMicrosProperty().get());

    // stepping through the selected component's events
    robot.interact(
        () -> {
          controller.stepScopeProperty().set(RunController.StepScope.COMPONENT);
          editor.selection().selectComponents(List.of("profiles-db"));
          session().timeMicrosProperty().set(t);
        });
    robot.clickOn("#step-button");
    long db = m.nextEventAfter(t, m.traceIndexOf("profiles-db"), -1);
    assertEquals(db, session().timeMicrosProperty().get());

    // and through the selected key's
    String key = r.trace().keys().name(3);
    robot.interact(
        () -> {
          controller.stepScopeProperty().set(RunController.StepScope.KEY);
          session().selectedKeyProperty().set(key);
          session().timeMicrosProperty().set(t);
        });
    robot.clickOn("#step-button");
    long k = m.nextEventAfter(t, -1, r.trace().keys().indexOf(key));
    assertTrue(k > t);
    assertEquals(k, session().timeMicrosProperty().get());
    TraceCursor c = r.trace().cursor();
    while (c.next()) {
      if (c.timeMicros() > t && c.key() == r.trace().keys().indexOf(key)) {
        assertEquals(c.timeMicros(), k, "the key's first step after t");
        break;
      }
    }
  }

  @Test
  void aNarrowWindowGetsTwoRowsWithARoomyScrubber(FxRobot robot) throws Exception {
    javafx.scene.layout.VBox bar =
        robot.lookup("#time-controls").queryAs(javafx.scene.layout.VBox.class);
    assertEquals(1, bar.getChildren().size());
    robot.interact(() -> bar.getScene().getWindow().setWidth(800));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(2, bar.getChildren().size());
    Slider scrubber = robot.lookup("#scrubber").queryAs(Slider.class);
    assertTrue(scrubber.getWidth() >= 200, "scrubber width " + scrubber.getWidth());
    javafx.geometry.Bounds b = scrubber.localToScene(scrubber.getBoundsInLocal());
    assertTrue(b.getMaxX() <= 800, "the scrubber fits: " + b);
    javafx.geometry.Bounds colour =
        robot
            .lookup("#token-colour")
            .query()
            .localToScene(robot.lookup("#token-colour").query().getBoundsInLocal());
    assertTrue(colour.getMaxX() <= 800, "the colour choice fits: " + colour);
    robot.interact(() -> bar.getScene().getWindow().setWidth(1230));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(1, bar.getChildren().size());
  }

  @Test
  void playAdvancesTimeAndPauseStops(FxRobot robot) throws Exception {
    runToEnd(robot);
    robot.interact(() -> session().timeMicrosProperty().set(0));
    Button play = robot.lookup("#play-button").queryButton();
    robot.clickOn(play);
    assertTrue(session().playingProperty().get());
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> session().timeMicrosProperty().get() > 0);
    robot.clickOn(play);
    assertFalse(session().playingProperty().get());
    long paused = session().timeMicrosProperty().get();
    WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(paused, session().timeMicrosProperty().get(), "paused: the time stays");
  }
}
