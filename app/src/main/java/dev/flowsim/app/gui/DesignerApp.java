package dev.flowsim.app.gui;

import dev.flowsim.app.gui.shell.DesignerWindow;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The JavaFX application of the designer. Started through {@link #launch(Path)} from the command
 * line ({@code flowsim} or {@code flowsim open FILE}); the first unnamed parameter is the file to
 * open.
 */
public final class DesignerApp extends Application {

  /** Starts the toolkit and blocks until the last window closes. */
  public static void launch(Path file) {
    Application.launch(
        DesignerApp.class, file == null ? new String[0] : new String[] {file.toString()});
  }

  @Override
  public void start(Stage stage) {
    List<String> files = getParameters().getUnnamed();
    Path file = files.isEmpty() ? null : Path.of(files.get(0));
    DesignerWindow.open(stage, file);
    quitAfterSmokeTest(System.getenv("FLOWSIM_SMOKE_EXIT_AFTER"));
  }

  /**
   * For the installers' smoke test: {@code FLOWSIM_SMOKE_EXIT_AFTER=20s} quits the designer (exit
   * code 0, no prompts) that many seconds after its window showed, so a script can tell "came up
   * and ran" from "crashed".
   */
  private static void quitAfterSmokeTest(String after) {
    if (after == null || after.isBlank()) {
      return;
    }
    String digits = after.strip().replaceFirst("s$", "");
    try {
      PauseTransition wait = new PauseTransition(Duration.seconds(Integer.parseInt(digits)));
      wait.setOnFinished(e -> Platform.exit());
      wait.play();
    } catch (NumberFormatException e) {
      System.err.println(
          "flowsim: FLOWSIM_SMOKE_EXIT_AFTER=" + after + " ignored: expected seconds, e.g. 20s");
    }
  }
}
