package dev.flowsim.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Edit menu's keys edit the text being typed in, never the design behind it. */
@ExtendWith(ApplicationExtension.class)
class TextFieldKeysTest {

  @TempDir Path home;
  private DesignerWindow window;

  @Start
  void start(Stage stage) {
    window =
        DesignerWindow.create(
            stage,
            DesignerWindow.Config.in(
                home, Duration.ofHours(1), new DesignerWindowTest.ScriptedDialogs()),
            null);
  }

  @AfterEach
  void closeWindows() throws Exception {
    FxToolkit.cleanupStages();
  }

  private int components() {
    return window.editor().document().pipeline().components().size();
  }

  private TextField typeInSeed(FxRobot robot, String text) {
    TextField seed = robot.lookup("#run-seed").queryAs(TextField.class);
    robot.interact(
        () -> {
          seed.requestFocus();
          seed.setText(text);
          seed.positionCaret(0);
        });
    return seed;
  }

  private void ctrl(FxRobot robot, KeyCode key) {
    robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
  }

  @Test
  void designKeysInATextFieldEditTheText(FxRobot robot) {
    robot.interact(() -> window.files().load(DesignerWindowTest.EXAMPLE));
    int before = components();
    assertTrue(before > 0);
    robot.interact(() -> window.editor().selection().selectComponents(List.of("users")));

    TextField seed = typeInSeed(robot, "12345");
    ctrl(robot, KeyCode.D);
    assertEquals(before, components(), "Ctrl+D in a text field duplicates nothing");
    robot.type(KeyCode.DELETE);
    assertEquals(before, components(), "Delete in a text field deletes no component");
    assertEquals("2345", seed.getText(), "Delete deletes the character after the caret");

    ctrl(robot, KeyCode.A);
    assertEquals(
        List.of("users"),
        List.copyOf(window.editor().selection().components()),
        "Ctrl+A selects the text, not every component");
    assertEquals("2345", seed.getSelectedText());
    robot.type(KeyCode.DIGIT7);
    assertEquals("7", seed.getText());
    assertEquals(before, components());
  }
}
