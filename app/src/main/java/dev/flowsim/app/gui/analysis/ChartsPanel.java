package dev.flowsim.app.gui.analysis;

import dev.flowsim.app.gui.sim.RunSession;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.metrics.Metrics;
import dev.flowsim.simulator.metrics.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;

/**
 * Charts of the run's metrics over simulated time: replication lag per follower, consumer lag per
 * group and partition, staleness of each derived store, queue depth, throughput, and end-to-end
 * latency percentiles. Toggle buttons choose the charts shown; each has a vertical line at the
 * playback cursor, and clicking a chart moves the cursor there.
 */
public final class ChartsPanel {

  /** One chart: a title and the metric series it draws. */
  public record ChartKind(String id, String title, String yLabel, List<String> metrics) {}

  /** The charts, in the order offered. */
  public static final List<ChartKind> KINDS =
      List.of(
          new ChartKind(
              "replication-lag",
              "Replication lag per follower",
              "ms",
              List.of(Metrics.REPLICATION_LAG_MS)),
          new ChartKind(
              "consumer-lag",
              "Consumer lag per group and partition",
              "records",
              List.of(Metrics.CONSUMER_LAG)),
          new ChartKind(
              "staleness", "Staleness of derived stores", "ms", List.of(Metrics.STALENESS_MS)),
          new ChartKind("queue-depth", "Queue depth", "messages", List.of(Metrics.QUEUE_DEPTH)),
          new ChartKind("throughput", "Throughput", "steps/s", List.of(Metrics.THROUGHPUT)),
          new ChartKind(
              "latency",
              "End-to-end latency (p50 / p95 / p99)",
              "ms",
              List.of(Metrics.LATENCY_P50, Metrics.LATENCY_P95, Metrics.LATENCY_P99)));

  /** The most points drawn per series; longer series are reduced to their bucket maxima. */
  static final int MAX_POINTS = 600;

  private final RunSession session;
  private final BorderPane view = new BorderPane();
  private final FlowPane chooser = new FlowPane(6, 6);
  private final GridPane grid = new GridPane();
  private final Label empty = new Label("No run yet: run the simulation to see its metrics");
  private final Map<String, Plot> plots = new LinkedHashMap<>();

  public ChartsPanel(RunSession session) {
    this.session = session;
    view.setId("charts-panel");
    chooser.setId("chart-chooser");
    chooser.setPadding(new Insets(4, 8, 4, 8));
    chooser.setAlignment(Pos.CENTER_LEFT);
    grid.setId("charts-grid");
    grid.setHgap(6);
    grid.setVgap(6);
    grid.setPadding(new Insets(4));
    ColumnConstraints half = new ColumnConstraints();
    half.setPercentWidth(50);
    half.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(half, half);
    empty.setId("charts-empty");
    empty.setStyle("-fx-opacity: 0.7;");
    ScrollPane scroll = new ScrollPane(grid);
    scroll.setFitToWidth(true);
    scroll.setFitToHeight(true);
    StackPane centre = new StackPane(scroll, empty);
    view.setTop(chooser);
    view.setCenter(centre);
    session.resultProperty().addListener((o, a, b) -> rebuild(b));
    session.timeMicrosProperty().addListener((o, a, b) -> plots.values().forEach(Plot::moveCursor));
    rebuild(session.result());
  }

  public Node view() {
    return view;
  }

  /** The chart with this id (see {@link #KINDS}), or null when the run has no such metric. */
  public LineChart<Number, Number> chart(String id) {
    Plot p = plots.get(id);
    return p == null ? null : p.chart;
  }

  /** The ids of the charts the current run has data for. */
  public List<String> available() {
    return List.copyOf(plots.keySet());
  }

  /** Shows or hides one chart. */
  public void show(String id, boolean shown) {
    Plot p = plots.get(id);
    if (p != null) {
      p.toggle.setSelected(shown);
    }
  }

  private void rebuild(SimulationResult result) {
    plots.clear();
    chooser.getChildren().clear();
    grid.getChildren().clear();
    Metrics m = result == null ? Metrics.empty() : result.metrics();
    for (ChartKind kind : KINDS) {
      List<Series> series = new ArrayList<>();
      for (String name : kind.metrics()) {
        series.addAll(m.named(name));
      }
      if (series.isEmpty()) {
        continue;
      }
      Plot plot = new Plot(kind, series, result.endMicros());
      plots.put(kind.id(), plot);
      chooser.getChildren().add(plot.toggle);
    }
    if (result == null) {
      empty.setText("No run yet: run the simulation to see its metrics");
    } else if (plots.isEmpty()) {
      empty.setText("This run has no metrics");
    }
    empty.setVisible(plots.isEmpty());
    if (!plots.isEmpty()) {
      chooser.getChildren().add(0, new Label("Show:"));
    }
    // the first two charts with data, lag first
    int shown = 0;
    for (Plot p : plots.values()) {
      if (shown < 2) {
        p.toggle.setSelected(true);
        shown++;
      }
    }
    layoutGrid();
  }

  private void layoutGrid() {
    grid.getChildren().clear();
    int i = 0;
    List<Plot> visible = plots.values().stream().filter(p -> p.toggle.isSelected()).toList();
    for (Plot p : visible) {
      int span = visible.size() == 1 ? 2 : 1;
      grid.add(p.pane, visible.size() == 1 ? 0 : i % 2, i / 2, span, 1);
      GridPane.setHgrow(p.pane, Priority.ALWAYS);
      GridPane.setVgrow(p.pane, Priority.ALWAYS);
      i++;
    }
  }

  /** Reduces a series to at most {@code max} points: the largest value of each bucket. */
  static List<double[]> downsample(Series s, int max) {
    List<double[]> out = new ArrayList<>();
    int n = s.size();
    if (n <= max) {
      for (int i = 0; i < n; i++) {
        double v = s.value(i);
        if (!Double.isNaN(v)) {
          out.add(new double[] {s.time(i) / 1e6, v});
        }
      }
      return out;
    }
    double per = (double) n / max;
    for (int b = 0; b < max; b++) {
      int from = (int) Math.floor(b * per);
      int to = (int) Math.min(n, Math.floor((b + 1) * per));
      double best = Double.NaN;
      long at = s.time(from);
      for (int i = from; i < to; i++) {
        double v = s.value(i);
        if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
          best = v;
          at = s.time(i);
        }
      }
      if (!Double.isNaN(best)) {
        out.add(new double[] {at / 1e6, best});
      }
    }
    return out;
  }

  static String seriesName(Series s) {
    StringBuilder b = new StringBuilder(s.component());
    if (s.replica() != Series.NONE) {
      b.append(" replica ").append(s.replica());
    }
    if (s.group() != null && !s.group().equals(s.component())) {
      b.append(" ").append(s.group());
    }
    if (s.partition() != Series.NONE) {
      b.append(" p").append(s.partition());
    }
    if (s.name().startsWith("latency.")) {
      b.append(" ").append(s.name().substring("latency.".length()));
    }
    if (s.name().equals(Metrics.THROUGHPUT)) {
      b.append(" (").append(s.unit()).append(")");
    }
    return b.toString();
  }

  /** One chart with its cursor line. */
  private final class Plot {
    final LineChart<Number, Number> chart;
    final NumberAxis xAxis;
    final StackPane pane;
    final Pane overlay = new Pane();
    final Line cursor = new Line();
    final ToggleButton toggle;

    Plot(ChartKind kind, List<Series> series, long endMicros) {
      xAxis = new NumberAxis();
      xAxis.setLabel("simulated time (s)");
      xAxis.setAutoRanging(false);
      xAxis.setLowerBound(0);
      double end = Math.max(1, endMicros / 1e6);
      xAxis.setUpperBound(end);
      xAxis.setTickUnit(niceTick(end));
      xAxis.setAnimated(false);
      NumberAxis yAxis = new NumberAxis();
      yAxis.setLabel(kind.yLabel());
      yAxis.setAnimated(false);
      yAxis.setForceZeroInRange(true);
      chart = new LineChart<>(xAxis, yAxis);
      chart.setId("chart-" + kind.id());
      chart.setTitle(kind.title());
      chart.setAnimated(false);
      chart.setCreateSymbols(false);
      chart.setLegendVisible(true);
      chart.setMinHeight(170);
      chart.setPrefHeight(280);
      for (Series s : series) {
        XYChart.Series<Number, Number> xy = new XYChart.Series<>();
        xy.setName(seriesName(s));
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (double[] p : downsample(s, MAX_POINTS)) {
          data.add(new XYChart.Data<>(p[0], p[1]));
        }
        xy.getData().setAll(data);
        chart.getData().add(xy);
      }
      cursor.setStroke(Color.web("#0969da"));
      cursor.setStrokeWidth(1.5);
      cursor.getStrokeDashArray().setAll(4.0, 3.0);
      cursor.setMouseTransparent(true);
      overlay.getChildren().add(cursor);
      overlay.setMouseTransparent(true);
      overlay.setManaged(true);
      pane = new StackPane(chart, overlay);
      pane.setId("chart-pane-" + kind.id());
      chart.setOnMouseClicked(
          e -> {
            Point2D p = xAxis.sceneToLocal(e.getSceneX(), e.getSceneY());
            // only clicks over the plot (above the x axis, within its width) seek
            if (p == null || p.getX() < 0 || p.getX() > xAxis.getWidth() || p.getY() > 0) {
              return;
            }
            double sec = xAxis.getValueForDisplay(p.getX()).doubleValue();
            sec = Math.max(xAxis.getLowerBound(), Math.min(xAxis.getUpperBound(), sec));
            session.timeMicrosProperty().set(Math.round(sec * 1e6));
          });
      chart.layoutBoundsProperty().addListener((o, a, b) -> moveCursor());
      chart.needsLayoutProperty().addListener((o, a, b) -> moveCursor());
      xAxis.widthProperty().addListener((o, a, b) -> moveCursor());
      xAxis.heightProperty().addListener((o, a, b) -> moveCursor());
      toggle = new ToggleButton(kind.title());
      toggle.setId("chart-toggle-" + kind.id());
      toggle.selectedProperty().addListener((o, a, b) -> layoutGrid());
    }

    void moveCursor() {
      double sec = session.timeMicrosProperty().get() / 1e6;
      if (xAxis.getScene() == null || xAxis.getWidth() <= 0) {
        cursor.setVisible(false);
        return;
      }
      double x = xAxis.getDisplayPosition(sec);
      Point2D inOverlay = overlay.sceneToLocal(xAxis.localToScene(x, 0));
      Bounds plot = overlay.sceneToLocal(xAxis.localToScene(xAxis.getLayoutBounds()));
      if (inOverlay == null || plot == null) {
        cursor.setVisible(false);
        return;
      }
      // from the top of the chart's plot (the y axis' top) down to the x axis
      double top = chart.getTitle() == null ? 0 : 30;
      Node yAxis = chart.getYAxis();
      Bounds yb = overlay.sceneToLocal(yAxis.localToScene(yAxis.getLayoutBounds()));
      if (yb != null) {
        top = yb.getMinY();
      }
      cursor.setStartX(inOverlay.getX());
      cursor.setEndX(inOverlay.getX());
      cursor.setStartY(top);
      cursor.setEndY(plot.getMinY());
      cursor.setVisible(sec >= xAxis.getLowerBound() && sec <= xAxis.getUpperBound());
    }
  }

  static double niceTick(double range) {
    double raw = range / 8;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (raw <= m * mag) {
        return m * mag;
      }
    }
    return 10 * mag;
  }
}
