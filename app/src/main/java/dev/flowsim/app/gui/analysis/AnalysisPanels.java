package dev.flowsim.app.gui.analysis;

import dev.flowsim.app.gui.Editor;
import java.util.List;
import javafx.scene.control.Tab;

/** Findings, charts and the key timeline. (Skeleton: being built.) */
public final class AnalysisPanels {

  public AnalysisPanels(Editor editor) {}

  /** The tabs of the bottom dock, in order. */
  public List<Tab> tabs() {
    return List.of();
  }
}
