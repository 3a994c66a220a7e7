package dev.flowsim.app.gui.sim;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.canvas.DesignCanvas;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.SpecCheck;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationException;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.trace.TraceListener;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Runs the design and plays it back. The bar at the bottom of the window: Run / Cancel with the
 * seed and duration of the run and a progress bar, a "results out of date" marker, play/pause, step
 * to the next event (of anything, the selected component or the selected key), the playback speed,
 * a scrubber over the run's simulated time with a tick per anomaly, the current time, and how
 * tokens are coloured.
 *
 * <p>A run happens on a background thread (simulation, then the {@link PlaybackModel}); a trace
 * listener reports progress and stops the run when cancelled. Playback moves {@link
 * RunSession#timeMicrosProperty()} from an {@link AnimationTimer}; every view follows that property
 * and so does the scrubber, whoever moves it.
 */
public final class RunController {

  private static final String PLAY = "mdi2p-play";
  private static final String PAUSE = "mdi2p-pause";

  static final double[] SPEEDS = {0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000};

  /** Step to the next event of: */
  public enum StepScope {
    ANY("any event"),
    COMPONENT("component"),
    KEY("key");

    private final String label;

    StepScope(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final Editor editor;
  private final DesignCanvas canvas;
  private final RunSession session;
  private final PlaybackOverlay overlay;

  private final VBox bar = new VBox(2);
  private final HBox rowA = new HBox(6);
  private final HBox rowB = new HBox(6);
  private final List<Node> runGroup = new ArrayList<>();
  private final List<Node> playGroup = new ArrayList<>();
  private final List<Node> tokenGroup = new ArrayList<>();
  private boolean twoRows;
  private final Button runButton = new Button("Run");
  private final Button cancelButton = new Button("Cancel");
  private final ProgressBar progress = new ProgressBar(0);
  private final TextField seedField = new TextField();
  private final TextField durationField = new TextField();
  private final Label staleMarker = new Label("results out of date — Run again");
  private final Button playButton = new Button();
  private final Button stepButton = new Button("Step");
  private final ChoiceBox<StepScope> stepScope = new ChoiceBox<>();
  private final ComboBox<Double> speed = new ComboBox<>();
  private final Slider scrubber = new Slider(0, 1, 0);
  private final Canvas marks = new Canvas(10, 8);
  private final Label simTime = new Label(format(0));
  private final ChoiceBox<PlaybackOverlay.Colouring> tokenColour = new ChoiceBox<>();

  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
  private final ObjectProperty<Task<?>> task = new SimpleObjectProperty<>(this, "task");
  private final AnimationTimer timer;
  private boolean syncing;
  private long lastFrame = -1;
  private double cursor;
  private long defaultSeed;
  private long defaultDuration;

  public RunController(Editor editor, DesignCanvas canvas) {
    this.editor = editor;
    this.canvas = canvas;
    this.session = editor.run();
    this.overlay =
        new PlaybackOverlay(
            () -> {
              PlaybackModel m = session.playbackProperty().get();
              return m != null && m.result() == session.result() ? m : null;
            },
            () -> session.timeMicrosProperty().get(),
            () -> session.selectedKeyProperty().get());
    this.timer =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            frame(now);
          }
        };
    buildBar();
    wire();
    if (canvas != null) {
      canvas.addOverlay(overlay);
    }
  }

  // ------------------------------------------------------------------ the bar

  private void buildBar() {
    bar.setId("time-controls");
    bar.getStyleClass().add("time-controls");
    bar.setPadding(new Insets(4, 8, 4, 8));
    bar.setMinWidth(0);
    rowA.setAlignment(Pos.CENTER_LEFT);
    rowB.setAlignment(Pos.CENTER_LEFT);
    rowA.setMinWidth(0);
    rowB.setMinWidth(0);

    runButton.setId("run-button");
    runButton.setTooltip(new Tooltip("Simulate the design with this seed and duration"));
    runButton.setDefaultButton(false);
    runButton.setGraphic(new FontIcon("mdi2p-play-circle-outline"));
    cancelButton.setId("cancel-button");
    cancelButton.setTooltip(new Tooltip("Stop the run in progress"));
    cancelButton.setGraphic(new FontIcon("mdi2s-stop-circle-outline"));
    progress.setId("run-progress");
    progress.setPrefWidth(90);
    seedField.setId("run-seed");
    seedField.setPrefColumnCount(5);
    seedField.setTooltip(new Tooltip("Random seed of the run (same seed, same run)"));
    durationField.setId("run-duration");
    durationField.setPrefColumnCount(4);
    durationField.setTooltip(new Tooltip("How long producers create work, e.g. 60s, 5m"));
    staleMarker.setId("stale-marker");
    staleMarker.setTextFill(Color.web("#b26a00"));
    staleMarker.setStyle("-fx-font-weight: bold;");

    playButton.setId("play-button");
    playButton.setGraphic(new FontIcon(PLAY));
    playButton.setAccessibleText("Play");
    stepButton.setGraphic(new FontIcon("mdi2s-skip-next"));
    playButton.setTooltip(new Tooltip("Play / pause"));
    playButton.setMinWidth(32);
    stepButton.setId("step-button");
    stepButton.setTooltip(new Tooltip("Jump to the next event"));
    stepScope.setId("step-scope");
    stepScope.getItems().setAll(StepScope.values());
    stepScope.setValue(StepScope.ANY);

    speed.setId("speed");
    for (double s : SPEEDS) {
      speed.getItems().add(s);
    }
    speed.setValue(1.0);
    speed.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Double v) {
            if (v == null) {
              return "";
            }
            return (v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v)) + "×";
          }

          @Override
          public Double fromString(String s) {
            try {
              return Double.parseDouble(s.replace("×", "").replace("x", "").trim());
            } catch (NumberFormatException e) {
              return speed.getValue();
            }
          }
        });
    speed.setEditable(false);
    speed.setTooltip(new Tooltip("Playback speed relative to real time"));

    scrubber.setId("scrubber");
    scrubber.setTooltip(new Tooltip("Simulated time; ticks mark anomalies"));
    marks.setId("scrubber-marks");
    marks.setMouseTransparent(true);
    StackPane scrub = new StackPane(scrubber, marks);
    scrub.setId("scrubber-pane");
    StackPane.setAlignment(marks, Pos.BOTTOM_CENTER);
    scrub.setMinWidth(120);
    HBox.setHgrow(scrub, Priority.ALWAYS);
    scrub.widthProperty().addListener((o, a, b) -> drawMarks());

    simTime.setId("sim-time");
    simTime.setMinWidth(80);
    simTime.setStyle("-fx-font-family: monospace;");
    tokenColour.setId("token-colour");
    tokenColour.getItems().setAll(PlaybackOverlay.Colouring.values());
    tokenColour.setValue(PlaybackOverlay.Colouring.KEY);
    tokenColour.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(PlaybackOverlay.Colouring c) {
            return c == null ? "" : c == PlaybackOverlay.Colouring.KEY ? "by key" : "by partition";
          }

          @Override
          public PlaybackOverlay.Colouring fromString(String s) {
            return s.contains("partition")
                ? PlaybackOverlay.Colouring.PARTITION
                : PlaybackOverlay.Colouring.KEY;
          }
        });
    tokenColour.setTooltip(new Tooltip("Colour message tokens by key or by partition"));

    runGroup.addAll(
        List.of(
            runButton,
            cancelButton,
            progress,
            new Label("seed"),
            seedField,
            new Label("for"),
            durationField,
            staleMarker));
    playGroup.addAll(
        List.of(
            new Separator(javafx.geometry.Orientation.VERTICAL),
            playButton,
            stepButton,
            stepScope,
            speed,
            scrub,
            simTime));
    tokenGroup.addAll(List.of(new Label("tokens"), tokenColour));
    // everything but the scrubber keeps its preferred width; the scrubber takes the rest
    for (List<Node> group : List.of(runGroup, playGroup, tokenGroup)) {
      for (Node n : group) {
        if (n instanceof Region r && n != scrub) {
          r.setMinWidth(Region.USE_PREF_SIZE);
          r.setMaxWidth(Region.USE_PREF_SIZE);
        }
      }
    }
    arrange(false);
    // a narrow window (a small or scaled screen) gets two rows: run controls, then playback
    bar.widthProperty()
        .addListener(
            (o, a, b) -> {
              double w = b.doubleValue();
              if (!twoRows && w > 0 && w < ONE_ROW_WIDTH) {
                arrange(true);
              } else if (twoRows && w >= ONE_ROW_WIDTH + 20) {
                arrange(false);
              }
            });
    stepScope.setTooltip(
        new Tooltip(
            "Step jumps to the next event of: anything, the selected"
                + " component, or the selected key"));
  }

  private void wire() {
    runButton.setOnAction(e -> run());
    cancelButton.setOnAction(e -> cancel());
    runButton.disableProperty().bind(running.getReadOnlyProperty());
    cancelButton.disableProperty().bind(running.getReadOnlyProperty().not());
    progress.visibleProperty().bind(running.getReadOnlyProperty());
    progress.managedProperty().bind(running.getReadOnlyProperty());
    staleMarker.visibleProperty().bind(session.staleProperty());
    staleMarker.managedProperty().bind(session.staleProperty());

    Pipeline p = editor.document().pipeline();
    resetRunFields(p);
    editor
        .document()
        .pipelineProperty()
        .addListener(
            (o, before, after) -> {
              if (after != null
                  && (after.seed() != defaultSeed
                      || after.duration().micros() != defaultDuration)) {
                resetRunFields(after);
              }
            });

    playButton.setOnAction(e -> togglePlay());
    stepButton.setOnAction(e -> step());
    session
        .playingProperty()
        .addListener(
            (o, was, now) -> {
              playButton.setGraphic(new FontIcon(now ? PAUSE : PLAY));
              playButton.setAccessibleText(now ? "Pause" : "Play");
              if (now) {
                lastFrame = -1;
                cursor = session.timeMicrosProperty().get();
                timer.start();
              } else {
                timer.stop();
              }
            });

    scrubber
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              if (!syncing) {
                session.timeMicrosProperty().set(Math.round(b.doubleValue()));
              }
            });
    session
        .timeMicrosProperty()
        .addListener(
            (o, a, b) -> {
              long t = b.longValue();
              syncing = true;
              try {
                scrubber.setValue(t);
              } finally {
                syncing = false;
              }
              simTime.setText(format(t));
              repaint();
            });
    session.selectedKeyProperty().addListener((o, a, b) -> repaint());
    tokenColour
        .valueProperty()
        .addListener(
            (o, a, b) -> {
              overlay.setColouring(b);
              repaint();
            });
    session.resultProperty().addListener((o, before, after) -> resultChanged(after));
    session.playbackProperty().addListener((o, a, b) -> repaint());
    updateScrubberRange(session.result());
  }

  private void resetRunFields(Pipeline p) {
    defaultSeed = p.seed();
    defaultDuration = p.duration().micros();
    seedField.setText(Long.toString(p.seed()));
    durationField.setText(p.duration().toString());
  }

  private void repaint() {
    if (canvas != null) {
      canvas.requestOverlayRepaint();
    }
  }

  /** Below this width the bar takes two rows. */
  private static final double ONE_ROW_WIDTH = 1180;

  private void arrange(boolean two) {
    twoRows = two;
    rowA.getChildren().clear();
    rowB.getChildren().clear();
    if (two) {
      rowA.getChildren().addAll(runGroup);
      Region gap = new Region();
      HBox.setHgrow(gap, Priority.ALWAYS);
      rowA.getChildren().add(gap);
      rowA.getChildren().addAll(tokenGroup);
      rowB.getChildren().addAll(playGroup.subList(1, playGroup.size()));
      bar.getChildren().setAll(rowA, rowB);
    } else {
      rowA.getChildren().addAll(runGroup);
      rowA.getChildren().addAll(playGroup);
      rowA.getChildren().addAll(tokenGroup);
      bar.getChildren().setAll(rowA);
    }
  }

  /** The time controls bar (run, cancel, play/pause, step, speed, scrubber, time). */
  public Node timeControls() {
    return bar;
  }

  /** The overlay painting tokens and badges (registered with the canvas). */
  public PlaybackOverlay overlay() {
    return overlay;
  }

  /** True while a run (or its playback preparation) is in progress. */
  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  // ------------------------------------------------------------------ running

  /** Thrown by the progress listener to stop a cancelled run. */
  private static final class Cancelled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("cancelled", null, false, false);
    }
  }

  private record Prepared(SimulationResult result, PlaybackModel playback) {}

  /**
   * Runs the current design with the seed and duration of the bar on a background thread. Invalid
   * designs are not run: their errors go to the status line and a dialog. The finished run replaces
   * the shown result; a cancelled run keeps it.
   */
  public void run() {
    if (running.get()) {
      return;
    }
    Pipeline pipeline = editor.document().pipeline();
    List<Diagnostic> errors =
        SpecCheck.check(pipeline).stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      refuse(errors);
      return;
    }
    long seed;
    long duration;
    try {
      seed = Long.parseLong(seedField.getText().trim());
    } catch (NumberFormatException e) {
      editor.statusProperty().set("Cannot run: the seed must be a whole number");
      return;
    }
    try {
      duration = Duration.parse(durationField.getText().trim()).micros();
    } catch (RuntimeException e) {
      editor.statusProperty().set("Cannot run: the duration must look like 60s, 500ms or 5m");
      return;
    }
    if (duration <= 0) {
      editor.statusProperty().set("Cannot run: the duration must be above 0");
      return;
    }
    session.playingProperty().set(false);
    AtomicBoolean stop = new AtomicBoolean();
    long started = System.nanoTime();
    Task<Prepared> t =
        new Task<>() {
          @Override
          protected Prepared call() throws Exception {
            updateMessage("Running");
            PlaybackModel.Recorder recorder = new PlaybackModel.Recorder(pipeline);
            TraceListener watch =
                new TraceListener() {
                  @Override
                  public void onStep(TraceStep step) {
                    if ((step.index() & 0xFFF) == 0) {
                      if (stop.get() || isCancelled()) {
                        throw new Cancelled();
                      }
                      updateProgress(Math.min(step.timeMicros(), duration), duration);
                    }
                  }
                };
            Simulation.Options options =
                Simulation.Options.of(pipeline)
                    .withSeed(seed)
                    .withDuration(duration)
                    .withListener(watch)
                    .withListener(recorder);
            SimulationResult result = Simulation.run(pipeline, options);
            updateProgress(-1, 1);
            updateMessage("Preparing playback");
            PlaybackModel model =
                PlaybackModel.build(result, recorder, () -> stop.get() || isCancelled());
            return new Prepared(result, model);
          }
        };
    progress.progressProperty().bind(t.progressProperty());
    t.stateProperty()
        .addListener(
            (o, was, now) -> {
              if (now == Worker.State.SUCCEEDED) {
                finished(t.getValue(), started);
              } else if (now == Worker.State.FAILED) {
                failed(t.getException());
              } else if (now == Worker.State.CANCELLED) {
                stop.set(true);
                ended();
                editor.statusProperty().set("Run cancelled");
              }
            });
    task.set(t);
    running.set(true);
    editor.statusProperty().set("Running " + pipeline.name() + "…");
    Thread thread = new Thread(t, "flowsim-run");
    thread.setDaemon(true);
    thread.start();
  }

  /** Cancels the run in progress (the shown result stays). */
  public void cancel() {
    Task<?> t = task.get();
    if (t != null && running.get()) {
      t.cancel(false);
    }
  }

  private void ended() {
    progress.progressProperty().unbind();
    progress.setProgress(0);
    task.set(null);
    running.set(false);
  }

  private void finished(Prepared p, long startedNanos) {
    ended();
    if (p == null) {
      return;
    }
    session.playbackProperty().set(p.playback());
    session.resultProperty().set(p.result());
    session.timeMicrosProperty().set(0);
    SimulationResult r = p.result();
    long integrity = r.findings().all().stream().filter(f -> f.kind().isIntegrity()).count();
    double secs = (System.nanoTime() - startedNanos) / 1e9;
    editor
        .statusProperty()
        .set(
            String.format(
                Locale.ROOT,
                "Run finished in %.1f s: %d events, %d findings (%d integrity)%s",
                secs,
                r.events(),
                r.findings().all().size(),
                integrity,
                p.playback().partial() ? "; playback covers the stored end of the trace" : ""));
  }

  private void failed(Throwable e) {
    ended();
    if (e instanceof Cancelled || e instanceof java.util.concurrent.CancellationException) {
      editor.statusProperty().set("Run cancelled");
    } else if (e instanceof SimulationException se) {
      refuse(se.diagnostics());
    } else {
      editor
          .statusProperty()
          .set("Run failed: " + (e == null ? "unknown error" : String.valueOf(e.getMessage())));
    }
  }

  private void refuse(List<Diagnostic> errors) {
    String first = errors.isEmpty() ? "cannot simulate" : errors.get(0).headline();
    editor
        .statusProperty()
        .set(
            "Cannot run: "
                + first
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    Alert alert = new Alert(Alert.AlertType.ERROR);
    alert.setTitle("Cannot run the design");
    alert.setHeaderText(
        errors.size() == 1
            ? "The design has an error; fix it to run."
            : "The design has " + errors.size() + " errors; fix them to run.");
    alert.setContentText(
        errors.stream().limit(12).map(Diagnostic::format).collect(Collectors.joining("\n\n")));
    alert.getDialogPane().setId("run-errors");
    if (bar.getScene() != null && bar.getScene().getWindow() != null) {
      alert.initOwner(bar.getScene().getWindow());
    }
    alert.show();
  }

  private void resultChanged(SimulationResult r) {
    session.playingProperty().set(false);
    updateScrubberRange(r);
    if (r == null) {
      session.playbackProperty().set(null);
    } else {
      PlaybackModel m = session.playbackProperty().get();
      if (m == null || m.result() != r) {
        prepareInBackground(r);
      }
      long t = session.timeMicrosProperty().get();
      if (t > r.endMicros()) {
        session.timeMicrosProperty().set(r.endMicros());
      }
    }
    drawMarks();
    repaint();
  }

  /** A result set from elsewhere (not by {@link #run()}): index it off the FX thread. */
  private void prepareInBackground(SimulationResult r) {
    session.playbackProperty().set(null);
    Task<PlaybackModel> t =
        new Task<>() {
          @Override
          protected PlaybackModel call() {
            return PlaybackModel.build(r, null, this::isCancelled);
          }
        };
    t.setOnSucceeded(
        e -> {
          if (session.result() == r) {
            session.playbackProperty().set(t.getValue());
          }
        });
    Thread thread = new Thread(t, "flowsim-playback");
    thread.setDaemon(true);
    thread.start();
  }

  private void updateScrubberRange(SimulationResult r) {
    syncing = true;
    try {
      scrubber.setMax(r == null ? 1 : Math.max(1, r.endMicros()));
      scrubber.setValue(session.timeMicrosProperty().get());
    } finally {
      syncing = false;
    }
    scrubber.setDisable(r == null);
    playButton.setDisable(r == null);
    stepButton.setDisable(r == null);
  }

  /** One tick per finding under the scrubber: integrity red, timeliness amber. */
  private void drawMarks() {
    double w = scrubber.getParent() instanceof Region r ? r.getWidth() : scrubber.getWidth();
    if (w <= 0) {
      w = 200;
    }
    marks.setWidth(w);
    GraphicsContext g = marks.getGraphicsContext2D();
    g.clearRect(0, 0, marks.getWidth(), marks.getHeight());
    SimulationResult r = session.result();
    if (r == null) {
      return;
    }
    // the slider's track is inset by about half a thumb on each side
    double inset = 7;
    double span = Math.max(1, w - 2 * inset);
    double end = Math.max(1, r.endMicros());
    for (Finding f : r.findings().all()) {
      double x = inset + span * Math.min(1, Math.max(0, f.atMicros() / end));
      g.setFill(f.kind().isIntegrity() ? Color.web("#d32f2f") : Color.web("#ffa000"));
      g.fillRect(Math.round(x) - 1, 0, 2, marks.getHeight());
    }
  }

  // ------------------------------------------------------------------ playback

  private void togglePlay() {
    SimulationResult r = session.result();
    if (r == null) {
      return;
    }
    boolean play = !session.playingProperty().get();
    if (play && session.timeMicrosProperty().get() >= r.endMicros()) {
      session.timeMicrosProperty().set(0);
    }
    session.playingProperty().set(play);
  }

  private void frame(long now) {
    SimulationResult r = session.result();
    if (r == null || !session.playingProperty().get()) {
      session.playingProperty().set(false);
      return;
    }
    if (lastFrame < 0) {
      lastFrame = now;
      return;
    }
    double dtMicros = (now - lastFrame) / 1000.0;
    lastFrame = now;
    Double s = speed.getValue();
    // follow outside moves of the cursor (a click on a chart or a finding)
    long shown = session.timeMicrosProperty().get();
    if (Math.abs(shown - cursor) >= 1) {
      cursor = shown;
    }
    cursor += dtMicros * (s == null ? 1 : s);
    if (cursor >= r.endMicros()) {
      cursor = r.endMicros();
      session.timeMicrosProperty().set(r.endMicros());
      session.playingProperty().set(false);
      return;
    }
    session.timeMicrosProperty().set((long) cursor);
    cursor = Math.max(cursor, session.timeMicrosProperty().get());
  }

  /** Moves the cursor to the next event of the chosen scope; reports when there is none. */
  public void step() {
    SimulationResult r = session.result();
    PlaybackModel m = session.playbackProperty().get();
    if (r == null || m == null || m.result() != r) {
      editor.statusProperty().set("Nothing to step through: run the design first");
      return;
    }
    session.playingProperty().set(false);
    int component = -1;
    int key = -1;
    StepScope scope = stepScope.getValue();
    if (scope == StepScope.COMPONENT) {
      if (editor.selection().components().isEmpty()) {
        editor.statusProperty().set("Select a component to step through its events");
        return;
      }
      String id = editor.selection().components().iterator().next();
      component = m.traceIndexOf(id);
      if (component < 0) {
        editor.statusProperty().set(id + " took no step in this run");
        return;
      }
    } else if (scope == StepScope.KEY) {
      String k = session.selectedKeyProperty().get();
      if (k == null) {
        editor.statusProperty().set("Select a key (in the timeline) to step through its events");
        return;
      }
      key = r.trace().keys().indexOf(k);
      if (key < 0) {
        editor.statusProperty().set("Key " + k + " does not occur in this run");
        return;
      }
    }
    long next = m.nextEventAfter(session.timeMicrosProperty().get(), component, key);
    if (next < 0) {
      editor.statusProperty().set("No later event");
      return;
    }
    session.timeMicrosProperty().set(next);
  }

  /** Which events the step button jumps to. */
  public ObjectProperty<StepScope> stepScopeProperty() {
    return stepScope.valueProperty();
  }

  /** Simulated time as shown in the bar: seconds with three decimals. */
  static String format(long micros) {
    return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
  }
}
