package dev.flowsim.app.gui.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.analysis.ComparePanel.Outcome;
import dev.flowsim.app.gui.analysis.ComparePanel.Row;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.AnomalyKind;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The compare window on the dual-write pair, driven through its Run button. */
@ExtendWith(ApplicationExtension.class)
class ComparePanelTest {

  Pipeline broken;
  ComparePanel panel;

  @Start
  void start(Stage stage) throws Exception {
    broken = SpecReader.read(AnalysisPanelsTest.EXAMPLE);
    panel = new ComparePanel(new Editor(broken));
    stage.setScene(new Scene((BorderPane) panel.view(), 900, 600));
    stage.show();
  }

  @Test
  void counterpartsMapBrokenToFixedByName() {
    assertEquals(
        Optional.of("01-dual-write.fixed.json"),
        BundledSpecs.counterpart("01-dual-write.broken.json"));
    assertEquals(
        Optional.of("07-failover-lost-writes.broken.json"),
        BundledSpecs.counterpart("07-failover-lost-writes.fixed.json"));
    assertEquals(Optional.empty(), BundledSpecs.counterpart("mine.json"));
    assertEquals(24, BundledSpecs.files().size());
  }

  @Test
  void theCurrentBundledDesignIsComparedWithItsCounterpartByDefault() {
    assertTrue(panel.left().getValue().label().startsWith("Current design"));
    assertEquals("01-dual-write.fixed.json", panel.right().getValue().bundled());
    assertEquals(Long.toString(broken.seed()), panel.seed().getText());
  }

  @Test
  void brokenVersusFixedShowsDivergenceOnTheLeftOnly(FxRobot robot) throws Exception {
    robot.interact(() -> panel.seed().setText("1"));
    robot.clickOn("#compare-run");
    WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> panel.outcomeProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
    Outcome o = panel.outcomeProperty().get();
    assertEquals(1, o.seed());
    assertTrue(o.left().count(AnomalyKind.DIVERGENCE) > 0);
    assertEquals(0, o.right().count(AnomalyKind.DIVERGENCE));

    // the same run as a plain simulation with the same seed
    SimulationResult plain = Simulation.run(broken, Simulation.Options.of(broken).withSeed(1));
    assertEquals(plain.traceHash(), o.left().traceHash());
    assertEquals(
        plain.findings().count(AnomalyKind.DIVERGENCE), o.left().count(AnomalyKind.DIVERGENCE));

    Row divergence =
        panel.table().getItems().stream()
            .filter(r -> r.kind() == AnomalyKind.DIVERGENCE)
            .findFirst()
            .orElse(null);
    assertNotNull(divergence);
    assertEquals(Long.toString(o.left().count(AnomalyKind.DIVERGENCE)), divergence.left());
    assertEquals("0", divergence.right());
    assertTrue(divergence.onlyOneSide());
    assertTrue(
        panel.table().getItems().stream()
            .anyMatch(r -> r.label().equals("Trace hash") && r.left().equals(plain.traceHash())));
    assertTrue(
        panel.table().getItems().stream()
            .anyMatch(
                r ->
                    r.label().equals("Integrity total")
                        && r.left().equals(Long.toString(o.left().integrity()))));
  }
}
