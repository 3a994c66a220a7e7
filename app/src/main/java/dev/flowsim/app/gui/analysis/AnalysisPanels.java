package dev.flowsim.app.gui.analysis;

import dev.flowsim.app.gui.Editor;
import java.util.List;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The analysis views of a designer window: the anomaly panel ("Findings"), the metric charts and
 * the per-key timeline as tabs of the bottom dock, and the compare window. They observe the
 * window's {@link dev.flowsim.app.gui.sim.RunSession} and steer it (playback cursor, selected key
 * and finding, canvas highlight).
 */
public final class AnalysisPanels {

  private final Editor editor;
  private final FindingsPanel findings;
  private final ChartsPanel charts;
  private final KeyTimelinePanel timeline;
  private final List<Tab> tabs;

  public AnalysisPanels(Editor editor) {
    this.editor = editor;
    this.findings = new FindingsPanel(editor);
    this.charts = new ChartsPanel(editor.run());
    this.timeline = new KeyTimelinePanel(editor.run());
    Tab f = new Tab("Findings", findings.view());
    f.setId("findings-tab");
    Tab c = new Tab("Charts", charts.view());
    c.setId("charts-tab");
    Tab t = new Tab("Key timeline", timeline.view());
    t.setId("timeline-tab");
    tabs = List.of(f, c, t);
    tabs.forEach(tab -> tab.setClosable(false));
  }

  /** The tabs of the bottom dock, in order. */
  public List<Tab> tabs() {
    return tabs;
  }

  public FindingsPanel findings() {
    return findings;
  }

  public ChartsPanel charts() {
    return charts;
  }

  public KeyTimelinePanel timeline() {
    return timeline;
  }

  /** Opens the compare window (Simulation → Compare…) over {@code owner}. */
  public Stage openCompare(Window owner) {
    return ComparePanel.open(owner, editor);
  }
}
