package dev.flowsim.app.gui.canvas;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.canvas.CanvasColors.Role;
import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.app.gui.doc.Selection;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.app.gui.edit.AddComponent;
import dev.flowsim.app.gui.edit.Connect;
import dev.flowsim.app.gui.edit.MoveComponents;
import dev.flowsim.app.gui.sim.Highlight;
import dev.flowsim.layouts.LayeredFallbackLayout;
import dev.flowsim.layouts.LayoutSpacing;
import dev.flowsim.layouts.PipelineLayout;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.check.Diagnostic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.SetChangeListener;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The editor canvas of a pipeline. Layers, bottom to top: the grid (a {@code Canvas} painted only
 * for the visible area), the connections and the components (scene-graph nodes in one group that
 * pan/zoom transforms move as a whole), one overlay {@code Canvas} for {@link CanvasOverlay}s and
 * the run's {@link Highlight}, then the view controls and the minimap.
 *
 * <p>It observes the document's pipeline and the selection, and changes the design only through
 * {@code Document.execute}: a drag moves the boxes live and writes the model once, on release.
 * Components without a saved position are shown where {@link PipelineLayout#complete} places them;
 * the spec is not changed until the user moves something (then the shown positions are pinned) or
 * arranges ({@link CanvasActions#arrange}). The view fits the design when it is first shown and
 * whenever another file or a design into an empty document is loaded ({@link #fitWhenShown()}).
 */
public final class DesignCanvas {
  /** The grid step, in world units; snapping rounds positions to it. */
  public static final double GRID = 20;

  private static final double DRAG_THRESHOLD = 3;

  /** Above this many unplaced components, opening places them with the fast layered layout. */
  static final int ELK_LIMIT = 80;

  /** Below this zoom, boxes are drawn without their texts (too small to read). */
  private static final double DETAIL_ZOOM = 0.45;

  private boolean detail = true;

  private final Editor editor;
  private final CanvasPane root = new CanvasPane();
  private final Canvas grid = new Canvas();
  private final Canvas overlay = new Canvas();
  private final Group world = new Group();
  private final Group linkLayer = new Group();
  private final Group nodeLayer = new Group();
  private final Group previewLayer = new Group();
  private final Path connectPreview = new Path();
  private final MoveTo previewStart = new MoveTo();
  private final CubicCurveTo previewCurve = new CubicCurveTo();
  private final Rectangle rubberBand = new Rectangle();
  private final Label refusal = new Label();
  private final PauseTransition refusalTimer = new PauseTransition(Duration.seconds(6));
  private final TextField renameField = new TextField();
  private final Label highlightLabel = new Label();
  private final VBox emptyHint;
  private final ViewTransform view;
  private final CanvasColors colors;
  private final Minimap minimap;
  private final ViewBar viewBar;
  private final CanvasCommands commands;
  private final CanvasMenus menus;
  private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid", true);
  private final BooleanProperty minimapVisible =
      new SimpleBooleanProperty(this, "minimapVisible", true);
  // false while the canvas is too small for the minimap beside the view bar (it would cover them
  // and most of the design)
  private final BooleanProperty minimapRoom = new SimpleBooleanProperty(this, "minimapRoom", true);

  private final Map<String, NodeSkin> nodes = new LinkedHashMap<>();
  private final Map<Link, LinkSkin> links = new LinkedHashMap<>();
  private final Map<String, List<LinkSkin>> linksOf = new HashMap<>();
  private Map<String, Position> shown = Map.of();
  private final List<CanvasOverlay> overlays = new ArrayList<>();
  private final Set<String> highlightedNodes = new HashSet<>();
  private final Set<Link> highlightedLinks = new HashSet<>();
  private final Set<String> erroneous = new HashSet<>();

  private boolean gridDirty = true;
  private boolean overlayDirty = true;
  private boolean viewportDirty = true;
  private boolean designDirty = true;
  private boolean pendingFit = true;
  private long repaints;
  private final AnimationTimer repaint =
      new AnimationTimer() {
        @Override
        public void handle(long now) {
          stop();
          paintNow();
        }
      };

  // gesture state
  private enum Gesture {
    NONE,
    PAN,
    MOVE,
    CONNECT,
    RUBBER
  }

  private Gesture gesture = Gesture.NONE;
  private double pressX;
  private double pressY;
  private double lastX;
  private double lastY;
  private boolean dragged;
  private boolean spaceDown;
  private Hit pressHit = Hit.EMPTY;
  private final Map<String, Position> dragOrigins = new LinkedHashMap<>();
  private String dragLead;
  private String connectSource;
  private NodeSkin connectTarget;
  private Set<String> rubberBase = Set.of();
  private String renaming;
  private NodeSkin dropGhost;

  /** What the pointer is on. */
  record Hit(NodeSkin node, boolean outPort, LinkSkin link, boolean ui) {
    static final Hit EMPTY = new Hit(null, false, null, false);
    static final Hit UI = new Hit(null, false, null, true);

    boolean empty() {
      return node == null && link == null && !ui;
    }
  }

  public DesignCanvas(Editor editor) {
    this.editor = editor;
    view = new ViewTransform(this::viewChanged);
    root.setId("design-canvas");
    root.getStyleClass().add(CanvasStyle.CANVAS);
    root.getStylesheets().add(CanvasStyle.STYLESHEET);
    root.setFocusTraversable(true);
    root.setMinSize(0, 0);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(root.widthProperty());
    clip.heightProperty().bind(root.heightProperty());
    root.setClip(clip);

    grid.setMouseTransparent(true);
    grid.setManaged(false);
    overlay.setMouseTransparent(true);
    overlay.setManaged(false);
    overlay.setId("canvas-overlay");
    linkLayer.setPickOnBounds(false);
    nodeLayer.setPickOnBounds(false);
    previewLayer.setMouseTransparent(true);
    connectPreview.getElements().addAll(previewStart, previewCurve);
    connectPreview.getStyleClass().add(CanvasStyle.LINK_PREVIEW);
    connectPreview.setVisible(false);
    previewLayer.getChildren().add(connectPreview);
    world.getChildren().addAll(linkLayer, nodeLayer, previewLayer);
    world.getTransforms().setAll(view.translate, view.scale);
    world.setManaged(false);
    world.setPickOnBounds(false);

    rubberBand.getStyleClass().add(CanvasStyle.RUBBER_BAND);
    rubberBand.setManaged(false);
    rubberBand.setMouseTransparent(true);
    rubberBand.setVisible(false);

    refusal.setId("connect-refusal");
    refusal.getStyleClass().add(CanvasStyle.REFUSAL);
    refusal.setGraphic(new FontIcon("mdi2c-cancel"));
    refusal.setWrapText(true);
    refusal.setMaxWidth(340);
    refusal.setManaged(false);
    refusal.setMouseTransparent(true);
    refusal.setVisible(false);
    refusalTimer.setOnFinished(e -> refusal.setVisible(false));

    renameField.setId("rename-field");
    renameField.getStyleClass().add(CanvasStyle.RENAME_FIELD);
    renameField.setManaged(false);
    renameField.setVisible(false);

    highlightLabel.setId("highlight-label");
    highlightLabel.getStyleClass().add(CanvasStyle.HIGHLIGHT_LABEL);
    highlightLabel.setGraphic(new FontIcon("mdi2t-target"));
    highlightLabel.setManaged(false);
    highlightLabel.setMouseTransparent(true);
    highlightLabel.setVisible(false);

    FontIcon hintIcon = new FontIcon("mdi2g-gesture-tap-hold");
    Label hintTitle = new Label("Start your dataflow");
    hintTitle.getStyleClass().add("title");
    Label hintText =
        new Label(
            "Drag a component from the palette onto the canvas,\n"
                + "or double-click one to add it here. Then drag from a\n"
                + "component's right port to another to connect them.");
    hintText.setTextAlignment(TextAlignment.CENTER);
    emptyHint = new VBox(8, hintIcon, hintTitle, hintText);
    emptyHint.setId("empty-hint");
    emptyHint.getStyleClass().add(CanvasStyle.EMPTY_HINT);
    emptyHint.setAlignment(Pos.CENTER);
    emptyHint.setManaged(false);
    emptyHint.setMouseTransparent(true);

    colors = new CanvasColors(root);
    minimap = new Minimap(this);
    minimap.setManaged(false);
    minimap.visibleProperty().bind(minimapVisible.and(minimapRoom));
    commands = new CanvasCommands(this);
    menus = new CanvasMenus(this);
    viewBar = new ViewBar(this);
    viewBar.setManaged(false);

    root.getChildren()
        .addAll(
            grid,
            world,
            overlay,
            rubberBand,
            emptyHint,
            highlightLabel,
            minimap,
            viewBar,
            refusal,
            renameField);

    installGestures();
    installKeys();
    installRename();

    editor.document().pipelineProperty().addListener((o, before, after) -> sync(before, after));
    editor.document().fileProperty().addListener((o, a, b) -> fitWhenShown());
    editor
        .selection()
        .components()
        .addListener((SetChangeListener<String>) c -> selectionChanged());
    editor.selection().links().addListener((SetChangeListener<Link>) c -> selectionChanged());
    editor.run().highlightProperty().addListener((o, a, b) -> highlightChanged(b));
    editor.diagnosticsProperty().addListener((o, a, b) -> diagnosticsChanged(b));
    snapToGrid.addListener(
        (o, a, b) -> editor.statusProperty().set(b ? "Snap to grid on" : "Snap to grid off"));
    minimapVisible.addListener((o, a, b) -> requestRepaint());
    root.sceneProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null) {
                designDirty = true;
                requestRepaint();
              }
            });
    sync(null, editor.document().pipeline());
    diagnosticsChanged(editor.diagnostics());
    highlightChanged(editor.run().highlightProperty().get());
  }

  // ---------------------------------------------------------------- public API

  public Node view() {
    return root;
  }

  public Editor editor() {
    return editor;
  }

  public CanvasActions actions() {
    return commands;
  }

  public void addOverlay(CanvasOverlay o) {
    overlays.add(o);
    requestOverlayRepaint();
  }

  public void removeOverlay(CanvasOverlay o) {
    overlays.remove(o);
    requestOverlayRepaint();
  }

  /** Asks for the overlay to be repainted; several requests in one pulse paint once. */
  public void requestOverlayRepaint() {
    overlayDirty = true;
    repaint.start();
  }

  public DesignGeometry geometry() {
    return geometry;
  }

  /** Snap moved and added components to the {@link #GRID} (on by default). */
  public BooleanProperty snapToGridProperty() {
    return snapToGrid;
  }

  public BooleanProperty minimapVisibleProperty() {
    return minimapVisible;
  }

  /** The zoom factor (screen pixels per world unit); 1 is 100 %. */
  public ReadOnlyDoubleProperty zoomProperty() {
    return view.zoomProperty();
  }

  /** The world rectangle currently in view. */
  public Rectangle2D visibleWorld() {
    return view.visible(root.getWidth(), root.getHeight());
  }

  /** Where each component is drawn (saved positions, completed by the auto-layout). */
  public Map<String, Position> shownPositions() {
    return shown;
  }

  /** Fits the design into the view as soon as the canvas has a size (e.g. after opening a file). */
  public void fitWhenShown() {
    pendingFit = true;
    root.requestLayout();
  }

  /** Adds a component of {@code kind} at the centre of the view, as one undoable step. */
  public void addAtCentre(ComponentKind kind) {
    double w = root.getWidth() > 0 ? root.getWidth() : 800;
    double h = root.getHeight() > 0 ? root.getHeight() : 600;
    double wx = view.toWorldX(w / 2) - NodeSkin.WIDTH / 2;
    double wy = view.toWorldY(h / 2) - NodeSkin.HEIGHT / 2;
    // avoid stacking exactly on top of a box that is already there
    for (int i = 0; i < 50 && occupied(snap(wx), snap(wy)); i++) {
      wx += GRID * 2;
      wy += GRID * 2;
    }
    add(kind, snap(wx), snap(wy));
  }

  /** Pans the view by a screen distance (what dragging the background does). */
  public void panBy(double dx, double dy) {
    view.panBy(dx, dy);
  }

  /** Zooms by {@code factor} around a point of the canvas (what ctrl+wheel does). */
  public void zoomAt(double factor, double x, double y) {
    view.zoomAt(factor, x, y);
  }

  /** How many times grid/overlay/minimap were painted (for the designer benchmark). */
  public long repaintCount() {
    return repaints;
  }

  // ---------------------------------------------------------------- package API for helpers

  CanvasColors colors() {
    return colors;
  }

  ViewTransform transform() {
    return view;
  }

  CanvasMenus menus() {
    return menus;
  }

  Pane root() {
    return root;
  }

  void centreOn(double wx, double wy) {
    view.centreOn(wx, wy, view.zoom(), root.getWidth(), root.getHeight());
  }

  boolean execute(Edit edit) {
    try {
      if (editor.document().execute(edit)) {
        editor.statusProperty().set(edit.description());
        return true;
      }
      editor.statusProperty().set(edit.description() + ": nothing to change");
      return false;
    } catch (IllegalArgumentException e) {
      editor.statusProperty().set(edit.description() + " refused: " + e.getMessage());
      return false;
    }
  }

  void add(ComponentKind kind, double x, double y) {
    AddComponent add = AddComponent.of(editor.document().pipeline(), kind, new Position(x, y));
    if (execute(add)) {
      editor.selection().selectComponents(List.of(add.component().id()));
      root.requestFocus();
    }
  }

  double snap(double v) {
    return snapToGrid.get() ? Math.round(v / GRID) * GRID : Math.round(v);
  }

  private boolean occupied(double x, double y) {
    for (NodeSkin n : nodes.values()) {
      if (Math.abs(n.x - x) < 1 && Math.abs(n.y - y) < 1) {
        return true;
      }
    }
    return false;
  }

  /** The union of all component boxes, or null when there are none. */
  Rectangle2D designBounds() {
    if (nodes.isEmpty()) {
      return null;
    }
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (NodeSkin n : nodes.values()) {
      minX = Math.min(minX, n.x);
      minY = Math.min(minY, n.y);
      maxX = Math.max(maxX, n.x + NodeSkin.WIDTH);
      maxY = Math.max(maxY, n.y + NodeSkin.HEIGHT);
    }
    return new Rectangle2D(minX, minY, maxX - minX, maxY - minY);
  }

  interface BoxConsumer {
    void accept(double x, double y);
  }

  interface LineConsumer {
    void accept(double x0, double y0, double x1, double y1);
  }

  void forEachNodeBox(BoxConsumer c) {
    for (NodeSkin n : nodes.values()) {
      c.accept(n.x, n.y);
    }
  }

  void forEachSelectedBox(BoxConsumer c) {
    for (String id : editor.selection().components()) {
      NodeSkin n = nodes.get(id);
      if (n != null) {
        c.accept(n.x, n.y);
      }
    }
  }

  void forEachLinkEnds(LineConsumer c) {
    for (LinkSkin l : links.values()) {
      NodeSkin a = nodes.get(l.link.from());
      NodeSkin b = nodes.get(l.link.to());
      if (a != null && b != null) {
        c.accept(a.x + NodeSkin.WIDTH, a.y + NodeSkin.HEIGHT / 2, b.x, b.y + NodeSkin.HEIGHT / 2);
      }
    }
  }

  NodeSkin node(String id) {
    return nodes.get(id);
  }

  // ---------------------------------------------------------------- model → view

  private void sync(Pipeline before, Pipeline p) {
    cancelGesture();
    shown = completeLayout(p, before == null ? Map.of() : keptPositions(before, p));
    Set<String> ids = new HashSet<>();
    for (Component c : p.components()) {
      ids.add(c.id());
    }
    nodes
        .entrySet()
        .removeIf(
            e -> {
              if (!ids.contains(e.getKey())) {
                nodeLayer.getChildren().remove(e.getValue());
                return true;
              }
              return false;
            });
    List<Node> added = new ArrayList<>();
    for (Component c : p.components()) {
      NodeSkin skin = nodes.get(c.id());
      if (skin == null) {
        skin = new NodeSkin(c);
        skin.setDetail(detail);
        nodes.put(c.id(), skin);
        added.add(skin);
      } else {
        skin.update(c);
      }
      Position pos = shown.get(c.id());
      skin.place(pos.x(), pos.y());
    }
    nodeLayer.getChildren().addAll(added);

    Set<Link> present = new HashSet<>();
    for (Connection c : p.connections()) {
      present.add(Link.of(c));
    }
    links
        .entrySet()
        .removeIf(
            e -> {
              if (!present.contains(e.getKey())) {
                linkLayer.getChildren().remove(e.getValue());
                return true;
              }
              return false;
            });
    List<Node> addedLinks = new ArrayList<>();
    linksOf.clear();
    for (Connection c : p.connections()) {
      Link l = Link.of(c);
      LinkSkin skin = links.get(l);
      if (skin == null) {
        skin = new LinkSkin(l);
        links.put(l, skin);
        addedLinks.add(skin);
      }
      linksOf.computeIfAbsent(l.from(), k -> new ArrayList<>()).add(skin);
      linksOf.computeIfAbsent(l.to(), k -> new ArrayList<>()).add(skin);
      route(skin);
    }
    linkLayer.getChildren().addAll(addedLinks);
    emptyHint.setVisible(nodes.isEmpty());
    selectionChanged();
    applyHighlightStates();
    applyErrorStates();
    if ((before == null || before.components().isEmpty()) && !p.components().isEmpty()) {
      pendingFit = true;
      root.requestLayout();
    }
    designDirty = true;
    requestRepaint();
  }

  /**
   * The layout that places a design's unplaced components when it is shown: the standard (ELK)
   * layout, or for more than {@link #ELK_LIMIT} unplaced components the fast layered layout (ELK
   * takes seconds on hundreds of boxes; Arrange uses the standard one, off the FX thread when
   * large). Opening a file places unplaced components with this layout too.
   */
  public static PipelineLayout openingLayout(Pipeline p) {
    long unplaced = p.components().stream().filter(c -> !p.layout().containsKey(c.id())).count();
    return unplaced > ELK_LIMIT
        ? new LayeredFallbackLayout(LayoutSpacing.DEFAULT)
        : PipelineLayout.standard();
  }

  /** Shown positions of components that the change left as they were (same settings). */
  private Map<String, Position> keptPositions(Pipeline before, Pipeline after) {
    Map<String, Position> kept = new HashMap<>();
    for (Component c : after.components()) {
      Position was = shown.get(c.id());
      if (was != null && before.component(c.id()).map(c::equals).orElse(false)) {
        kept.put(c.id(), was);
      }
    }
    return kept;
  }

  /**
   * Where to show each component: its saved position, else where it was shown before (so that an
   * edit does not make unplaced boxes jump), else where the opening layout puts it.
   */
  private static Map<String, Position> completeLayout(
      Pipeline given, Map<String, Position> before) {
    boolean complete =
        given.components().stream().allMatch(c -> given.layout().containsKey(c.id()));
    if (complete) {
      return given.layout();
    }
    Map<String, Position> kept = new LinkedHashMap<>(given.layout());
    for (Component c : given.components()) {
      Position was = before.get(c.id());
      if (was != null) {
        kept.putIfAbsent(c.id(), was);
      }
    }
    Pipeline p = given.withLayout(kept);
    if (p.components().stream().allMatch(c -> kept.containsKey(c.id()))) {
      return p.layout();
    }
    try {
      return openingLayout(p).complete(p).layout();
    } catch (RuntimeException e) {
      // the layout must never keep a design from showing: fall back to a plain grid
      Map<String, Position> m = new LinkedHashMap<>(p.layout());
      int i = 0;
      for (Component c : p.components()) {
        if (!m.containsKey(c.id())) {
          m.put(c.id(), new Position(40 + (i % 6) * 220, 40 + (i / 6) * 100));
          i++;
        }
      }
      return m;
    }
  }

  private void route(LinkSkin skin) {
    NodeSkin a = nodes.get(skin.link.from());
    NodeSkin b = nodes.get(skin.link.to());
    if (a == null || b == null) {
      skin.setVisible(false);
      return;
    }
    skin.setVisible(true);
    skin.route(
        a.x + NodeSkin.WIDTH + NodeSkin.PORT_RADIUS,
        a.y + NodeSkin.HEIGHT / 2,
        b.x - NodeSkin.PORT_RADIUS,
        b.y + NodeSkin.HEIGHT / 2);
  }

  private void selectionChanged() {
    Selection s = editor.selection();
    for (NodeSkin n : nodes.values()) {
      n.setState(CanvasStyle.SELECTED, s.components().contains(n.componentId()));
    }
    for (LinkSkin l : links.values()) {
      boolean on =
          s.links().contains(l.link)
              || s.components().contains(l.link.from()) && s.components().contains(l.link.to());
      l.setState(CanvasStyle.SELECTED, on);
    }
    designDirty = true;
    requestRepaint();
  }

  private void highlightChanged(Highlight h) {
    highlightedNodes.clear();
    highlightedLinks.clear();
    if (h != null) {
      highlightedNodes.addAll(h.components());
      highlightedLinks.addAll(h.links());
      highlightedLinks.addAll(h.path());
    }
    applyHighlightStates();
    boolean label = h != null && !h.isEmpty() && !h.label().isBlank();
    highlightLabel.setText(label ? h.label() : "");
    highlightLabel.setVisible(label);
    root.requestLayout();
    requestOverlayRepaint();
  }

  private void applyHighlightStates() {
    for (NodeSkin n : nodes.values()) {
      n.setState(CanvasStyle.HIGHLIGHTED, highlightedNodes.contains(n.componentId()));
    }
    for (LinkSkin l : links.values()) {
      l.setState(CanvasStyle.HIGHLIGHTED, highlightedLinks.contains(l.link));
    }
  }

  private void diagnosticsChanged(List<Diagnostic> diagnostics) {
    erroneous.clear();
    if (diagnostics != null) {
      for (Diagnostic d : diagnostics) {
        if (d.isError() && d.components() != null) {
          erroneous.addAll(d.components());
        }
      }
    }
    applyErrorStates();
  }

  private void applyErrorStates() {
    for (NodeSkin n : nodes.values()) {
      n.setState(CanvasStyle.HAS_ERROR, erroneous.contains(n.componentId()));
    }
  }

  // ---------------------------------------------------------------- painting

  private void viewChanged() {
    boolean d = view.zoom() >= DETAIL_ZOOM;
    if (d != detail) {
      detail = d;
      for (NodeSkin n : nodes.values()) {
        n.setDetail(d);
      }
    }
    gridDirty = true;
    overlayDirty = true;
    viewportDirty = true;
    repaint.start();
    if (renaming != null) {
      placeRenameField();
    }
  }

  private void requestRepaint() {
    gridDirty = true;
    overlayDirty = true;
    viewportDirty = true;
    repaint.start();
  }

  private void paintNow() {
    repaints++;
    double w = root.getWidth();
    double h = root.getHeight();
    if (w <= 0 || h <= 0) {
      return;
    }
    Rectangle2D visible = view.visible(w, h);
    if (gridDirty) {
      gridDirty = false;
      paintGrid(w, h);
    }
    if (overlayDirty) {
      overlayDirty = false;
      paintOverlay(w, h, visible);
    }
    if (minimapVisible.get()) {
      if (designDirty) {
        designDirty = false;
        minimap.paintDesign();
        viewportDirty = true;
      }
      if (viewportDirty) {
        viewportDirty = false;
        minimap.paintViewport(visible);
      }
    }
  }

  private void paintGrid(double w, double h) {
    GraphicsContext g = grid.getGraphicsContext2D();
    g.clearRect(0, 0, w, h);
    double step = GRID * view.zoom();
    int major = 5;
    while (step < 14) {
      step *= 2;
      major = Math.max(1, major / 2 == 0 ? 1 : major);
    }
    double ox = mod(view.tx(), step);
    double oy = mod(view.ty(), step);
    long ix0 = Math.round((ox - view.tx()) / step);
    long iy0 = Math.round((oy - view.ty()) / step);
    g.setFill(colors.get(Role.GRID));
    double r = 1.1;
    for (double y = oy; y < h; y += step) {
      for (double x = ox; x < w; x += step) {
        g.fillRect(x - r / 2, y - r / 2, r, r);
      }
    }
    g.setFill(colors.get(Role.GRID_MAJOR));
    double big = 2;
    long iy = iy0;
    for (double y = oy; y < h; y += step, iy++) {
      if (Math.floorMod(iy, major) != 0) {
        continue;
      }
      long ix = ix0;
      for (double x = ox; x < w; x += step, ix++) {
        if (Math.floorMod(ix, major) == 0) {
          g.fillRect(x - big / 2, y - big / 2, big, big);
        }
      }
    }
  }

  private static double mod(double a, double m) {
    double r = a % m;
    return r < 0 ? r + m : r;
  }

  private void paintOverlay(double w, double h, Rectangle2D visible) {
    GraphicsContext g = overlay.getGraphicsContext2D();
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, w, h);
    double z = view.zoom();
    g.setTransform(z, 0, 0, z, view.tx(), view.ty());
    paintHighlight(g, visible);
    for (CanvasOverlay o : overlays) {
      g.save();
      try {
        o.paint(g, geometry, visible);
      } catch (RuntimeException e) {
        editor.statusProperty().set("An overlay failed to paint: " + e);
      } finally {
        g.restore();
      }
    }
    g.setTransform(1, 0, 0, 1, 0, 0);
  }

  private final double[] xy = new double[2];

  private void paintHighlight(GraphicsContext g, Rectangle2D visible) {
    Highlight hl = editor.run().highlightProperty().get();
    if (hl == null || hl.isEmpty()) {
      return;
    }
    double z = view.zoom();
    var accent = colors.get(Role.HIGHLIGHT);
    g.setLineWidth(Math.max(2.5, 2.5 / z));
    for (Link l : hl.links()) {
      LinkSkin s = links.get(l);
      if (s != null
          && s.isVisible()
          && s.boxIntersects(
              visible.getMinX(), visible.getMinY(), visible.getMaxX(), visible.getMaxY())) {
        g.setStroke(accent.deriveColor(0, 1, 1, 0.55));
        g.setLineWidth(Math.max(5, 4 / z));
        strokeCurve(g, s);
      }
    }
    g.setLineWidth(Math.max(2.5, 2 / z));
    g.setStroke(accent);
    for (String id : hl.components()) {
      NodeSkin n = nodes.get(id);
      if (n != null
          && visible.intersects(n.x - 8, n.y - 8, NodeSkin.WIDTH + 16, NodeSkin.HEIGHT + 16)) {
        g.setFill(accent.deriveColor(0, 1, 1, 0.10));
        g.fillRoundRect(n.x - 6, n.y - 6, NodeSkin.WIDTH + 12, NodeSkin.HEIGHT + 12, 22, 22);
        g.strokeRoundRect(n.x - 6, n.y - 6, NodeSkin.WIDTH + 12, NodeSkin.HEIGHT + 12, 22, 22);
      }
    }
    // the causal path: each hop a bold stroke with its number at the middle
    var pathColor = colors.get(Role.PATH);
    var pathText = colors.get(Role.PATH_TEXT);
    int i = 0;
    for (Link l : hl.path()) {
      i++;
      LinkSkin s = links.get(l);
      if (s == null || !s.isVisible()) {
        continue;
      }
      g.setStroke(pathColor);
      g.setLineWidth(Math.max(3.5, 3 / z));
      strokeCurve(g, s);
    }
    i = 0;
    double radius = Math.max(10, 9 / z);
    g.setFont(javafx.scene.text.Font.font(null, javafx.scene.text.FontWeight.BOLD, radius * 1.1));
    g.setTextAlign(TextAlignment.CENTER);
    g.setTextBaseline(javafx.geometry.VPos.CENTER);
    for (Link l : hl.path()) {
      i++;
      LinkSkin s = links.get(l);
      if (s == null || !s.isVisible()) {
        continue;
      }
      // several hops over one connection: spread their numbers along it
      s.at(0.5 + 0.12 * (countBefore(hl.path(), l, i - 1) % 3), xy);
      if (!visible.contains(xy[0], xy[1])) {
        continue;
      }
      g.setFill(pathColor);
      g.fillOval(xy[0] - radius, xy[1] - radius, 2 * radius, 2 * radius);
      g.setFill(pathText);
      g.fillText(Integer.toString(i), xy[0], xy[1]);
    }
  }

  private static int countBefore(List<Link> path, Link l, int index) {
    int n = 0;
    for (int k = 0; k < index; k++) {
      if (path.get(k).equals(l)) {
        n++;
      }
    }
    return n;
  }

  private void strokeCurve(GraphicsContext g, LinkSkin s) {
    g.beginPath();
    s.at(0, xy);
    g.moveTo(xy[0], xy[1]);
    for (int k = 1; k <= 24; k++) {
      s.at(k / 24.0, xy);
      g.lineTo(xy[0], xy[1]);
    }
    g.stroke();
  }

  private final DesignGeometry geometry =
      new DesignGeometry() {
        @Override
        public Rectangle2D bounds(String componentId) {
          NodeSkin n = nodes.get(componentId);
          return n == null ? null : new Rectangle2D(n.x, n.y, NodeSkin.WIDTH, NodeSkin.HEIGHT);
        }

        @Override
        public Curve curve(Link link) {
          LinkSkin s = links.get(link);
          return s == null || !s.isVisible() ? null : s;
        }

        @Override
        public double zoom() {
          return view.zoom();
        }
      };

  // ---------------------------------------------------------------- view commands

  void zoomBy(double factor) {
    view.zoomAt(factor, root.getWidth() / 2, root.getHeight() / 2);
  }

  void zoomTo(double z) {
    view.zoomAt(z / view.zoom(), root.getWidth() / 2, root.getHeight() / 2);
  }

  void fit() {
    Rectangle2D b = designBounds();
    double w = root.getWidth();
    double h = root.getHeight();
    if (w <= 0 || h <= 0) {
      pendingFit = true;
      return;
    }
    if (b == null) {
      view.set(1, 0, 0);
      return;
    }
    double margin = 48;
    double z =
        Math.min(
            1.25, Math.min((w - 2 * margin) / b.getWidth(), (h - 2 * margin - 40) / b.getHeight()));
    view.centreOn(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() / 2, z, w, h - 40);
  }

  void reveal(String id) {
    NodeSkin n = nodes.get(id);
    if (n == null) {
      editor.statusProperty().set("No component is called " + id);
      return;
    }
    editor.selection().selectComponents(List.of(id));
    Rectangle2D vis = visibleWorld();
    if (!vis.contains(n.x - 10, n.y - 10, NodeSkin.WIDTH + 20, NodeSkin.HEIGHT + 20)) {
      centreOn(n.x + NodeSkin.WIDTH / 2, n.y + NodeSkin.HEIGHT / 2);
    }
  }

  // ---------------------------------------------------------------- layout of the pane

  private final class CanvasPane extends Pane {
    @Override
    protected void layoutChildren() {
      double w = getWidth();
      double h = getHeight();
      if (grid.getWidth() != w || grid.getHeight() != h) {
        grid.setWidth(w);
        grid.setHeight(h);
        overlay.setWidth(w);
        overlay.setHeight(h);
        gridDirty = true;
        overlayDirty = true;
        viewportDirty = true;
        repaint.start();
      }
      viewBar.autosize();
      viewBar.relocate(14, h - viewBar.getHeight() - 14);
      minimap.resizeRelocate(
          w - Minimap.WIDTH - 14, h - Minimap.HEIGHT - 14, Minimap.WIDTH, Minimap.HEIGHT);
      minimapRoom.set(
          w >= 14 + viewBar.getWidth() + 24 + Minimap.WIDTH + 14 && h >= Minimap.HEIGHT + 120);
      emptyHint.autosize();
      emptyHint.relocate((w - emptyHint.getWidth()) / 2, (h - emptyHint.getHeight()) / 2);
      highlightLabel.autosize();
      highlightLabel.relocate((w - highlightLabel.getWidth()) / 2, 12);
      refusal.autosize();
      if (renaming != null) {
        placeRenameField();
      }
      if (pendingFit && w > 0 && h > 0) {
        pendingFit = false;
        fit();
      }
    }
  }

  // ---------------------------------------------------------------- gestures

  private Hit hit(MouseEvent e) {
    Node n = e.getPickResult().getIntersectedNode();
    while (n != null && n != root) {
      if (n == minimap || n == viewBar || n == renameField) {
        return Hit.UI;
      }
      if (n instanceof NodeSkin skin) {
        Node target = e.getPickResult().getIntersectedNode();
        return new Hit(skin, target == skin.out, null, false);
      }
      if (n instanceof LinkSkin link) {
        return new Hit(null, false, link, false);
      }
      n = n.getParent();
    }
    return Hit.EMPTY;
  }

  private NodeSkin nodeAt(double wx, double wy) {
    NodeSkin found = null;
    for (NodeSkin n : nodes.values()) {
      // ports overhang the box by their radius
      if (wx >= n.x - 8
          && wx <= n.x + NodeSkin.WIDTH + 8
          && wy >= n.y
          && wy <= n.y + NodeSkin.HEIGHT) {
        found = n;
      }
    }
    return found;
  }

  private void installGestures() {
    root.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
    root.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
    root.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    root.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
    root.addEventHandler(
        ContextMenuEvent.CONTEXT_MENU_REQUESTED,
        e -> {
          if (e.isKeyboardTrigger()) {
            Point2D p = root.localToScreen(root.getWidth() / 2, root.getHeight() / 2);
            menus.showFor(
                selectionHit(), p.getX(), p.getY(), root.getWidth() / 2, root.getHeight() / 2);
          }
          e.consume();
        });
    root.addEventHandler(
        ScrollEvent.SCROLL,
        e -> {
          if (e.isShortcutDown() || e.isControlDown()) {
            if (e.getDeltaY() != 0) {
              view.zoomAt(Math.pow(1.0018, e.getDeltaY()), e.getX(), e.getY());
            }
          } else if (e.isShiftDown() && e.getDeltaX() == 0) {
            view.panBy(e.getDeltaY(), 0);
          } else {
            view.panBy(e.getDeltaX(), e.getDeltaY());
          }
          e.consume();
        });
    root.addEventHandler(
        ZoomEvent.ZOOM,
        e -> {
          if (Double.isFinite(e.getZoomFactor()) && e.getZoomFactor() > 0) {
            view.zoomAt(e.getZoomFactor(), e.getX(), e.getY());
          }
          e.consume();
        });
  }

  private Hit selectionHit() {
    Selection s = editor.selection();
    if (!s.components().isEmpty()) {
      return new Hit(nodes.get(s.components().iterator().next()), false, null, false);
    }
    if (!s.links().isEmpty()) {
      return new Hit(null, false, links.get(s.links().iterator().next()), false);
    }
    return Hit.EMPTY;
  }

  private void pressed(MouseEvent e) {
    Hit h = hit(e);
    if (h.ui()) {
      return;
    }
    if (renaming != null) {
      commitRename();
    }
    hideRefusal();
    menus.hide();
    root.requestFocus();
    pressHit = h;
    pressX = lastX = e.getX();
    pressY = lastY = e.getY();
    dragged = false;
    boolean additive = e.isShiftDown() || e.isShortcutDown();
    if (e.getButton() == MouseButton.MIDDLE
        || e.getButton() == MouseButton.SECONDARY
        || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
      gesture = Gesture.PAN;
    } else if (e.getButton() == MouseButton.PRIMARY) {
      Selection s = editor.selection();
      if (h.node() != null && h.outPort()) {
        startConnect(h.node());
      } else if (h.node() != null) {
        String id = h.node().componentId();
        if (additive) {
          if (s.components().contains(id)) {
            s.components().remove(id);
          } else {
            s.links().clear();
            s.components().add(id);
          }
        } else if (!s.components().contains(id)) {
          s.selectComponents(List.of(id));
        }
        if (s.components().contains(id)) {
          gesture = Gesture.MOVE;
          dragLead = id;
          dragOrigins.clear();
          for (String sel : s.components()) {
            NodeSkin n = nodes.get(sel);
            if (n != null) {
              dragOrigins.put(sel, new Position(n.x, n.y));
            }
          }
        }
      } else if (h.link() != null) {
        if (additive && s.links().contains(h.link().link)) {
          s.links().remove(h.link().link);
        } else if (additive) {
          s.components().clear();
          s.links().add(h.link().link);
        } else {
          s.selectLink(h.link().link);
        }
      } else {
        gesture = Gesture.RUBBER;
        rubberBase = additive ? new LinkedHashSet<>(s.components()) : Set.of();
        if (!additive) {
          s.clear();
        }
      }
    }
    e.consume();
  }

  private void dragged(MouseEvent e) {
    if (gesture == Gesture.NONE) {
      return;
    }
    if (!dragged
        && Math.abs(e.getX() - pressX) < DRAG_THRESHOLD
        && Math.abs(e.getY() - pressY) < DRAG_THRESHOLD) {
      return;
    }
    dragged = true;
    switch (gesture) {
      case PAN -> view.panBy(e.getX() - lastX, e.getY() - lastY);
      case MOVE -> moveLive(e);
      case CONNECT -> connectLive(e);
      case RUBBER -> rubberLive(e);
      default -> {}
    }
    lastX = e.getX();
    lastY = e.getY();
    e.consume();
  }

  private void released(MouseEvent e) {
    Gesture g = gesture;
    gesture = Gesture.NONE;
    switch (g) {
      case PAN -> {
        if (!dragged && e.getButton() == MouseButton.SECONDARY) {
          menus.showFor(pressHit, e.getScreenX(), e.getScreenY(), e.getX(), e.getY());
        }
      }
      case MOVE -> finishMove();
      case CONNECT -> finishConnect(e);
      case RUBBER -> rubberBand.setVisible(false);
      default -> {}
    }
    if (g != Gesture.NONE) {
      e.consume();
    }
  }

  private void clicked(MouseEvent e) {
    if (e.getButton() != MouseButton.PRIMARY || e.getClickCount() != 2 || dragged) {
      return;
    }
    Hit h = hit(e);
    if (h.node() != null && !h.outPort()) {
      editor.selection().selectComponents(List.of(h.node().componentId()));
      startRename(h.node().componentId());
      e.consume();
    }
  }

  private void cancelGesture() {
    if (gesture == Gesture.MOVE && dragged) {
      // the model changed under a live move: the sync below puts boxes where the model says
      dragOrigins.clear();
    }
    gesture = Gesture.NONE;
    connectPreview.setVisible(false);
    rubberBand.setVisible(false);
    setConnectTarget(null, null);
    if (renaming != null && !nodes.containsKey(renaming)) {
      cancelRename();
    }
  }

  private void moveLive(MouseEvent e) {
    Position lead = dragOrigins.get(dragLead);
    if (lead == null) {
      return;
    }
    double dx = (e.getX() - pressX) / view.zoom();
    double dy = (e.getY() - pressY) / view.zoom();
    double nx = snap(lead.x() + dx) - lead.x();
    double ny = snap(lead.y() + dy) - lead.y();
    Set<LinkSkin> touched = new HashSet<>();
    for (Map.Entry<String, Position> o : dragOrigins.entrySet()) {
      NodeSkin n = nodes.get(o.getKey());
      n.place(o.getValue().x() + nx, o.getValue().y() + ny);
      n.setState(CanvasStyle.DRAGGING, true);
      touched.addAll(linksOf.getOrDefault(o.getKey(), List.of()));
    }
    touched.forEach(this::route);
    requestOverlayRepaint();
  }

  private void finishMove() {
    Map<String, Position> moves = new LinkedHashMap<>();
    for (Map.Entry<String, Position> o : dragOrigins.entrySet()) {
      NodeSkin n = nodes.get(o.getKey());
      if (n == null) {
        continue;
      }
      n.setState(CanvasStyle.DRAGGING, false);
      if (dragged && (n.x != o.getValue().x() || n.y != o.getValue().y())) {
        moves.put(o.getKey(), new Position(n.x, n.y));
      }
    }
    dragOrigins.clear();
    if (!dragged) {
      // a plain click on one box of a multi-selection selects just that box
      if (pressHit.node() != null && editor.selection().components().size() > 1) {
        // keep additive clicks as they are
      }
      return;
    }
    if (!moves.isEmpty()) {
      execute(new MoveComponents(moves, unplacedPins(), "Move"));
    }
  }

  /** Positions of components the spec does not place yet, as shown. */
  Map<String, Position> unplacedPins() {
    Pipeline p = editor.document().pipeline();
    Map<String, Position> pins = new HashMap<>();
    for (Component c : p.components()) {
      if (!p.layout().containsKey(c.id())) {
        NodeSkin n = nodes.get(c.id());
        if (n != null) {
          pins.put(c.id(), new Position(n.x, n.y));
        }
      }
    }
    return pins;
  }

  void nudge(double dx, double dy) {
    Map<String, Position> moves = new LinkedHashMap<>();
    for (String id : editor.selection().components()) {
      NodeSkin n = nodes.get(id);
      if (n != null) {
        moves.put(id, new Position(n.x + dx, n.y + dy));
      }
    }
    if (moves.isEmpty()) {
      editor.statusProperty().set("Select components to move them with the arrow keys");
      return;
    }
    execute(new MoveComponents(moves, unplacedPins(), "Move"));
  }

  private void startConnect(NodeSkin source) {
    gesture = Gesture.CONNECT;
    connectSource = source.componentId();
    double sx = source.x + NodeSkin.WIDTH + NodeSkin.PORT_RADIUS;
    double sy = source.y + NodeSkin.HEIGHT / 2;
    previewStart.setX(sx);
    previewStart.setY(sy);
    setPreviewEnd(sx, sy);
  }

  private void setPreviewEnd(double tx, double ty) {
    double sx = previewStart.getX();
    double sy = previewStart.getY();
    double reach = Math.max(30, Math.abs(tx - sx) * 0.5);
    previewCurve.setControlX1(sx + reach);
    previewCurve.setControlY1(sy);
    previewCurve.setControlX2(tx - reach);
    previewCurve.setControlY2(ty);
    previewCurve.setX(tx);
    previewCurve.setY(ty);
  }

  private void connectLive(MouseEvent e) {
    connectPreview.setVisible(true);
    double wx = view.toWorldX(e.getX());
    double wy = view.toWorldY(e.getY());
    NodeSkin target = nodeAt(wx, wy);
    if (target != null && target.componentId().equals(connectSource)) {
      target = null;
    }
    if (target != null) {
      setPreviewEnd(target.x - NodeSkin.PORT_RADIUS, target.y + NodeSkin.HEIGHT / 2);
    } else {
      setPreviewEnd(wx, wy);
    }
    Optional<String> why =
        target == null
            ? Optional.empty()
            : Connect.refusal(editor.document().pipeline(), connectSource, target.componentId());
    setConnectTarget(target, why.orElse(null));
    if (why.isPresent()) {
      showRefusal(why.get(), e.getX(), e.getY(), false);
    } else {
      hideRefusal();
    }
  }

  private void setConnectTarget(NodeSkin target, String refused) {
    if (connectTarget != null && connectTarget != target) {
      connectTarget.setState(CanvasStyle.TARGET_OK, false);
      connectTarget.setState(CanvasStyle.TARGET_REFUSED, false);
    }
    connectTarget = target;
    if (target != null) {
      target.setState(CanvasStyle.TARGET_OK, refused == null);
      target.setState(CanvasStyle.TARGET_REFUSED, refused != null);
    }
    connectPreview.pseudoClassStateChanged(CanvasStyle.TARGET_REFUSED, refused != null);
    connectPreview.pseudoClassStateChanged(
        CanvasStyle.TARGET_OK, target != null && refused == null);
  }

  private void finishConnect(MouseEvent e) {
    connectPreview.setVisible(false);
    NodeSkin target = nodeAt(view.toWorldX(e.getX()), view.toWorldY(e.getY()));
    setConnectTarget(null, null);
    String from = connectSource;
    connectSource = null;
    if (target == null || !dragged) {
      hideRefusal();
      return;
    }
    String to = target.componentId();
    Optional<String> why = Connect.refusal(editor.document().pipeline(), from, to);
    if (why.isPresent()) {
      String text = "Cannot connect " + from + " → " + to + ": " + why.get();
      showRefusal(text, e.getX(), e.getY(), true);
      editor.statusProperty().set(text);
      return;
    }
    hideRefusal();
    if (execute(new Connect(from, to))) {
      editor.selection().selectLink(new Link(from, to));
    }
  }

  /** Shows why something was refused next to the pointer (screen point local to the canvas). */
  void showRefusal(String text, double x, double y, boolean sticky) {
    refusal.setText(text);
    refusal.setVisible(true);
    refusal.autosize();
    double rx = Math.min(x + 16, root.getWidth() - refusal.getWidth() - 8);
    double ry = Math.min(y + 18, root.getHeight() - refusal.getHeight() - 8);
    refusal.relocate(Math.max(8, rx), Math.max(8, ry));
    refusal.toFront();
    if (sticky) {
      refusalTimer.playFromStart();
    } else {
      refusalTimer.stop();
    }
  }

  private void hideRefusal() {
    refusalTimer.stop();
    refusal.setVisible(false);
  }

  private void rubberLive(MouseEvent e) {
    double x = Math.min(pressX, e.getX());
    double y = Math.min(pressY, e.getY());
    double w = Math.abs(e.getX() - pressX);
    double h = Math.abs(e.getY() - pressY);
    rubberBand.setX(x);
    rubberBand.setY(y);
    rubberBand.setWidth(w);
    rubberBand.setHeight(h);
    rubberBand.setVisible(true);
    double wx0 = view.toWorldX(x);
    double wy0 = view.toWorldY(y);
    double wx1 = view.toWorldX(x + w);
    double wy1 = view.toWorldY(y + h);
    Set<String> chosen = new LinkedHashSet<>(rubberBase);
    for (NodeSkin n : nodes.values()) {
      if (n.x < wx1 && n.x + NodeSkin.WIDTH > wx0 && n.y < wy1 && n.y + NodeSkin.HEIGHT > wy0) {
        chosen.add(n.componentId());
      }
    }
    if (!chosen.equals(editor.selection().components())) {
      editor.selection().selectComponents(chosen);
    }
  }

  // ---------------------------------------------------------------- keyboard

  private void installKeys() {
    root.addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getTarget() == renameField) {
            return;
          }
          if (handleKey(e)) {
            e.consume();
          }
        });
    root.addEventHandler(
        KeyEvent.KEY_RELEASED,
        e -> {
          if (e.getCode() == KeyCode.SPACE) {
            spaceDown = false;
            root.setCursor(null);
          }
        });
  }

  private boolean handleKey(KeyEvent e) {
    boolean mod = e.isShortcutDown();
    KeyCode k = e.getCode();
    double step = e.isShiftDown() ? 1 : (snapToGrid.get() ? GRID : 5);
    if (mod) {
      switch (k) {
        case X -> commands.cut();
        case C -> commands.copy();
        case V -> commands.paste();
        case D -> commands.duplicate();
        case A -> commands.selectAll();
        case EQUALS, PLUS, ADD -> commands.zoomIn();
        case MINUS, SUBTRACT -> commands.zoomOut();
        case DIGIT0, NUMPAD0 -> commands.zoomReset();
        case F -> {
          if (!e.isShiftDown()) {
            return false;
          }
          commands.fitToWindow();
        }
        default -> {
          return false;
        }
      }
      return true;
    }
    switch (k) {
      case DELETE, BACK_SPACE -> commands.deleteSelection();
      case F2 -> commands.renameSelected();
      case EQUALS, PLUS, ADD -> commands.zoomIn();
      case MINUS, SUBTRACT -> commands.zoomOut();
      case DIGIT0, NUMPAD0 -> commands.zoomReset();
      case LEFT -> nudge(-step, 0);
      case RIGHT -> nudge(step, 0);
      case UP -> nudge(0, -step);
      case DOWN -> nudge(0, step);
      case ESCAPE -> {
        if (gesture == Gesture.NONE) {
          editor.selection().clear();
        }
        cancelGesture();
        hideRefusal();
      }
      case SPACE -> {
        spaceDown = true;
        root.setCursor(javafx.scene.Cursor.OPEN_HAND);
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- inline rename

  private void installRename() {
    renameField.setOnAction(e -> commitRename());
    renameField.addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          // other keys must reach the field's own behaviour: consuming them here would stop it
          if (e.getCode() == KeyCode.ESCAPE) {
            cancelRename();
            e.consume();
          }
        });
    renameField
        .focusedProperty()
        .addListener(
            (o, was, is) -> {
              if (!is && renaming != null) {
                commitRename();
              }
            });
    renameField
        .textProperty()
        .addListener(
            (o, a, b) -> {
              if (renaming == null) {
                return;
              }
              Optional<String> why =
                  dev.flowsim.app.gui.edit.Ids.renameRefusal(
                      editor.document().pipeline(), renaming, b);
              renameField.pseudoClassStateChanged(CanvasStyle.HAS_ERROR, why.isPresent());
            });
  }

  void startRename(String id) {
    NodeSkin n = nodes.get(id);
    if (n == null) {
      return;
    }
    renaming = id;
    renameField.setText(id);
    renameField.setVisible(true);
    placeRenameField();
    renameField.toFront();
    renameField.requestFocus();
    renameField.selectAll();
  }

  private void placeRenameField() {
    NodeSkin n = nodes.get(renaming);
    if (n == null) {
      return;
    }
    double sx = view.toScreenX(n.x + 44);
    double sy = view.toScreenY(n.y + NodeSkin.HEIGHT / 2);
    double w = Math.max(150, (NodeSkin.WIDTH - 36) * view.zoom());
    renameField.resize(w, renameField.prefHeight(-1));
    renameField.relocate(sx, sy - renameField.getHeight() / 2 - 6);
  }

  private void commitRename() {
    String id = renaming;
    if (id == null) {
      return;
    }
    String text = renameField.getText().trim();
    if (text.equals(id)) {
      cancelRename();
      return;
    }
    Optional<String> why =
        dev.flowsim.app.gui.edit.Ids.renameRefusal(editor.document().pipeline(), id, text);
    if (why.isPresent()) {
      String msg = "Cannot rename " + id + ": " + why.get();
      editor.statusProperty().set(msg);
      showRefusal(msg, renameField.getLayoutX(), renameField.getLayoutY() + 24, true);
      if (renameField.isFocused()) {
        return;
      }
      cancelRename();
      return;
    }
    renaming = null;
    renameField.setVisible(false);
    hideRefusal();
    if (execute(new dev.flowsim.app.gui.edit.Rename(id, text))) {
      editor.selection().selectComponents(List.of(text));
    }
    root.requestFocus();
  }

  private void cancelRename() {
    renaming = null;
    renameField.setVisible(false);
    root.requestFocus();
  }

  // ---------------------------------------------------------------- palette drops

  /** Shows where a palette drag would drop; false when the point is not over the canvas. */
  boolean previewDrop(ComponentKind kind, double screenX, double screenY) {
    Point2D p = root.screenToLocal(screenX, screenY);
    if (p == null || !root.getLayoutBounds().contains(p)) {
      cancelDrop();
      return false;
    }
    if (dropGhost == null) {
      dropGhost =
          new NodeSkin(dev.flowsim.app.gui.edit.ComponentDefaults.create(kind, kind.typeName()));
      dropGhost.getStyleClass().add(CanvasStyle.DROP_GHOST);
      dropGhost.setMouseTransparent(true);
      previewLayer.getChildren().add(dropGhost);
    }
    dropGhost.place(
        snap(view.toWorldX(p.getX()) - NodeSkin.WIDTH / 2),
        snap(view.toWorldY(p.getY()) - NodeSkin.HEIGHT / 2));
    return true;
  }

  void cancelDrop() {
    if (dropGhost != null) {
      previewLayer.getChildren().remove(dropGhost);
      dropGhost = null;
    }
  }

  /** Drops a new component of {@code kind} at a screen point; false when not over the canvas. */
  boolean drop(ComponentKind kind, double screenX, double screenY) {
    cancelDrop();
    Point2D p = root.screenToLocal(screenX, screenY);
    if (p == null || !root.getLayoutBounds().contains(p)) {
      return false;
    }
    add(
        kind,
        snap(view.toWorldX(p.getX()) - NodeSkin.WIDTH / 2),
        snap(view.toWorldY(p.getY()) - NodeSkin.HEIGHT / 2));
    return true;
  }
}
