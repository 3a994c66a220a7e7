package dev.flowsim.app.gui.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.analysis.FindingsPanel.FindingRow;
import dev.flowsim.app.gui.analysis.FindingsPanel.KindRow;
import dev.flowsim.app.gui.analysis.FindingsPanel.Row;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.app.gui.sim.Highlight;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.metrics.Series;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Dimension2D;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The findings, charts and key timeline tabs on a real run of the dual-write example. */
@ExtendWith(ApplicationExtension.class)
class AnalysisPanelsTest {

  static final Path EXAMPLE = Path.of("../examples/01-dual-write.broken.json");
  static SimulationResult result;

  Editor editor;
  AnalysisPanels panels;
  TabPane dock;

  @BeforeAll
  static void run() throws Exception {
    Pipeline p = SpecReader.read(EXAMPLE);
    result = Simulation.run(p, Simulation.Options.of(p).withSeed(1));
  }

  @Start
  void start(Stage stage) {
    editor = new Editor(result.pipeline());
    panels = new AnalysisPanels(editor);
    dock = new TabPane();
    dock.getTabs().addAll(panels.tabs());
    stage.setScene(new Scene(dock, 1200, 640));
    stage.show();
  }

  private void load(FxRobot robot, SimulationResult r) {
    robot.interact(() -> editor.run().resultProperty().set(r));
  }

  private List<TreeItem<Row>> groups() {
    return panels.findings().tree().getRoot().getChildren();
  }

  private int listedFindings() {
    int n = 0;
    for (TreeItem<Row> g : groups()) {
      n += g.getChildren().size();
    }
    return n;
  }

  @Test
  void tabsHaveTheirIds() {
    List<String> ids = panels.tabs().stream().map(t -> t.getId()).toList();
    assertEquals(List.of("findings-tab", "charts-tab", "timeline-tab"), ids);
  }

  @Test
  void beforeARunTheFindingsPanelSaysSo(FxRobot robot) {
    Label empty = robot.lookup("#findings-empty").queryAs(Label.class);
    assertTrue(empty.isVisible());
    assertTrue(empty.getText().contains("No run"), empty.getText());
  }

  @Test
  void findingsAreGroupedByKindWithExactCountsIntegrityFirst(FxRobot robot) {
    load(robot, result);
    long divergence = result.findings().count(AnomalyKind.DIVERGENCE);
    assertTrue(divergence > 0, "the broken dual write diverges on seed 1");
    KindRow first = (KindRow) groups().get(0).getValue();
    assertEquals(AnomalyKind.DIVERGENCE, first.kind());
    assertEquals(divergence, first.count());
    boolean seenTimeliness = false;
    long integrity = 0;
    long timeliness = 0;
    for (TreeItem<Row> g : groups()) {
      KindRow k = (KindRow) g.getValue();
      assertEquals(result.findings().count(k.kind()), k.count(), k.kind().name());
      if (k.kind().isIntegrity()) {
        assertFalse(seenTimeliness, "integrity kinds come before timeliness kinds");
        integrity += k.count();
      } else {
        seenTimeliness = true;
        timeliness += k.count();
      }
    }
    assertEquals(result.findings().counts().size(), groups().size());
    Label summary = robot.lookup("#findings-summary").queryAs(Label.class);
    assertEquals("Integrity: " + integrity + " · Timeliness: " + timeliness, summary.getText());
    assertFalse(robot.lookup("#findings-empty").queryAs(Label.class).isVisible());
  }

  @Test
  void selectingADivergenceSeeksSelectsAndHighlightsItsPath(FxRobot robot) {
    load(robot, result);
    robot.interact(() -> editor.run().timeMicrosProperty().set(0));
    robot.interact(() -> assertTrue(panels.findings().selectFirst(AnomalyKind.DIVERGENCE)));
    Finding f = editor.run().selectedFindingProperty().get();
    assertNotNull(f);
    assertEquals(AnomalyKind.DIVERGENCE, f.kind());
    assertEquals(f.atMicros(), editor.run().timeMicrosProperty().get());
    List<String> ids = FindingFocus.componentIds(result.pipeline(), f);
    assertFalse(ids.isEmpty());
    assertEquals(Set.copyOf(ids), Set.copyOf(editor.selection().components()));
    Highlight h = editor.run().highlightProperty().get();
    assertTrue(h.components().containsAll(ids), h.toString());
    assertFalse(h.path().isEmpty(), "the witness events crossed links");
    assertTrue(h.links().containsAll(h.path()));
    // every hop of the path is a connection of the design
    for (Link l : h.path()) {
      assertTrue(result.pipeline().connections().stream().anyMatch(l::matches), l.toString());
    }
    if (!f.keys().isEmpty()) {
      assertEquals(f.keys().get(0), editor.run().selectedKeyProperty().get());
    }
    String details = panels.findings().detailsText();
    assertTrue(details.contains(f.explanation()), details);
    assertTrue(details.contains(f.fix()), details);
  }

  @Test
  void clickingAFindingRowSelectsIt(FxRobot robot) {
    load(robot, result);
    robot.interact(() -> panels.findings().kindFilter().setValue("DIVERGENCE"));
    robot.interact(() -> groups().get(0).setExpanded(true));
    Finding first = ((FindingRow) groups().get(0).getChildren().get(0).getValue()).finding();
    robot.clickOn(
        Format.seconds(first.atMicros())
            + "   "
            + String.join(", ", first.components())
            + (first.keys().isEmpty() ? "" : "   key " + String.join(", ", first.keys())));
    WaitForAsyncUtils.waitForFxEvents();
    assertEquals(first, editor.run().selectedFindingProperty().get());
    assertEquals(first.atMicros(), editor.run().timeMicrosProperty().get());
  }

  @Test
  void filtersNarrowTheList(FxRobot robot) {
    load(robot, result);
    int all = listedFindings();
    robot.interact(() -> panels.findings().kindFilter().setValue("DIVERGENCE"));
    assertEquals(1, groups().size());
    assertEquals(AnomalyKind.DIVERGENCE, ((KindRow) groups().get(0).getValue()).kind());
    assertEquals(result.findings().of(AnomalyKind.DIVERGENCE).size(), listedFindings());
    assertTrue(listedFindings() < all);

    robot.interact(() -> panels.findings().kindFilter().setValue("All kinds"));
    assertEquals(all, listedFindings());
    String component = panels.findings().componentFilter().getItems().get(1);
    robot.interact(() -> panels.findings().componentFilter().setValue(component));
    int narrowed = listedFindings();
    assertTrue(narrowed > 0 && narrowed < all, narrowed + " of " + all);
    for (TreeItem<Row> g : groups()) {
      for (TreeItem<Row> item : g.getChildren()) {
        assertTrue(((FindingRow) item.getValue()).finding().components().contains(component));
      }
    }
  }

  @Test
  void aRunWithoutFindingsSaysNoAnomalies(FxRobot robot) throws Exception {
    Pipeline p = result.pipeline();
    SimulationResult unchecked =
        Simulation.run(
            p, Simulation.Options.of(p).withSeed(1).withChecks(false).withDuration(2_000_000));
    load(robot, unchecked);
    Label empty = robot.lookup("#findings-empty").queryAs(Label.class);
    assertTrue(empty.isVisible());
    assertEquals("No anomalies found in this run", empty.getText());
    assertEquals(
        "Integrity: 0 · Timeliness: 0",
        robot.lookup("#findings-summary").queryAs(Label.class).getText());
  }

  @Test
  void chartsHaveASeriesPerMetricPresent(FxRobot robot) {
    load(robot, result);
    for (ChartsPanel.ChartKind kind : ChartsPanel.KINDS) {
      List<Series> expected = new ArrayList<>();
      kind.metrics().forEach(m -> expected.addAll(result.metrics().named(m)));
      LineChart<Number, Number> chart = panels.charts().chart(kind.id());
      if (expected.isEmpty()) {
        assertEquals(null, chart, kind.id());
        continue;
      }
      assertNotNull(chart, kind.id());
      assertEquals(expected.size(), chart.getData().size(), kind.id());
      assertFalse(chart.getAnimated());
      assertFalse(chart.getCreateSymbols());
      for (var s : chart.getData()) {
        assertFalse(s.getData().isEmpty(), s.getName());
      }
    }
    // example 01 has throughput, staleness and latency, no consumer or replication lag
    assertTrue(
        panels.charts().available().containsAll(List.of("throughput", "staleness", "latency")));
    assertFalse(panels.charts().available().contains("consumer-lag"));
  }

  @Test
  void clickingAChartMovesTheCursor(FxRobot robot) {
    load(robot, result);
    robot.interact(() -> dock.getSelectionModel().select(1));
    robot.interact(() -> editor.run().timeMicrosProperty().set(0));
    LineChart<Number, Number> chart = panels.charts().chart("staleness");
    assertNotNull(chart);
    WaitForAsyncUtils.waitForFxEvents();
    Bounds b = chart.getXAxis().localToScreen(chart.getXAxis().getBoundsInLocal());
    robot.clickOn(b.getMinX() + b.getWidth() * 0.5, b.getMinY() - 40);
    WaitForAsyncUtils.waitForFxEvents();
    long t = editor.run().timeMicrosProperty().get();
    double mid = result.endMicros() / 2.0;
    assertTrue(Math.abs(t - mid) < result.endMicros() * 0.1, "clicked the middle, got " + t);
  }

  @Test
  void timelineOfAKeyHasLanesHopsAndExportsAPng(FxRobot robot, @TempDir Path dir) throws Exception {
    load(robot, result);
    Finding f = result.findings().of(AnomalyKind.OUT_OF_ORDER).get(0);
    String key = f.keys().get(0);
    robot.interact(() -> dock.getSelectionModel().select(2));
    robot.interact(() -> editor.run().selectedKeyProperty().set(key));
    assertEquals(key, panels.timeline().keyChooser().getValue());
    KeyTimeline tl = panels.timeline().timeline();
    assertNotNull(tl);
    assertEquals(result.pipeline().components().size(), tl.lanes().size());
    assertEquals("users", tl.lanes().get(0), "dataflow order starts at the producer");
    assertTrue(tl.produced() > 0);
    assertFalse(tl.hops().isEmpty());
    for (KeyTimeline.Hop h : tl.hops()) {
      assertTrue(h.arrivedMicros() >= h.sentMicros());
      assertNotEquals(h.fromLane(), h.toLane());
    }
    // the chooser drives the selected key too
    String other = panels.timeline().keyChooser().getItems().get(0);
    robot.interact(() -> panels.timeline().keyChooser().setValue(other));
    assertEquals(other, editor.run().selectedKeyProperty().get());
    robot.interact(() -> panels.timeline().keyChooser().setValue(key));

    Path png = dir.resolve("timeline.png");
    Dimension2D[] size = new Dimension2D[1];
    robot.interact(
        () -> {
          try {
            size[0] = panels.timeline().exportSize();
            panels.timeline().writePng(png);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
    assertTrue(Files.size(png) > 0);
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image);
    assertEquals((int) size[0].getWidth(), image.getWidth());
    assertEquals((int) size[0].getHeight(), image.getHeight());
    assertEquals(
        (int) KeyTimelinePanel.heightFor(result.pipeline().components().size()), image.getHeight());
  }

  @Test
  void selectingAFindingZoomsTheTimelineToItsWitnesses(FxRobot robot) {
    load(robot, result);
    robot.interact(() -> panels.findings().selectFirst(AnomalyKind.OUT_OF_ORDER));
    Finding f = editor.run().selectedFindingProperty().get();
    assertEquals(f.keys().get(0), panels.timeline().keyChooser().getValue());
    double[] w = panels.timeline().window();
    assertTrue(w[0] <= f.atMicros() && f.atMicros() <= w[1], w[0] + ".." + w[1]);
    assertTrue(w[1] - w[0] < 1_000_000, "zoomed to the witnesses: " + (w[1] - w[0]));
    KeyTimeline tl = panels.timeline().timeline();
    for (String e : f.events()) {
      long id = FindingFocus.eventId(e);
      assertTrue(
          tl.marks().stream()
              .filter(m -> m.eventId() == id)
              .allMatch(m -> m.timeMicros() >= w[0] && m.timeMicros() <= w[1]),
          e);
    }
  }

  @Test
  void longTracesAreReadOffTheFxThread(FxRobot robot) throws Exception {
    long before = Background.syncSteps;
    Background.syncSteps = 0;
    try {
      load(robot, result);
      robot.interact(() -> panels.findings().selectFirst(AnomalyKind.DIVERGENCE));
      Finding f = editor.run().selectedFindingProperty().get();
      assertEquals(f.atMicros(), editor.run().timeMicrosProperty().get());
      WaitForAsyncUtils.waitFor(
          30, TimeUnit.SECONDS, () -> !editor.run().highlightProperty().get().path().isEmpty());
      assertEquals(
          FindingFocus.path(result, f.events()), editor.run().highlightProperty().get().path());
      WaitForAsyncUtils.waitFor(
          30,
          TimeUnit.SECONDS,
          () -> {
            KeyTimeline tl = panels.timeline().timeline();
            return tl != null && tl.key().equals(f.keys().get(0));
          });
      WaitForAsyncUtils.waitForFxEvents();
      assertFalse(panels.timeline().timeline().isEmpty());
    } finally {
      Background.syncSteps = before;
    }
  }

  @Test
  void theNextAndPreviousButtonsWalkTheKeysEvents(FxRobot robot) {
    load(robot, result);
    String key = result.findings().of(AnomalyKind.OUT_OF_ORDER).get(0).keys().get(0);
    robot.interact(() -> dock.getSelectionModel().select(2));
    robot.interact(() -> editor.run().selectedKeyProperty().set(key));
    robot.interact(() -> editor.run().timeMicrosProperty().set(0));
    List<Long> produced =
        panels.timeline().timeline().marks().stream()
            .filter(m -> m.kind() == dev.flowsim.simulator.trace.StepKind.PRODUCE)
            .map(KeyTimeline.Mark::timeMicros)
            .toList();
    robot.clickOn("#timeline-next");
    assertEquals(produced.get(0), editor.run().timeMicrosProperty().get());
    robot.clickOn("#timeline-next");
    assertEquals(produced.get(1), editor.run().timeMicrosProperty().get());
    robot.clickOn("#timeline-prev");
    assertEquals(produced.get(0), editor.run().timeMicrosProperty().get());
  }

  @Test
  void theTimelineFollowsTheCursor(FxRobot robot) {
    load(robot, result);
    String key = result.findings().of(AnomalyKind.OUT_OF_ORDER).get(0).keys().get(0);
    robot.interact(() -> editor.run().selectedKeyProperty().set(key));
    robot.interact(() -> panels.timeline().showWindow(0, 1_000_000));
    robot.interact(() -> editor.run().timeMicrosProperty().set(40_000_000));
    double[] w = panels.timeline().window();
    assertTrue(w[0] <= 40_000_000 && w[1] >= 40_000_000, w[0] + ".." + w[1]);
    WaitForAsyncUtils.sleep(1, TimeUnit.MILLISECONDS);
  }
}
