package dev.flowsim.app.gui.props;

import dev.flowsim.app.gui.Editor;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** The property sheet of the selection. (Skeleton: being built.) */
public final class PropertiesPanel {
  private final VBox root = new VBox();

  public PropertiesPanel(Editor editor) {
    root.setId("properties");
  }

  public Node view() {
    return root;
  }
}
