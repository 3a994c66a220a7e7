package dev.flowsim.app.gui.props;

import dev.flowsim.app.gui.Editor;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** Live validation and lint messages. (Skeleton: being built.) */
public final class DiagnosticsPanel {
  private final VBox root = new VBox();

  /** {@code reveal} selects and scrolls to a component named by a diagnostic. */
  public DiagnosticsPanel(Editor editor, Consumer<String> reveal) {
    root.setId("diagnostics");
  }

  public Node view() {
    return root;
  }
}
