package dev.flowsim.app.gui.props;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.icons.KindIcon;
import dev.flowsim.model.Cache;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Database;
import dev.flowsim.model.MaterializedView;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Reader;
import dev.flowsim.model.SearchIndex;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.model.Warehouse;
import dev.flowsim.model.check.Diagnostic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.collections.SetChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Accordion;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The property sheet of the selection: every property of a selected component's record, grouped by
 * category with editors that fit each type; a connection's latency, loss, duplication, order and
 * consumer settings; the pipeline's settings and a summary when nothing is selected; the fields
 * several components of one kind share when several are selected. A change is one undoable edit of
 * the document; an invalid value is explained under its field and not applied.
 *
 * <p>The sheet is rebuilt only when what it shows changes shape (another selection, another
 * operator type); when only values change (an edit, undo, redo) its editors are refreshed in place,
 * so the field being edited keeps its focus.
 */
public final class PropertiesPanel {

  private final Editor editor;
  private final VBox root = new VBox();
  private final PropertySheet sheet = new PropertySheet();
  private final Label title = new Label();
  private final Label subtitle = new Label();
  private final HBox header = new HBox(10);
  private final List<FieldEditor> editors = new ArrayList<>();
  private List<String> shape = List.of();

  /** True while the sheet's items are being replaced: editors losing focus must not commit. */
  private boolean rebuilding;

  private static final Comparator<String> COMPONENT_ORDER =
      Comparator.comparingInt(Fields::categoryOrder);
  private static final Comparator<String> CONNECTION_ORDER =
      Comparator.comparingInt(Fields::connectionCategoryOrder);
  private Comparator<String> order = COMPONENT_ORDER;
  private final VBox problems = new VBox(4);

  /** What the diagnostics of the current selection are filtered by. */
  private java.util.function.Predicate<Diagnostic> concerns = d -> false;

  /** The category the user last opened, reopened when the sheet is rebuilt and has it. */
  private String openCategory;

  public PropertiesPanel(Editor editor) {
    this.editor = editor;
    root.setId("properties");
    root.getStyleClass().add("properties-panel");
    root.getStylesheets().add(PropertiesPanel.class.getResource("props.css").toExternalForm());

    title.setId("properties-title");
    title.getStyleClass().add("properties-title");
    subtitle.setId("properties-subtitle");
    subtitle.getStyleClass().add("properties-subtitle");
    // a long pipeline name is cut with an ellipsis; the tooltip shows all of it
    javafx.scene.control.Tooltip full = new javafx.scene.control.Tooltip();
    full.textProperty().bind(title.textProperty());
    title.setTooltip(full);
    VBox titles = new VBox(1, title, subtitle);
    header.getStyleClass().add("properties-header");
    header.setAlignment(Pos.CENTER_LEFT);
    header.getChildren().add(titles);

    sheet.setId("property-sheet");
    sheet.setMode(PropertySheet.Mode.CATEGORY);
    sheet.setModeSwitcherVisible(false);
    sheet.setSearchBoxVisible(false);
    sheet.setCategoryComparator(order);
    sheet.setPropertyEditorFactory(
        item -> {
          FieldEditor e = FieldEditor.create((FieldItem<?>) item, () -> rebuilding);
          editors.add(e);
          return e;
        });
    VBox.setVgrow(sheet, Priority.ALWAYS);

    problems.setId("properties-problems");
    problems.getStyleClass().add("properties-problems");

    root.getChildren().addAll(header, problems, sheet);

    editor.selection().components().addListener((SetChangeListener<String>) c -> moveOn());
    editor.selection().links().addListener((SetChangeListener<Link>) c -> moveOn());
    editor.document().pipelineProperty().addListener((obs, before, after) -> update());
    editor
        .diagnosticsProperty()
        .addListener(
            (obs, before, after) -> {
              refreshValues();
              showProblems();
            });
    sheet
        .skinProperty()
        .addListener((obs, before, after) -> javafx.application.Platform.runLater(this::reopen));
    update();
  }

  public Node view() {
    return root;
  }

  /** The sheet's current rows (for tests and for the shell's status). */
  List<PropertySheet.Item> items() {
    return List.copyOf(sheet.getItems());
  }

  // ---------------------------------------------------------------- building

  private void update() {
    Pipeline p = editor.document().pipeline();
    List<FieldItem<?>> items = new ArrayList<>();
    updateHeader(p, items);
    showProblems();
    List<String> newShape = items.stream().map(FieldItem::signature).toList();
    if (newShape.equals(shape)) {
      refreshValues();
      return;
    }
    rebuilding = true;
    try {
      editors.clear();
      shape = newShape;
      Comparator<String> wanted =
          !editor.selection().links().isEmpty() && editor.selection().components().isEmpty()
              ? CONNECTION_ORDER
              : COMPONENT_ORDER;
      if (wanted != order) {
        order = wanted;
        sheet.setCategoryComparator(order);
      }
      sheet.getItems().setAll(items);
    } finally {
      rebuilding = false;
    }
    reopen();
  }

  /**
   * The selection changed: a value typed but not yet confirmed goes to the element it was typed for
   * (as when focus leaves the field), then the sheet shows the new selection.
   */
  private void moveOn() {
    for (FieldEditor e : List.copyOf(editors)) {
      e.flush();
    }
    update();
  }

  private void refreshValues() {
    for (FieldEditor e : List.copyOf(editors)) {
      e.refresh();
    }
  }

  /** Fills {@code items} for the selection and sets the header to match. */
  private void updateHeader(Pipeline p, List<FieldItem<?>> items) {
    Set<String> ids = new TreeSet<>(editor.selection().components());
    Set<Link> links = Set.copyOf(editor.selection().links());
    List<Component> selected = p.components().stream().filter(c -> ids.contains(c.id())).toList();
    List<Connection> connections =
        p.connections().stream().filter(c -> links.contains(Link.of(c))).toList();
    header.getChildren().removeIf(n -> n instanceof FontIcon);
    concerns = d -> d.components().stream().anyMatch(ids::contains);
    if (!selected.isEmpty() && connections.isEmpty()) {
      componentItems(p, selected, items);
      ComponentKind kind = selected.get(0).kind();
      boolean oneKind = selected.stream().allMatch(c -> c.kind() == kind);
      if (selected.size() == 1) {
        title.setText(selected.get(0).id());
        subtitle.setText(
            KindIcon.forType(kind.typeName()).map(KindIcon::label).orElse(kind.typeName()));
      } else {
        title.setText(
            selected.size()
                + " "
                + (oneKind ? Fields.plural(kind.typeName(), selected.size()) : "components"));
        subtitle.setText(
            oneKind
                ? "Editing the settings they share"
                : Fields.countByKind(selected).replaceFirst("^\\d+ \\((.*)\\)$", "$1"));
      }
      if (oneKind) {
        KindIcon.forType(kind.typeName())
            .ifPresent(i -> header.getChildren().add(0, icon(i.literal())));
      } else {
        header.getChildren().add(0, icon("mdi2s-selection-multiple"));
      }
    } else if (!connections.isEmpty() && selected.isEmpty()) {
      List<Target<Connection>> targets =
          connections.stream()
              .map(c -> (Target<Connection>) new Target.LinkTarget(Link.of(c)))
              .toList();
      for (Field<Connection> f : Fields.connection(connections, p)) {
        items.add(new FieldItem<>(f, targets, editor.document()));
      }
      List<String> paths =
          connections.stream().map(c -> "connections[" + p.connections().indexOf(c) + "]").toList();
      concerns =
          d -> paths.stream().anyMatch(x -> d.path().equals(x) || d.path().startsWith(x + "."));
      if (connections.size() == 1) {
        Connection c = connections.get(0);
        title.setText(c.from() + " → " + c.to());
        subtitle.setText("Connection");
        Set<String> ends = Set.of(c.from(), c.to());
        for (Field<Connection> f : Fields.<Connection>faults(p, ends)) {
          if (f.name().equals("Network partition")) {
            items.add(new FieldItem<>(f, targets, editor.document()));
          }
        }
      } else {
        title.setText(connections.size() + " connections");
        subtitle.setText("Editing the settings they share");
      }
      header.getChildren().add(0, icon("mdi2a-arrow-right-thin"));
    } else if (selected.isEmpty()) {
      List<Target<Pipeline>> targets = List.of(new Target.Settings());
      List<Field<Pipeline>> fields = new ArrayList<>(Fields.settings(this::problemCount));
      fields.addAll(Fields.faults(p, null));
      fields.addAll(Fields.constraints(p, null));
      for (Field<Pipeline> f : fields) {
        items.add(new FieldItem<>(f, targets, editor.document()));
      }
      title.setText(p.name().isBlank() ? "Pipeline" : p.name());
      subtitle.setText("Pipeline settings");
      header.getChildren().add(0, icon("mdi2s-sitemap-outline"));
    } else {
      title.setText((selected.size() + connections.size()) + " elements");
      subtitle.setText(
          Fields.countByKind(selected).replaceFirst("^\\d+ \\((.*)\\)$", "$1")
              + " and "
              + connections.size()
              + (connections.size() == 1 ? " connection" : " connections"));
      header.getChildren().add(0, icon("mdi2s-selection-multiple"));
    }
  }

  /** The errors and warnings about the selection, under the header (at most three). */
  private void showProblems() {
    List<Diagnostic> mine =
        DiagnosticsPanel.ordered(editor.diagnostics()).stream().filter(concerns).toList();
    problems.getChildren().clear();
    for (Diagnostic d : mine.subList(0, Math.min(3, mine.size()))) {
      FontIcon i = new FontIcon(d.isError() ? "mdi2a-alert-circle" : "mdi2a-alert");
      i.getStyleClass().add(d.isError() ? "problem-error" : "problem-warning");
      Label l = new Label(d.message(), i);
      l.setWrapText(true);
      l.setMinHeight(Region.USE_PREF_SIZE);
      l.getStyleClass().add("properties-problem");
      l.setTooltip(new javafx.scene.control.Tooltip(d.format()));
      problems.getChildren().add(l);
    }
    if (mine.size() > 3) {
      Label more = new Label("and " + (mine.size() - 3) + " more in Diagnostics");
      more.getStyleClass().add("properties-problem-more");
      problems.getChildren().add(more);
    }
    problems.setVisible(!mine.isEmpty());
    problems.setManaged(!mine.isEmpty());
  }

  private static FontIcon icon(String literal) {
    FontIcon i = new FontIcon(literal);
    i.getStyleClass().add("properties-icon");
    return i;
  }

  private String problemCount() {
    return DiagnosticsPanel.summary(editor.diagnostics());
  }

  /** Items for one or more components; shared fields only when they are of one kind. */
  private void componentItems(Pipeline p, List<Component> selected, List<FieldItem<?>> items) {
    ComponentKind kind = selected.get(0).kind();
    if (selected.stream().anyMatch(c -> c.kind() != kind)) {
      List<Target<Pipeline>> none = List.of(new Target.Settings());
      items.add(
          new FieldItem<>(
              Field.readOnly(
                  "summary.selection",
                  "Selected",
                  "Summary",
                  "Components of different kinds share no settings",
                  // read the selection when shown: the sheet keeps this row (same shape) when
                  // the selection changes between mixed-kind sets
                  x ->
                      Fields.countByKind(
                          editor.document().pipeline().components().stream()
                              .filter(c -> editor.selection().components().contains(c.id()))
                              .toList())),
              none,
              editor.document()));
      return;
    }
    List<String> ids = selected.stream().map(Component::id).toList();
    switch (kind) {
      case PRODUCER -> add(items, Producer.class, ids, ps -> Fields.producer(ps, p), p);
      case TOPIC -> add(items, Topic.class, ids, Fields::topic, p);
      case QUEUE -> add(items, Queue.class, ids, Fields::queue, p);
      case PROCESSOR -> add(items, Processor.class, ids, ps -> Fields.processor(ps, p), p);
      case SERVICE -> add(items, Service.class, ids, Fields::service, p);
      case DATABASE -> add(items, Database.class, ids, Fields::database, p);
      case SEARCH_INDEX ->
          add(items, SearchIndex.class, ids, x -> Fields.derived(ComponentKind.SEARCH_INDEX), p);
      case CACHE -> add(items, Cache.class, ids, x -> Fields.derived(ComponentKind.CACHE), p);
      case WAREHOUSE ->
          add(items, Warehouse.class, ids, x -> Fields.derived(ComponentKind.WAREHOUSE), p);
      case MATERIALIZED_VIEW ->
          add(
              items,
              MaterializedView.class,
              ids,
              x -> Fields.derived(ComponentKind.MATERIALIZED_VIEW),
              p);
      case READER -> add(items, Reader.class, ids, rs -> Fields.reader(rs, p), p);
      default -> throw new IllegalStateException(kind.toString());
    }
  }

  private <C extends Component> void add(
      List<FieldItem<?>> items,
      Class<C> type,
      List<String> ids,
      Function<List<C>, List<Field<C>>> fields,
      Pipeline p) {
    List<C> elements =
        ids.stream()
            .map(id -> p.component(id).map(type::cast).orElse(null))
            .filter(Objects::nonNull)
            .toList();
    List<Target<C>> targets =
        ids.stream().map(id -> (Target<C>) new Target.ComponentTarget<>(id, type)).toList();
    List<Field<C>> all = new ArrayList<>(fields.apply(elements));
    if (ids.size() > 1) {
      // the id is not shared; the kind is in the header
      all.removeIf(f -> f.key().equals("id"));
    }
    all.addAll(Fields.faults(p, ids));
    all.addAll(Fields.constraints(p, ids));
    for (Field<C> f : all) {
      items.add(new FieldItem<>(f, targets, editor.document()));
    }
  }

  // ---------------------------------------------------------------- open category

  private Accordion accordion() {
    // the skin puts the accordion in a scroll pane whose own skin may not exist yet
    Node n = sheet.lookup(".scroll-pane");
    if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() instanceof Accordion a) {
      return a;
    }
    n = sheet.lookup(".accordion");
    return n instanceof Accordion a ? a : null;
  }

  /** Opens the category the user had open, when the new sheet has it. */
  private void reopen() {
    Accordion a = accordion();
    if (a == null) {
      return;
    }
    TitledPane open = null;
    for (TitledPane t : a.getPanes()) {
      // no slide: a field must be where it is drawn as soon as its group opens
      t.setAnimated(false);
      if (t.getText().equals(openCategory)) {
        open = t;
      }
    }
    if (open == null) {
      // the first group with something to edit; a component's or connection's general group
      // (id, type, broker) only when there is nothing else
      boolean settings = editor.selection().isEmpty();
      String first =
          sheet.getItems().stream()
              .filter(i -> ((FieldItem<?>) i).field().editable())
              .map(PropertySheet.Item::getCategory)
              .min(
                  Comparator.comparing((String c) -> !settings && c.equals("General"))
                      .thenComparing(order))
              .orElse(null);
      for (TitledPane t : a.getPanes()) {
        if (t.getText().equals(first)) {
          open = t;
        }
      }
    }
    rebuilding = true;
    try {
      if (open != null) {
        open.setExpanded(true);
        a.setExpandedPane(open);
      }
    } finally {
      rebuilding = false;
    }
    for (TitledPane t : a.getPanes()) {
      if (t.getId() != null) {
        continue;
      }
      t.setId("category-" + t.getText().toLowerCase(java.util.Locale.ROOT));
      t.expandedProperty()
          .addListener(
              (obs, was, now) -> {
                if (now && !rebuilding) {
                  openCategory = t.getText();
                }
              });
    }
  }

  /** Opens a category by name (a test or the shell may show a field this way). */
  void openCategory(String category) {
    openCategory = category;
    reopen();
  }
}
