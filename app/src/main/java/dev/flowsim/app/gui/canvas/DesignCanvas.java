package dev.flowsim.app.gui.canvas;

import dev.flowsim.app.gui.Editor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** The design canvas: components, connections, overlays. (Skeleton: being built.) */
public final class DesignCanvas {
  private final Editor editor;
  private final StackPane root = new StackPane(new Label("canvas"));

  public DesignCanvas(Editor editor) {
    this.editor = editor;
    root.setId("design-canvas");
  }

  public Node view() {
    return root;
  }

  public Editor editor() {
    return editor;
  }

  public CanvasActions actions() {
    throw new UnsupportedOperationException("not built yet");
  }

  public void addOverlay(CanvasOverlay overlay) {}

  public void requestOverlayRepaint() {}

  public DesignGeometry geometry() {
    throw new UnsupportedOperationException("not built yet");
  }
}
