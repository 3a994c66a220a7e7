package dev.flowsim.app.gui.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.cli.DesignerBenchCommand;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.ConnectionRules;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The designer benchmark runs headless, and repaint requests within one pulse coalesce. */
class CanvasPerformanceTest {

  @Test
  void theBenchmarkDesignIsLegalAndItsRunCoalescesRepaints() throws Exception {
    Pipeline design = DesignerBenchCommand.design(30);
    assertEquals(300, design.components().size());
    assertEquals(400, design.connections().size());
    for (var c : design.connections()) {
      var from = design.component(c.from()).orElseThrow().kind();
      var to = design.component(c.to()).orElseThrow().kind();
      assertTrue(ConnectionRules.allowed(from, to), c.label());
    }
    assertTrue(DesignerBenchCommand.startToolkit(new PrintWriter(new StringWriter())));
    DesignerBenchCommand.Figures f =
        DesignerBenchCommand.measure(DesignerBenchCommand.design(3), 12);
    assertEquals(30, f.components());
    assertTrue(f.openMs() > 0 && f.panFps() > 0);
    assertTrue(f.repaintsForBurst() <= 2, "100 pans in one pulse repaint once, not 100 times");
  }
}
