package dev.flowsim.app.gui;

import dev.flowsim.app.gui.shell.DesignerWindow;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

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
  }
}
