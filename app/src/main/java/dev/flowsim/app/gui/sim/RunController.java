package dev.flowsim.app.gui.sim;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.canvas.DesignCanvas;
import javafx.scene.Node;
import javafx.scene.layout.HBox;

/** Runs the design and plays it back. (Skeleton: being built.) */
public final class RunController {
  private final HBox bar = new HBox();

  public RunController(Editor editor, DesignCanvas canvas) {
    bar.setId("time-controls");
  }

  /** The time controls bar (run, cancel, play/pause, step, speed, scrubber, time). */
  public Node timeControls() {
    return bar;
  }

  public void run() {}

  public void cancel() {}
}
