package dev.flowsim.app.gui.analysis;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.sim.Highlight;
import dev.flowsim.app.gui.sim.RunSession;
import dev.flowsim.model.Component;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.check.Findings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The anomaly panel: the run's findings grouped by kind (integrity kinds first, then timeliness),
 * each group with its exact count, filters by kind and by component, and the selected finding's
 * explanation and fix. Selecting a finding moves the playback cursor to its time, selects its
 * components and first key, and highlights its components, connections and causal path.
 */
public final class FindingsPanel {

  /** The order of the groups: the permanent damage first, the temporary lag last. */
  static final List<AnomalyKind> ORDER =
      List.of(
          AnomalyKind.DIVERGENCE,
          AnomalyKind.LOST_WRITE,
          AnomalyKind.MESSAGE_LOSS,
          AnomalyKind.DUPLICATE_EFFECT,
          AnomalyKind.CONSTRAINT_VIOLATION,
          AnomalyKind.OUT_OF_ORDER,
          AnomalyKind.CAUSALITY_VIOLATION,
          AnomalyKind.LATE_EVENT,
          AnomalyKind.READ_YOUR_WRITES_VIOLATION,
          AnomalyKind.MONOTONIC_READ_VIOLATION,
          AnomalyKind.CONSISTENT_PREFIX_VIOLATION,
          AnomalyKind.STALE_READ,
          AnomalyKind.REPLICATION_LAG);

  static final Color INTEGRITY = Color.web("#cf222e");
  static final Color TIMELINESS = Color.web("#bf8700");

  private static final String ALL_KINDS = "All kinds";
  private static final String ALL_COMPONENTS = "All components";

  /** A row of the tree: a kind's group, or one finding. */
  public sealed interface Row permits KindRow, FindingRow {}

  /**
   * A kind's group.
   *
   * @param count how many findings of the kind the run had (exact)
   * @param shown how many of them are listed (kept by the run and passing the filters)
   */
  public record KindRow(AnomalyKind kind, long count, int shown) implements Row {}

  /** One finding. */
  public record FindingRow(Finding finding) implements Row {}

  private final Editor editor;
  private final RunSession session;
  private final BorderPane view = new BorderPane();
  private final TreeView<Row> tree = new TreeView<>();
  private final Label summary = new Label();
  private final Label empty = new Label("No run yet: run the simulation to look for anomalies");
  private final ComboBox<String> kindFilter = new ComboBox<>();
  private final ComboBox<String> componentFilter = new ComboBox<>();
  private final VBox details = new VBox(6);
  private final ScrollPane detailsScroll = new ScrollPane(details);
  private final StackPane listStack = new StackPane();
  private Highlight applied;
  private boolean updating;

  public FindingsPanel(Editor editor) {
    this.editor = editor;
    this.session = editor.run();
    tree.setId("findings-list");
    tree.setShowRoot(false);
    tree.setRoot(new TreeItem<>());
    tree.setCellFactory(t -> new RowCell());
    summary.setId("findings-summary");
    summary.setStyle("-fx-font-weight: bold;");
    empty.setId("findings-empty");
    empty.setWrapText(true);
    empty.setStyle("-fx-opacity: 0.7;");
    kindFilter.setId("filter-kind");
    componentFilter.setId("filter-component");
    // the combo boxes name themselves ("All kinds", "All components"): no labels beside them, so
    // the counts keep their room in a narrow window
    kindFilter.setPrefWidth(210);
    componentFilter.setPrefWidth(180);
    kindFilter.setMinWidth(120);
    componentFilter.setMinWidth(110);
    kindFilter.setTooltip(new javafx.scene.control.Tooltip("Show findings of one kind"));
    componentFilter.setTooltip(
        new javafx.scene.control.Tooltip("Show findings involving one component"));
    kindFilter.setAccessibleText("Kind filter");
    componentFilter.setAccessibleText("Component filter");
    summary.setMinWidth(Region.USE_PREF_SIZE);
    kindFilter.valueProperty().addListener((o, a, b) -> refill());
    componentFilter.valueProperty().addListener((o, a, b) -> refill());

    details.setId("finding-details-box");
    details.setPadding(new Insets(8));
    detailsScroll.setId("finding-details");
    detailsScroll.setFitToWidth(true);
    showDetails(null);

    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Label stale = new Label("out of date: the design changed since this run");
    stale.setId("findings-stale");
    stale.setStyle("-fx-text-fill: #9a6700;");
    stale.visibleProperty().bind(session.staleProperty());
    stale.managedProperty().bind(stale.visibleProperty());
    stale.setMinWidth(0);
    HBox top = new HBox(8, summary, stale, spacer, kindFilter, componentFilter);
    top.setAlignment(Pos.CENTER_LEFT);
    top.setPadding(new Insets(4, 8, 4, 8));

    listStack.getChildren().addAll(tree, empty);
    StackPane.setAlignment(empty, Pos.CENTER);
    SplitPane split = new SplitPane(listStack, detailsScroll);
    split.setDividerPositions(0.55);
    view.setTop(top);
    view.setCenter(split);
    view.setId("findings-panel");

    // clicking the selected finding again jumps back to it (after the cursor moved on)
    tree.setOnMouseClicked(
        e -> {
          TreeItem<Row> item = tree.getSelectionModel().getSelectedItem();
          if (item != null && item.getValue() instanceof FindingRow) {
            selected(item.getValue());
          }
        });
    tree.getSelectionModel()
        .selectedItemProperty()
        .addListener((o, before, item) -> selected(item == null ? null : item.getValue()));
    session.resultProperty().addListener((o, before, after) -> resultChanged(after));
    resultChanged(session.result());
  }

  public Node view() {
    return view;
  }

  /** The groups and findings listed (after the filters), for tests and keyboard users. */
  public TreeView<Row> tree() {
    return tree;
  }

  public ComboBox<String> kindFilter() {
    return kindFilter;
  }

  public ComboBox<String> componentFilter() {
    return componentFilter;
  }

  /** The text of the details pane (the selected finding's explanation and fix). */
  public String detailsText() {
    StringBuilder b = new StringBuilder();
    for (Node n : details.getChildren()) {
      if (n instanceof Label l) {
        b.append(l.getText()).append('\n');
      }
    }
    return b.toString();
  }

  /** Selects the first listed finding of {@code kind}; false when none is listed. */
  public boolean selectFirst(AnomalyKind kind) {
    for (TreeItem<Row> group : tree.getRoot().getChildren()) {
      if (group.getValue() instanceof KindRow k && k.kind() == kind) {
        if (group.getChildren().isEmpty()) {
          return false;
        }
        group.setExpanded(true);
        tree.getSelectionModel().select(group.getChildren().get(0));
        return true;
      }
    }
    return false;
  }

  private void resultChanged(SimulationResult result) {
    updating = true;
    try {
      List<String> kinds = new ArrayList<>();
      kinds.add(ALL_KINDS);
      Set<String> comps = new TreeSet<>();
      if (result != null) {
        Findings f = result.findings();
        for (AnomalyKind k : ORDER) {
          if (f.count(k) > 0) {
            kinds.add(k.name());
          }
        }
        for (Finding x : f.all()) {
          comps.addAll(FindingFocus.componentIds(result.pipeline(), x));
        }
      }
      List<String> compItems = new ArrayList<>();
      compItems.add(ALL_COMPONENTS);
      if (result != null) {
        // dataflow-ish order: the spec's order
        for (Component c : result.pipeline().components()) {
          if (comps.contains(c.id())) {
            compItems.add(c.id());
          }
        }
      }
      kindFilter.getItems().setAll(kinds);
      kindFilter.setValue(ALL_KINDS);
      componentFilter.getItems().setAll(compItems);
      componentFilter.setValue(ALL_COMPONENTS);
    } finally {
      updating = false;
    }
    if (applied != null && applied.equals(session.highlightProperty().get())) {
      session.highlightProperty().set(Highlight.NONE);
    }
    applied = null;
    session.selectedFindingProperty().set(null);
    refill();
  }

  private void refill() {
    if (updating) {
      return;
    }
    SimulationResult result = session.result();
    TreeItem<Row> root = new TreeItem<>();
    long integrity = 0;
    long timeliness = 0;
    if (result != null) {
      Findings f = result.findings();
      String kindSel = kindFilter.getValue();
      String compSel = componentFilter.getValue();
      boolean compFilter = compSel != null && !ALL_COMPONENTS.equals(compSel);
      for (AnomalyKind k : ORDER) {
        long count = f.count(k);
        if (k.isIntegrity()) {
          integrity += count;
        } else {
          timeliness += count;
        }
        if (count == 0
            || (kindSel != null && !ALL_KINDS.equals(kindSel) && !kindSel.equals(k.name()))) {
          continue;
        }
        List<TreeItem<Row>> children = new ArrayList<>();
        List<Finding> sorted = new ArrayList<>(f.of(k));
        sorted.sort(java.util.Comparator.comparingLong(Finding::atMicros));
        for (Finding x : sorted) {
          if (!compFilter || x.components().contains(compSel)) {
            children.add(new TreeItem<>(new FindingRow(x)));
          }
        }
        if (compFilter && children.isEmpty()) {
          continue;
        }
        TreeItem<Row> group = new TreeItem<>(new KindRow(k, count, children.size()));
        group.getChildren().setAll(children);
        root.getChildren().add(group);
      }
    }
    if (root.getChildren().size() == 1) {
      root.getChildren().get(0).setExpanded(true);
    }
    tree.setRoot(root);
    summary.setText(
        result == null ? "" : "Integrity: " + integrity + " · Timeliness: " + timeliness);
    if (result == null) {
      empty.setText("No run yet: run the simulation to look for anomalies");
    } else if (integrity + timeliness == 0) {
      empty.setText("No anomalies found in this run");
    } else if (root.getChildren().isEmpty()) {
      empty.setText("No finding matches the filters");
    }
    boolean none = root.getChildren().isEmpty();
    empty.setVisible(none);
    tree.setVisible(!none);
  }

  private void selected(Row row) {
    if (!(row instanceof FindingRow fr)) {
      showDetails(row instanceof KindRow k ? k.kind() : null);
      return;
    }
    Finding f = fr.finding();
    SimulationResult result = session.result();
    showFinding(f);
    if (!f.keys().isEmpty()) {
      session.selectedKeyProperty().set(f.keys().get(0));
    }
    session.timeMicrosProperty().set(f.atMicros());
    session.selectedFindingProperty().set(f);
    List<String> ids = new ArrayList<>();
    var doc = editor.document().pipeline();
    for (String id : FindingFocus.componentIds(result.pipeline(), f)) {
      if (doc.component(id).isPresent()) {
        ids.add(id);
      }
    }
    editor.selection().selectComponents(new LinkedHashSet<>(ids));
    if (result.trace().retainedCount() <= Background.syncSteps) {
      applied = FindingFocus.of(result, f);
      session.highlightProperty().set(applied);
      return;
    }
    // a long trace: highlight the components now, the causal path once it is read
    Highlight first = FindingFocus.of(result, f, List.of());
    applied = first;
    session.highlightProperty().set(first);
    Background.run(
        "flowsim-finding-path",
        () -> FindingFocus.of(result, f),
        full -> {
          if (applied == first && session.highlightProperty().get() == first) {
            applied = full;
            session.highlightProperty().set(full);
          }
        });
  }

  private void showDetails(AnomalyKind kind) {
    details.getChildren().clear();
    if (kind == null) {
      details.getChildren().add(muted("Select a finding to see what happened and how to fix it."));
      return;
    }
    details.getChildren().add(title(kind));
    details.getChildren().add(wrapped(capitalised(kind.meaning()) + "."));
    details.getChildren().add(wrapped("Usual fix: " + kind.usualFix() + "."));
  }

  private void showFinding(Finding f) {
    details.getChildren().clear();
    details.getChildren().add(title(f.kind()));
    String when = "At " + Format.seconds(f.atMicros());
    if (f.durationMicros() > 0) {
      when += ", for " + Format.duration(f.durationMicros());
    }
    details.getChildren().add(wrapped(when));
    details.getChildren().add(wrapped("Components: " + String.join(", ", f.components())));
    if (!f.keys().isEmpty()) {
      details.getChildren().add(wrapped("Keys: " + String.join(", ", f.keys())));
    }
    if (!f.events().isEmpty()) {
      details.getChildren().add(wrapped("Witness events: " + String.join(", ", f.events())));
    }
    Label what = wrapped(f.explanation());
    what.setStyle("-fx-padding: 4 0 0 0;");
    details.getChildren().add(what);
    Label fix = wrapped("Fix: " + f.fix());
    fix.setStyle("-fx-font-weight: bold; -fx-padding: 4 0 0 0;");
    details.getChildren().add(fix);
  }

  private static Label title(AnomalyKind kind) {
    Label l = new Label(kind.name() + " — " + kind.category());
    l.setGraphic(chip(kind));
    l.setStyle("-fx-font-weight: bold; -fx-font-size: 1.1em;");
    return l;
  }

  private static Label wrapped(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMaxWidth(Double.MAX_VALUE);
    l.setMinHeight(Region.USE_PREF_SIZE);
    return l;
  }

  private static Label muted(String text) {
    Label l = wrapped(text);
    l.setStyle("-fx-opacity: 0.7;");
    return l;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static Circle chip(AnomalyKind kind) {
    Circle c = new Circle(5, kind.isIntegrity() ? INTEGRITY : TIMELINESS);
    c.getStyleClass().add(kind.isIntegrity() ? "integrity" : "timeliness");
    return c;
  }

  private static final class RowCell extends TreeCell<Row> {
    @Override
    protected void updateItem(Row item, boolean emptyCell) {
      super.updateItem(item, emptyCell);
      if (emptyCell || item == null) {
        setText(null);
        setGraphic(null);
        setStyle("");
        return;
      }
      if (item instanceof KindRow k) {
        String text = k.kind().name() + "  " + k.count() + "  (" + k.kind().category() + ")";
        if (k.shown() < k.count()) {
          text += " — " + k.shown() + " listed";
        }
        setText(text);
        setGraphic(chip(k.kind()));
        setStyle("-fx-font-weight: bold;");
      } else if (item instanceof FindingRow fr) {
        Finding f = fr.finding();
        StringBuilder b = new StringBuilder(Format.seconds(f.atMicros()));
        b.append("   ").append(String.join(", ", f.components()));
        if (!f.keys().isEmpty()) {
          b.append("   key ").append(String.join(", ", f.keys()));
        }
        setText(b.toString());
        setGraphic(null);
        setStyle("");
      }
    }
  }
}
