package dev.flowsim.app.gui.canvas;

import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** The palette of component kinds. (Skeleton: being built.) */
public final class Palette {
  private final VBox root = new VBox();

  public Palette(DesignCanvas canvas) {
    root.setId("palette");
  }

  public Node view() {
    return root;
  }
}
