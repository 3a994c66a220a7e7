package dev.flowsim.app.gui.analysis;

import dev.flowsim.app.gui.analysis.KeyTimeline.Hop;
import dev.flowsim.app.gui.analysis.KeyTimeline.Mark;
import dev.flowsim.app.gui.sim.RunSession;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.trace.StepKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Dimension2D;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;

/**
 * The per-key timeline: the selected key's steps as a swimlane diagram (one lane per component,
 * upstream on top), message hops as arrows from SEND to DELIVER, a time axis, and the playback
 * cursor. The mouse wheel zooms in time around the pointer (shift + wheel or the scroll bar pans);
 * clicking moves the cursor; hovering a mark shows its values.
 */
public final class KeyTimelinePanel {

  static final double LANE_HEIGHT = 46;
  static final double MIN_LANE_HEIGHT = 26;
  static final double HEADER = 28;
  static final double LEFT = 130;
  static final double LEGEND = 26;
  static final double RIGHT = 16;
  static final double MIN_SPAN = 200; // µs
  static final double EXPORT_MIN_WIDTH = 1000;

  private final RunSession session;
  private final BorderPane view = new BorderPane();
  private final ComboBox<String> keyChooser = new ComboBox<>();
  private final Canvas canvas = new Canvas();
  private final Pane canvasHolder = new Pane(canvas);
  private final ScrollBar scroll = new ScrollBar();
  private final Label info = new Label();
  private final Label empty = new Label();
  private final Tooltip tip = new Tooltip();
  private KeyTimeline timeline;
  private double start; // µs at the left edge of the plot
  private double span = 1_000_000; // µs across the plot
  private long end = 1;
  private boolean updating;
  private boolean tipInstalled;
  private Ink ink = Ink.LIGHT;
  private double laneHeight = LANE_HEIGHT; // on screen: fitted to the height available
  private double drawLaneHeight = LANE_HEIGHT; // while drawing
  private final ScrollPane vertical;
  private long loads;
  private String loading;

  public KeyTimelinePanel(RunSession session) {
    this.session = session;
    view.setId("timeline-panel");
    keyChooser.setId("timeline-key");
    keyChooser.setPromptText("Choose a key");
    keyChooser.setPrefWidth(200);
    canvas.setId("timeline-canvas");
    Button export = new Button("Export PNG…");
    export.setId("timeline-export");
    export.setOnAction(e -> exportWithChooser());
    Button zoomIn = new Button("+");
    zoomIn.setId("timeline-zoom-in");
    zoomIn.setOnAction(e -> zoom(0.5, start + span / 2));
    Button zoomOut = new Button("−");
    zoomOut.setId("timeline-zoom-out");
    zoomOut.setOnAction(e -> zoom(2, start + span / 2));
    Button fit = new Button("Fit");
    fit.setId("timeline-fit");
    fit.setOnAction(e -> fitAll());
    zoomIn.setTooltip(new Tooltip("Zoom in (mouse wheel)"));
    zoomOut.setTooltip(new Tooltip("Zoom out (mouse wheel)"));
    fit.setTooltip(new Tooltip("Show the whole run"));
    Button previous = new Button("◀");
    previous.setId("timeline-prev");
    previous.setTooltip(new Tooltip("The key's previous event"));
    previous.setOnAction(e -> jump(false));
    Button next = new Button("▶");
    next.setId("timeline-next");
    next.setTooltip(new Tooltip("The key's next event"));
    next.setOnAction(e -> jump(true));
    export.disableProperty().bind(keyChooser.valueProperty().isNull());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    info.setId("timeline-info");
    HBox top =
        new HBox(
            6,
            new Label("Key"),
            keyChooser,
            previous,
            next,
            zoomIn,
            zoomOut,
            fit,
            info,
            spacer,
            export);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(4, 8, 4, 8));
    HBox.setHgrow(info, Priority.SOMETIMES);

    scroll.setOrientation(Orientation.HORIZONTAL);
    scroll.setId("timeline-scroll");
    scroll
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              if (!updating) {
                start = b.doubleValue();
                redraw();
              }
            });
    empty.setId("timeline-empty");
    empty.setStyle("-fx-opacity: 0.7;");
    empty.setLayoutX(12);
    empty.setLayoutY(12);
    canvasHolder.getChildren().add(empty);
    canvasHolder.setMinSize(0, 0);
    vertical = new ScrollPane(canvasHolder);
    vertical.setFitToWidth(true);
    vertical.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    canvasHolder.widthProperty().addListener((o, a, b) -> resize());
    vertical.viewportBoundsProperty().addListener((o, a, b) -> resize());
    view.setTop(top);
    view.setCenter(vertical);
    view.setBottom(scroll);

    canvas.setOnScroll(this::scrolled);
    canvas.setOnMouseClicked(
        e -> {
          if (e.getX() >= LEFT && timeline != null) {
            session.timeMicrosProperty().set(Math.max(0, Math.round(timeAt(e.getX()))));
          }
        });
    canvas.setOnMouseMoved(e -> hover(e.getX(), e.getY()));
    tip.setShowDelay(javafx.util.Duration.millis(150));

    keyChooser
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              if (!updating) {
                session.selectedKeyProperty().set(b);
              }
              load(b);
            });
    session.selectedKeyProperty().addListener((o, a, b) -> selectKey(b));
    session.resultProperty().addListener((o, a, b) -> resultChanged(b));
    session.selectedFindingProperty().addListener((o, a, b) -> focus(b));
    session
        .timeMicrosProperty()
        .addListener(
            (o, a, b) -> {
              followCursor(b.longValue());
              redraw();
            });
    resultChanged(session.result());
  }

  public Node view() {
    return view;
  }

  public ComboBox<String> keyChooser() {
    return keyChooser;
  }

  /** The timeline drawn (null when no key is shown). */
  public KeyTimeline timeline() {
    return timeline;
  }

  /** The shown time window, {start, end} in µs. */
  public double[] window() {
    return new double[] {start, start + span};
  }

  /** Shows the window [{@code fromMicros}, {@code toMicros}]. */
  public void showWindow(double fromMicros, double toMicros) {
    span = Math.max(MIN_SPAN, toMicros - fromMicros);
    start = fromMicros;
    clampAndSync();
  }

  /** The size of the PNG {@link #writePng} writes. */
  public Dimension2D exportSize() {
    double w = Math.max(EXPORT_MIN_WIDTH, Math.ceil(canvas.getWidth()));
    return new Dimension2D(w, heightFor(timeline == null ? 0 : timeline.lanes().size()));
  }

  /**
   * Writes the timeline, as shown (same key and time window), to a PNG file at {@link
   * #exportSize()}. FX thread only.
   */
  public void writePng(Path file) throws IOException {
    Dimension2D size = exportSize();
    Canvas out = new Canvas(size.getWidth(), size.getHeight());
    draw(out.getGraphicsContext2D(), size.getWidth(), size.getHeight(), true);
    SnapshotParameters params = new SnapshotParameters();
    params.setFill(Color.WHITE);
    WritableImage image = out.snapshot(params, null);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }

  static double heightFor(int lanes) {
    return HEADER + Math.max(1, lanes) * LANE_HEIGHT + LEGEND;
  }

  private void exportWithChooser() {
    if (timeline == null) {
      return;
    }
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the key timeline");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
    chooser.setInitialFileName(
        "timeline-" + timeline.key().replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
    var file = chooser.showSaveDialog(view.getScene() == null ? null : view.getScene().getWindow());
    if (file == null) {
      return;
    }
    Path path = file.toPath();
    if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      path = path.resolveSibling(path.getFileName() + ".png");
    }
    try {
      writePng(path);
      info.setText("Exported " + path.getFileName());
    } catch (IOException ex) {
      info.setText("Could not export: " + ex.getMessage());
    }
  }

  private void resultChanged(SimulationResult result) {
    updating = true;
    try {
      keyChooser.getItems().setAll(result == null ? List.of() : KeyTimeline.keys(result));
      end = result == null ? 1 : Math.max(1, result.endMicros());
      String key = session.selectedKeyProperty().get();
      if (key != null && keyChooser.getItems().contains(key)) {
        keyChooser.setValue(key);
      } else {
        keyChooser.setValue(null);
      }
    } finally {
      updating = false;
    }
    load(keyChooser.getValue());
  }

  private void selectKey(String key) {
    if (key != null && !keyChooser.getItems().contains(key)) {
      return;
    }
    updating = true;
    try {
      keyChooser.setValue(key);
    } finally {
      updating = false;
    }
  }

  private void load(String key) {
    SimulationResult result = session.result();
    long generation = ++loads;
    if (result == null || key == null) {
      show(null);
      return;
    }
    if (result.trace().retainedCount() <= Background.syncSteps) {
      show(KeyTimeline.of(result, key));
      return;
    }
    // a long trace: read it off the FX thread and show the key when done, unless superseded
    loading = "Reading the trace for " + key + "…";
    redraw();
    Background.run(
        "flowsim-key-timeline",
        () -> KeyTimeline.of(result, key),
        tl -> {
          if (generation == loads && result == session.result()) {
            loading = null;
            show(tl);
          }
        });
  }

  private void show(KeyTimeline tl) {
    loading = null;
    timeline = tl;
    if (tl != null) {
      long produced = tl.produced();
      // about a dozen events of the key across the view, around the cursor
      double want = produced == 0 ? end : (double) end * 12 / produced;
      span = Math.max(MIN_SPAN, Math.min(end, want));
      start = session.timeMicrosProperty().get() - span / 2;
    }
    clampAndSync();
    resize();
    focus(session.selectedFindingProperty().get());
  }

  /**
   * Zooms to a finding's witness events when the shown key is one of its keys, so that the
   * reordering or loss it reports fills the view.
   */
  private void focus(Finding f) {
    if (f == null || timeline == null || !f.keys().contains(timeline.key())) {
      return;
    }
    java.util.Set<Long> ids = new java.util.HashSet<>();
    for (String e : f.events()) {
      ids.add(FindingFocus.eventId(e));
    }
    long lo = f.atMicros();
    long hi = f.atMicros();
    for (Mark m : timeline.marks()) {
      if (ids.contains(m.eventId())) {
        lo = Math.min(lo, m.timeMicros());
        hi = Math.max(hi, m.timeMicros());
      }
    }
    for (Hop h : timeline.hops()) {
      if (ids.contains(h.eventId())) {
        lo = Math.min(lo, h.sentMicros());
        hi = Math.max(hi, h.arrivedMicros());
      }
    }
    double margin = Math.max(MIN_SPAN, (hi - lo) * 0.15);
    showWindow(lo - margin, hi + margin);
  }

  /**
   * Moves the playback cursor to the key's next (or previous) event: the next PRODUCE after the
   * cursor (or the last one before it), so stepping walks the key's events one by one.
   */
  public void jump(boolean forward) {
    if (timeline == null) {
      return;
    }
    long now = session.timeMicrosProperty().get();
    long best = -1;
    for (Mark m : timeline.marks()) {
      if (m.kind() != StepKind.PRODUCE) {
        continue;
      }
      long t = m.timeMicros();
      if (forward && t > now && (best < 0 || t < best)) {
        best = t;
      } else if (!forward && t < now && (best < 0 || t > best)) {
        best = t;
      }
    }
    if (best >= 0) {
      session.timeMicrosProperty().set(best);
    }
  }

  private void fitAll() {
    start = 0;
    span = end;
    clampAndSync();
  }

  private void followCursor(long t) {
    if (timeline != null && (t < start || t > start + span)) {
      start = t - span / 2;
      clampAndSync();
    }
  }

  private void zoom(double factor, double around) {
    double frac = (around - start) / span;
    span = Math.max(MIN_SPAN, Math.min(end, span * factor));
    start = around - frac * span;
    clampAndSync();
  }

  private void scrolled(ScrollEvent e) {
    if (timeline == null) {
      return;
    }
    double dy = e.getDeltaY();
    double dx = e.getDeltaX();
    if (e.isShiftDown() || Math.abs(dx) > Math.abs(dy)) {
      double d = Math.abs(dx) > Math.abs(dy) ? dx : dy;
      start -= d / Math.max(1, plotWidth()) * span;
      clampAndSync();
    } else if (dy != 0) {
      zoom(dy > 0 ? 0.8 : 1.25, timeAt(e.getX()));
    }
    e.consume();
  }

  private void clampAndSync() {
    span = Math.max(MIN_SPAN, Math.min(Math.max(end, MIN_SPAN), span));
    start = Math.max(0, Math.min(end - span, start));
    if (start < 0) {
      start = 0;
    }
    updating = true;
    try {
      scroll.setMin(0);
      scroll.setMax(Math.max(0, end - span));
      scroll.setVisibleAmount(Math.max(1, span * Math.max(0, end - span) / end));
      scroll.setUnitIncrement(span / 10);
      scroll.setBlockIncrement(span / 2);
      scroll.setValue(start);
    } finally {
      updating = false;
    }
    redraw();
  }

  private void resize() {
    double w = Math.max(200, canvasHolder.getWidth());
    canvas.setWidth(w);
    int lanes = Math.max(1, timeline == null ? 0 : timeline.lanes().size());
    double avail = vertical.getViewportBounds().getHeight();
    laneHeight =
        avail > 0
            ? Math.max(MIN_LANE_HEIGHT, Math.min(LANE_HEIGHT, (avail - HEADER - LEGEND) / lanes))
            : LANE_HEIGHT;
    double h = HEADER + lanes * laneHeight + LEGEND;
    canvas.setHeight(h);
    canvasHolder.setPrefHeight(h);
    redraw();
  }

  private double plotWidth() {
    return canvas.getWidth() - LEFT - RIGHT;
  }

  private double timeAt(double x) {
    return start + (x - LEFT) / Math.max(1, plotWidth()) * span;
  }

  private void redraw() {
    empty.setVisible(timeline == null || timeline.isEmpty());
    if (session.result() == null) {
      empty.setText("No run yet: run the simulation, then choose a key");
    } else if (timeline == null) {
      empty.setText("Choose a key (or select a finding) to see its events across the pipeline");
    } else if (timeline.isEmpty()) {
      empty.setText("No stored step of " + timeline.key());
    }
    if (loading != null) {
      info.setText(loading);
      return;
    }
    info.setText(
        timeline == null
            ? ""
            : timeline.produced()
                + " events · "
                + Format.seconds(Math.round(start))
                + " – "
                + Format.seconds(Math.round(start + span)));
    draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(), false);
  }

  private void draw(GraphicsContext g, double width, double height, boolean export) {
    ink = export || !Ink.darkTheme() ? Ink.LIGHT : Ink.DARK;
    drawLaneHeight = export ? LANE_HEIGHT : laneHeight;
    g.setFill(ink.background());
    g.fillRect(0, 0, width, height);
    if (timeline == null || timeline.isEmpty()) {
      if (export) {
        g.setFill(ink.muted());
        g.fillText("no events", 12, 20);
      }
      return;
    }
    double plotW = width - LEFT - RIGHT;
    List<String> lanes = timeline.lanes();
    Font font = Font.font("System", 11);
    Font bold = Font.font("System", FontWeight.BOLD, 12);
    // lanes
    for (int i = 0; i < lanes.size(); i++) {
      double y = HEADER + i * drawLaneHeight;
      g.setFill(i % 2 == 0 ? ink.laneAlt() : ink.background());
      g.fillRect(0, y, width, drawLaneHeight);
      g.setStroke(ink.grid());
      g.setLineWidth(1);
      g.strokeLine(LEFT, y + drawLaneHeight / 2, width - RIGHT, y + drawLaneHeight / 2);
      g.setFill(ink.text());
      g.setFont(bold);
      g.setTextAlign(TextAlignment.LEFT);
      g.setTextBaseline(VPos.CENTER);
      g.fillText(clip(lanes.get(i), 18), 8, y + drawLaneHeight / 2);
    }
    // time axis
    g.setFont(font);
    g.setFill(ink.muted());
    g.setStroke(ink.grid());
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(VPos.TOP);
    double tick = niceTick(span / Math.max(1, plotW / 90));
    double first = Math.ceil(start / tick) * tick;
    for (double t = first; t <= start + span; t += tick) {
      double x = LEFT + (t - start) / span * plotW;
      g.strokeLine(x, HEADER - 4, x, HEADER + lanes.size() * drawLaneHeight);
      g.fillText(axisLabel(t, tick), x, 4);
    }
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText("key " + timeline.key(), 8, 4);
    // arrows
    g.save();
    g.beginPath();
    g.rect(LEFT, 0, plotW, height);
    g.clip();
    for (Hop h : timeline.hops()) {
      if (h.arrivedMicros() < start || h.sentMicros() > start + span) {
        continue;
      }
      double x1 = LEFT + (h.sentMicros() - start) / span * plotW;
      double x2 = LEFT + (h.arrivedMicros() - start) / span * plotW;
      double y1 = laneY(h.fromLane());
      double y2 = laneY(h.toLane());
      if (h.dropped()) {
        double xm = (x1 + x2) / 2;
        double ym = (y1 + y2) / 2;
        g.setStroke(Color.web("#cf222e"));
        g.setLineDashes(4, 3);
        g.setLineWidth(1.2);
        g.strokeLine(x1, y1, xm, ym);
        g.setLineDashes();
        g.strokeLine(xm - 4, ym - 4, xm + 4, ym + 4);
        g.strokeLine(xm - 4, ym + 4, xm + 4, ym - 4);
        continue;
      }
      Color c = eventColor(h.eventId());
      g.setStroke(c);
      g.setFill(c);
      g.setLineWidth(1.3);
      g.strokeLine(x1, y1, x2, y2);
      arrowHead(g, x1, y1, x2, y2);
    }
    // marks
    double lastLabelEnd[] = new double[lanes.size()];
    java.util.Arrays.fill(lastLabelEnd, -1e9);
    g.setTextBaseline(VPos.TOP);
    for (Mark m : timeline.marks()) {
      if (m.timeMicros() < start || m.timeMicros() > start + span) {
        continue;
      }
      double x = LEFT + (m.timeMicros() - start) / span * plotW;
      double y = laneY(m.lane());
      Color c = m.kind() == StepKind.DROP ? Color.web("#cf222e") : eventColor(m.eventId());
      drawMark(g, m.kind(), x, y, c);
      double labelW = m.label().length() * 6.2;
      if (x > lastLabelEnd[m.lane()] + 4) {
        g.setFill(ink.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(m.label(), x + 2, y + 6);
        lastLabelEnd[m.lane()] = x + 2 + labelW;
      }
    }
    g.restore();
    drawLegend(g, HEADER + lanes.size() * drawLaneHeight + 13, font);
    // cursor
    long t = session.timeMicrosProperty().get();
    if (t >= start && t <= start + span) {
      double x = LEFT + (t - start) / span * plotW;
      g.setStroke(Color.web("#0969da"));
      g.setLineWidth(1.5);
      g.setLineDashes(5, 3);
      g.strokeLine(x, HEADER - 6, x, HEADER + lanes.size() * drawLaneHeight);
      g.setLineDashes();
    }
    g.setLineWidth(1);
  }

  private void drawLegend(GraphicsContext g, double y, Font font) {
    Color c = ink.muted();
    g.setFont(font);
    g.setTextAlign(TextAlignment.LEFT);
    g.setTextBaseline(VPos.CENTER);
    double x = 12;
    Object[][] items = {
      {StepKind.PRODUCE, "produced"},
      {StepKind.APPEND, "appended (partition@offset)"},
      {StepKind.CONSUME, "consumed"},
      {StepKind.APPLY, "applied (=value)"},
      {StepKind.READ, "read (value seen)"},
      {StepKind.DROP, "lost / skipped"},
    };
    for (Object[] item : items) {
      drawMark(g, (StepKind) item[0], x, y, Color.web("#8c959f"));
      g.setFill(c);
      g.fillText((String) item[1], x + 9, y);
      x += 9 + ((String) item[1]).length() * 6.3 + 18;
    }
    g.setStroke(Color.web("#8c959f"));
    g.setFill(Color.web("#8c959f"));
    g.setLineWidth(1.3);
    g.strokeLine(x - 6, y, x + 18, y);
    arrowHead(g, x - 6, y, x + 18, y);
    g.setFill(c);
    g.fillText("message from send to delivery (colour = event)", x + 24, y);
    g.setLineWidth(1);
    g.setTextBaseline(VPos.TOP);
  }

  private void drawMark(GraphicsContext g, StepKind kind, double x, double y, Color c) {
    g.setFill(c);
    g.setStroke(c.darker());
    switch (kind) {
      case PRODUCE -> {
        g.fillOval(x - 5, y - 5, 10, 10);
        g.strokeOval(x - 5, y - 5, 10, 10);
      }
      case APPEND, REPLICATE -> {
        g.fillRect(x - 4, y - 4, 8, 8);
        g.strokeRect(x - 4, y - 4, 8, 8);
      }
      case APPLY, WINDOW_EMIT -> {
        g.fillPolygon(new double[] {x, x + 5, x, x - 5}, new double[] {y - 6, y, y + 6, y}, 4);
      }
      case READ -> {
        g.setFill(ink.background());
        g.fillOval(x - 5, y - 5, 10, 10);
        g.setLineWidth(2);
        g.strokeOval(x - 5, y - 5, 10, 10);
        g.setLineWidth(1);
      }
      case DROP, SKIP, EXPIRE, LATE -> {
        g.setStroke(kind == StepKind.DROP ? Color.web("#cf222e") : c.darker());
        g.setLineWidth(2);
        g.strokeLine(x - 4, y - 4, x + 4, y + 4);
        g.strokeLine(x - 4, y + 4, x + 4, y - 4);
        g.setLineWidth(1);
      }
      default -> g.fillOval(x - 3, y - 3, 6, 6);
    }
  }

  private static void arrowHead(GraphicsContext g, double x1, double y1, double x2, double y2) {
    double a = Math.atan2(y2 - y1, x2 - x1);
    double len = 7;
    double[] xs = {
      x2, x2 - len * Math.cos(a - 0.4), x2 - len * Math.cos(a + 0.4),
    };
    double[] ys = {
      y2, y2 - len * Math.sin(a - 0.4), y2 - len * Math.sin(a + 0.4),
    };
    g.fillPolygon(xs, ys, 3);
  }

  private double laneY(int lane) {
    return HEADER + lane * drawLaneHeight + drawLaneHeight / 2;
  }

  /** A stable, distinct colour per event, so one event can be followed across lanes. */
  static Color eventColor(long eventId) {
    double hue = ((eventId * 0.6180339887) % 1.0) * 360;
    return Color.hsb(hue, 0.75, 0.78);
  }

  private void hover(double x, double y) {
    drawLaneHeight = laneHeight;
    if (timeline == null || x < LEFT) {
      if (tipInstalled) {
        Tooltip.uninstall(canvas, tip);
        tipInstalled = false;
      }
      return;
    }
    double plotW = plotWidth();
    Mark best = null;
    double bestD = 8;
    for (Mark m : timeline.marks()) {
      if (m.timeMicros() < start || m.timeMicros() > start + span) {
        continue;
      }
      double mx = LEFT + (m.timeMicros() - start) / span * plotW;
      double d = Math.hypot(mx - x, laneY(m.lane()) - y);
      if (d < bestD) {
        bestD = d;
        best = m;
      }
    }
    String text = best == null ? "" : best.detail(timeline.lanes().get(best.lane()));
    if (best == null) {
      for (Hop h : timeline.hops()) {
        if (h.arrivedMicros() < start || h.sentMicros() > start + span) {
          continue;
        }
        double x2 = LEFT + (h.arrivedMicros() - start) / span * plotW;
        double d = Math.hypot(x2 - x, laneY(h.toLane()) - y);
        if (d < bestD) {
          bestD = d;
          text =
              "e-"
                  + h.eventId()
                  + " over "
                  + h.link()
                  + (h.dropped()
                      ? ": lost"
                      : ": took " + Format.duration(h.arrivedMicros() - h.sentMicros()));
        }
      }
    }
    tip.setText(text);
    if (text.isEmpty() && tipInstalled) {
      Tooltip.uninstall(canvas, tip);
      tipInstalled = false;
    } else if (!text.isEmpty() && !tipInstalled) {
      Tooltip.install(canvas, tip);
      tipInstalled = true;
    }
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static String axisLabel(double micros, double tick) {
    if (tick >= 1_000_000) {
      return String.format(Locale.ROOT, "%.0f s", micros / 1e6);
    }
    if (tick >= 100_000) {
      return String.format(Locale.ROOT, "%.1f s", micros / 1e6);
    }
    if (tick >= 10_000) {
      return String.format(Locale.ROOT, "%.2f s", micros / 1e6);
    }
    return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
  }

  static double niceTick(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (raw <= m * mag) {
        return m * mag;
      }
    }
    return 10 * mag;
  }

  /** The colours of the diagram: light (and always for export), or dark under a dark theme. */
  record Ink(Color background, Color laneAlt, Color grid, Color text, Color muted) {
    static final Ink LIGHT =
        new Ink(
            Color.WHITE,
            Color.web("#f6f8fa"),
            Color.web("#d0d7de"),
            Color.web("#24292f"),
            Color.web("#57606a"));
    static final Ink DARK =
        new Ink(
            Color.web("#0d1117"),
            Color.web("#161b22"),
            Color.web("#30363d"),
            Color.web("#e6edf3"),
            Color.web("#8d96a0"));

    static boolean darkTheme() {
      String ua = javafx.application.Application.getUserAgentStylesheet();
      return ua != null && ua.toLowerCase(Locale.ROOT).contains("dark");
    }
  }
}
