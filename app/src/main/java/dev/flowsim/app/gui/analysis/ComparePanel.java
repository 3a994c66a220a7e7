package dev.flowsim.app.gui.analysis;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationException;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Findings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Runs two designs with the same seed and shows their anomaly counts side by side: by kind (a kind
 * found on one side only stands out), the integrity and timeliness totals, and each run's trace
 * hash. By default the current design against its broken/fixed counterpart when it is a bundled
 * example. The runs happen off the FX thread, with progress, and stop when the window closes.
 */
public final class ComparePanel {

  /** A design to compare: what the chooser shows, and how to read it. */
  public record Choice(String label, String bundled, Path file, Pipeline pipeline) {
    Pipeline load() throws SpecException, IOException {
      if (pipeline != null) {
        return pipeline;
      }
      if (file != null) {
        return SpecReader.read(file);
      }
      return BundledSpecs.load(bundled);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** What one run gave: the counts by kind and the totals. */
  public record Side(
      String label,
      String name,
      String description,
      Map<AnomalyKind, Long> counts,
      long integrity,
      long timeliness,
      String traceHash,
      long events) {
    public long count(AnomalyKind k) {
      return counts.getOrDefault(k, 0L);
    }

    static Side of(String label, SimulationResult r) {
      Findings f = r.findings();
      Map<AnomalyKind, Long> counts = new EnumMap<>(AnomalyKind.class);
      counts.putAll(f.counts());
      long integrity = 0;
      long timeliness = 0;
      for (Map.Entry<AnomalyKind, Long> e : counts.entrySet()) {
        if (e.getKey().isIntegrity()) {
          integrity += e.getValue();
        } else {
          timeliness += e.getValue();
        }
      }
      return new Side(
          label,
          r.pipeline().name(),
          r.pipeline().description(),
          counts,
          integrity,
          timeliness,
          r.traceHash(),
          r.events());
    }
  }

  /** Both runs of one comparison. */
  public record Outcome(long seed, Side left, Side right) {}

  /**
   * A row of the table: a kind's counts (kind non-null), or a total or other fact.
   *
   * @param onlyOneSide a kind found on one side only
   */
  public record Row(
      String label, AnomalyKind kind, String left, String right, boolean onlyOneSide) {
    boolean differs() {
      return !left.equals(right);
    }
  }

  private final Editor editor;
  private final BorderPane view = new BorderPane();
  private final ComboBox<Choice> left = new ComboBox<>();
  private final ComboBox<Choice> right = new ComboBox<>();
  private final TextField seed = new TextField();
  private final Button run = new Button("Run both");
  private final Button cancel = new Button("Cancel");
  private final ProgressBar progress = new ProgressBar(0);
  private final Label status = new Label();
  private final Label leftInfo = new Label();
  private final Label rightInfo = new Label();
  private final Label leftName = new Label();
  private final Label rightName = new Label();
  private final TableView<Row> table = new TableView<>();
  private final TableColumn<Row, String> leftColumn = new TableColumn<>("Left");
  private final TableColumn<Row, String> rightColumn = new TableColumn<>("Right");
  private final ReadOnlyObjectWrapper<Outcome> outcome =
      new ReadOnlyObjectWrapper<>(this, "outcome");
  private Task<Outcome> task;

  public ComparePanel(Editor editor) {
    this.editor = editor;
    left.setId("compare-left");
    right.setId("compare-right");
    seed.setId("compare-seed");
    run.setId("compare-run");
    cancel.setId("compare-cancel");
    progress.setId("compare-progress");
    status.setId("compare-status");
    table.setId("compare-table");
    leftInfo.setId("compare-left-info");
    rightInfo.setId("compare-right-info");
    for (ComboBox<Choice> box : List.of(left, right)) {
      box.setMaxWidth(Double.MAX_VALUE);
      box.setVisibleRowCount(16);
      box.setCellFactory(l -> new ChoiceCell());
      box.setButtonCell(new ChoiceCell());
    }
    fillChoices();
    Pipeline current = editor.document().pipeline();
    seed.setText(Long.toString(current.seed()));
    seed.setPrefColumnCount(10);

    Button leftFile = new Button("File…");
    leftFile.setId("compare-left-file");
    leftFile.setOnAction(e -> chooseFile(left));
    Button rightFile = new Button("File…");
    rightFile.setId("compare-right-file");
    rightFile.setOnAction(e -> chooseFile(right));

    GridPane pickers = new GridPane();
    pickers.setHgap(8);
    pickers.setVgap(6);
    ColumnConstraints label = new ColumnConstraints();
    ColumnConstraints grow = new ColumnConstraints();
    grow.setHgrow(Priority.ALWAYS);
    pickers.getColumnConstraints().addAll(label, grow, new ColumnConstraints());
    pickers.addRow(0, new Label("Left"), left, leftFile);
    pickers.addRow(1, new Label("Right"), right, rightFile);
    HBox runRow = new HBox(8, new Label("Seed"), seed, run, cancel, progress, status);
    runRow.setAlignment(Pos.CENTER_LEFT);
    progress.setPrefWidth(160);
    progress.setVisible(false);
    progress.managedProperty().bind(progress.visibleProperty());
    cancel.setDisable(true);
    run.setDefaultButton(true);
    run.setOnAction(e -> start());
    cancel.setOnAction(e -> stop());
    VBox top = new VBox(8, pickers, runRow);
    top.setPadding(new Insets(10));

    TableColumn<Row, String> kindColumn = new TableColumn<>("Anomaly kind");
    kindColumn.setCellValueFactory(
        c -> new javafx.beans.property.SimpleStringProperty(c.getValue().label()));
    leftColumn.setCellValueFactory(
        c -> new javafx.beans.property.SimpleStringProperty(c.getValue().left()));
    rightColumn.setCellValueFactory(
        c -> new javafx.beans.property.SimpleStringProperty(c.getValue().right()));
    kindColumn.setCellFactory(c -> new RowCell(true));
    leftColumn.setCellFactory(c -> new RowCell(false));
    rightColumn.setCellFactory(c -> new RowCell(false));
    kindColumn.setPrefWidth(320);
    leftColumn.setPrefWidth(220);
    rightColumn.setPrefWidth(220);
    table.getColumns().add(kindColumn);
    table.getColumns().add(leftColumn);
    table.getColumns().add(rightColumn);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("Choose two designs and press Run both"));
    for (Label l : List.of(leftInfo, rightInfo)) {
      l.setWrapText(true);
      l.setMaxWidth(Double.MAX_VALUE);
      l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    GridPane infos = new GridPane();
    infos.setHgap(12);
    ColumnConstraints half = new ColumnConstraints();
    half.setPercentWidth(50);
    infos.getColumnConstraints().addAll(half, half);
    for (Label l : List.of(leftName, rightName)) {
      l.setWrapText(true);
      l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    }
    leftName.setStyle("-fx-font-weight: bold;");
    rightName.setStyle("-fx-font-weight: bold;");
    leftName.setId("compare-left-name");
    rightName.setId("compare-right-name");
    infos.addRow(0, new VBox(2, leftName, leftInfo), new VBox(2, rightName, rightInfo));
    infos.setPadding(new Insets(0, 10, 6, 10));
    VBox centre = new VBox(infos, table);
    VBox.setVgrow(table, Priority.ALWAYS);
    view.setTop(top);
    view.setCenter(centre);
    view.setId("compare-panel");
    left.valueProperty().addListener((o, a, b) -> describe(b, leftName, leftInfo));
    right.valueProperty().addListener((o, a, b) -> describe(b, rightName, rightInfo));
    describe(left.getValue(), leftName, leftInfo);
    describe(right.getValue(), rightName, rightInfo);
  }

  /** Opens the compare window over {@code owner}. */
  public static Stage open(Window owner, Editor editor) {
    ComparePanel panel = new ComparePanel(editor);
    Stage stage = new Stage();
    if (owner != null) {
      stage.initOwner(owner);
    }
    stage.initModality(Modality.NONE);
    stage.setTitle("Compare two designs");
    Scene scene = new Scene((BorderPane) panel.view(), 900, 720);
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().addAll(owner.getScene().getStylesheets());
    }
    stage.setScene(scene);
    stage.setOnHidden(e -> panel.stop());
    stage.show();
    return stage;
  }

  public Node view() {
    return view;
  }

  public ComboBox<Choice> left() {
    return left;
  }

  public ComboBox<Choice> right() {
    return right;
  }

  public TextField seed() {
    return seed;
  }

  public TableView<Row> table() {
    return table;
  }

  /** The last completed comparison, or null. */
  public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
    return outcome.getReadOnlyProperty();
  }

  /** Picks a bundled spec on one side, by file name; false when there is none such. */
  public boolean choose(boolean leftSide, String bundledFile) {
    ComboBox<Choice> box = leftSide ? left : right;
    for (Choice c : box.getItems()) {
      if (bundledFile.equals(c.bundled())) {
        box.setValue(c);
        return true;
      }
    }
    return false;
  }

  /** Starts both runs (as the Run button does). */
  public void start() {
    stop();
    Choice l = left.getValue();
    Choice r = right.getValue();
    if (l == null || r == null) {
      status.setText("Choose a design on each side");
      return;
    }
    long s;
    try {
      s = Long.parseLong(seed.getText().strip());
    } catch (NumberFormatException e) {
      status.setText("The seed must be a whole number");
      return;
    }
    long theSeed = s;
    Task<Outcome> t =
        new Task<>() {
          @Override
          protected Outcome call() throws Exception {
            updateMessage("Running " + l.label() + "…");
            Side a = runOne(l, theSeed, 0);
            updateMessage("Running " + r.label() + "…");
            Side b = runOne(r, theSeed, 1);
            return new Outcome(theSeed, a, b);
          }

          private Side runOne(Choice c, long seedValue, int index) throws Exception {
            Pipeline p = c.load();
            long total = Math.max(1, p.duration().micros());
            long[] seen = {0};
            Simulation.Options o =
                Simulation.Options.of(p)
                    .withSeed(seedValue)
                    .withTraceLimit(0)
                    .withMetrics(false)
                    .withListener(
                        step -> {
                          if ((++seen[0] & 0x3fff) == 0) {
                            if (isCancelled()) {
                              throw new CancellationException();
                            }
                            double frac = Math.min(1, (double) step.timeMicros() / total);
                            updateProgress(index + frac, 2);
                          }
                        });
            SimulationResult res = Simulation.run(p, o);
            updateProgress(index + 1, 2);
            return Side.of(c.label(), res);
          }
        };
    task = t;
    progress.progressProperty().bind(t.progressProperty());
    status.textProperty().bind(t.messageProperty());
    progress.setVisible(true);
    run.setDisable(true);
    cancel.setDisable(false);
    t.setOnSucceeded(
        e -> {
          finish();
          outcome.set(t.getValue());
          show(t.getValue());
          status.setText("Seed " + t.getValue().seed() + ": both runs done");
        });
    t.setOnFailed(
        e -> {
          finish();
          status.setText("Could not run: " + message(t.getException()));
        });
    t.setOnCancelled(
        e -> {
          finish();
          status.setText("Cancelled");
        });
    Thread th = new Thread(t, "flowsim-compare");
    th.setDaemon(true);
    th.start();
  }

  /** Cancels runs in progress. */
  public void stop() {
    if (task != null && task.isRunning()) {
      task.cancel();
    }
  }

  private void finish() {
    progress.progressProperty().unbind();
    status.textProperty().unbind();
    progress.setVisible(false);
    run.setDisable(false);
    cancel.setDisable(true);
  }

  private static String message(Throwable t) {
    if (t instanceof SimulationException se) {
      return se.diagnostics().stream().map(Diagnostic::message).collect(Collectors.joining("; "));
    }
    if (t instanceof SpecException se) {
      return se.getMessage();
    }
    return t == null ? "unknown error" : String.valueOf(t.getMessage());
  }

  /** Fills the table with one comparison. */
  void show(Outcome o) {
    leftColumn.setText(shortLabel(o.left().label()));
    rightColumn.setText(shortLabel(o.right().label()));
    List<Row> rows = new ArrayList<>();
    for (AnomalyKind k : FindingsPanel.ORDER) {
      long a = o.left().count(k);
      long b = o.right().count(k);
      if (a == 0 && b == 0) {
        continue;
      }
      rows.add(
          new Row(
              k.name() + " (" + k.category() + ")",
              k,
              Long.toString(a),
              Long.toString(b),
              (a == 0) != (b == 0)));
    }
    if (rows.isEmpty()) {
      rows.add(new Row("No anomaly on either side", null, "0", "0", false));
    }
    rows.add(
        new Row(
            "Integrity total",
            null,
            Long.toString(o.left().integrity()),
            Long.toString(o.right().integrity()),
            false));
    rows.add(
        new Row(
            "Timeliness total",
            null,
            Long.toString(o.left().timeliness()),
            Long.toString(o.right().timeliness()),
            false));
    rows.add(
        new Row(
            "Events produced",
            null,
            Long.toString(o.left().events()),
            Long.toString(o.right().events()),
            false));
    rows.add(new Row("Trace hash", null, o.left().traceHash(), o.right().traceHash(), false));
    table.getItems().setAll(rows);
  }

  private static String shortLabel(String label) {
    return label.startsWith("Current design") ? "Current design" : label;
  }

  private void fillChoices() {
    List<Choice> items = new ArrayList<>();
    Pipeline current = editor.document().pipeline();
    Path file = editor.document().file();
    String fileName = file == null ? null : file.getFileName().toString();
    String title = current.name().isBlank() ? "untitled" : current.name();
    Choice currentChoice = new Choice("Current design: " + title, null, null, current);
    items.add(currentChoice);
    for (String f : BundledSpecs.files()) {
      items.add(new Choice(f, f, null, null));
    }
    left.getItems().setAll(items);
    right.getItems().setAll(items);
    left.setValue(currentChoice);
    String origin = BundledSpecs.bundledName(fileName, current).orElse(null);
    String other = BundledSpecs.counterpart(origin).orElse(null);
    Choice match = null;
    for (Choice c : items) {
      if (other != null && other.equals(c.bundled())) {
        match = c;
      }
    }
    right.setValue(match != null ? match : items.size() > 1 ? items.get(1) : currentChoice);
  }

  private void chooseFile(ComboBox<Choice> box) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Choose a design to compare");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Flowsim design", "*.json"));
    File f = chooser.showOpenDialog(view.getScene() == null ? null : view.getScene().getWindow());
    if (f == null) {
      return;
    }
    Choice c = new Choice(f.getName(), null, f.toPath(), null);
    left.getItems().add(c);
    if (right.getItems() != left.getItems()) {
      right.getItems().add(c);
    }
    box.setValue(c);
  }

  private static void describe(Choice c, Label name, Label into) {
    if (c == null) {
      name.setText("");
      into.setText("");
      return;
    }
    try {
      Pipeline p = c.load();
      String d = p.description();
      name.setText(p.name().isBlank() ? c.label() : p.name());
      into.setText(d.length() > 300 ? d.substring(0, 299) + "…" : d);
    } catch (SpecException | IOException e) {
      name.setText(c.label());
      into.setText("This design cannot be read: " + e.getMessage());
    }
  }

  private static final class ChoiceCell extends ListCell<Choice> {
    @Override
    protected void updateItem(Choice item, boolean empty) {
      super.updateItem(item, empty);
      setText(empty || item == null ? null : item.label());
    }
  }

  /** Bold and coloured where the sides differ; a kind found on one side only most of all. */
  private static final class RowCell extends TableCell<Row, String> {
    private final boolean first;

    RowCell(boolean first) {
      this.first = first;
    }

    @Override
    protected void updateItem(String item, boolean empty) {
      super.updateItem(item, empty);
      Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
      if (empty || item == null || row == null) {
        setText(null);
        setStyle("");
        setGraphic(null);
        return;
      }
      setText(item);
      setGraphic(first && row.kind() != null ? FindingsPanel.chip(row.kind()) : null);
      String colour =
          row.kind() == null ? "#57606a" : row.kind().isIntegrity() ? "#cf222e" : "#9a6700";
      if (row.onlyOneSide()) {
        boolean zero = "0".equals(item);
        setStyle(
            zero ? "-fx-opacity: 0.7;" : "-fx-font-weight: bold; -fx-text-fill: " + colour + ";");
      } else if (row.differs() && !first) {
        setStyle("-fx-font-weight: bold;");
      } else {
        setStyle(first && row.kind() == null ? "-fx-font-style: italic;" : "");
      }
    }
  }
}
