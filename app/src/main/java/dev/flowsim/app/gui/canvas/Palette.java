package dev.flowsim.app.gui.canvas;

import dev.flowsim.icons.KindIcon;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.ComponentKind.Role;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The palette of component kinds, grouped by their role in a dataflow. Drag an entry onto the
 * canvas to add a component there; double-click it (or press Enter on it) to add one at the centre
 * of the view. Entries have the ids {@code palette-<type>}.
 */
public final class Palette {
  private static final Map<ComponentKind, String> BLURB =
      Map.ofEntries(
          Map.entry(ComponentKind.PRODUCER, "Clients that emit events"),
          Map.entry(ComponentKind.TOPIC, "Partitioned, replayable log"),
          Map.entry(ComponentKind.QUEUE, "Work queue with acks"),
          Map.entry(ComponentKind.PROCESSOR, "Map, window, join…"),
          Map.entry(ComponentKind.SERVICE, "Requests in, writes out"),
          Map.entry(ComponentKind.DATABASE, "System of record"),
          Map.entry(ComponentKind.SEARCH_INDEX, "Full-text search copy"),
          Map.entry(ComponentKind.CACHE, "Fast key-value copy"),
          Map.entry(ComponentKind.WAREHOUSE, "Analytics copy"),
          Map.entry(ComponentKind.MATERIALIZED_VIEW, "Continuously updated view"),
          Map.entry(ComponentKind.READER, "Queries a store"));

  private final DesignCanvas canvas;
  private final VBox content = new VBox();
  private final ScrollPane root = new ScrollPane(content);

  public Palette(DesignCanvas canvas) {
    this.canvas = canvas;
    root.setId("palette");
    root.getStyleClass().add(CanvasStyle.PALETTE);
    root.getStylesheets().add(CanvasStyle.STYLESHEET);
    root.setFitToWidth(true);
    root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    content.getStyleClass().add("palette-content");
    Label title = new Label("Components");
    title.getStyleClass().add("palette-title");
    content.getChildren().add(title);
    section("Sources", Role.SOURCE);
    section("Brokers", Role.BROKER);
    section("Processing", Role.PROCESSOR);
    section("Systems of record", Role.SYSTEM_OF_RECORD);
    section("Derived stores", Role.DERIVED_STORE);
    section("Readers", Role.SINK);
    Label tip = new Label("Drag onto the canvas, or double-click to add at the centre.");
    tip.getStyleClass().add("palette-tip");
    tip.setWrapText(true);
    content.getChildren().add(tip);
  }

  public Node view() {
    return root;
  }

  private void section(String title, Role role) {
    Label header = new Label(title.toUpperCase(java.util.Locale.ROOT));
    header.getStyleClass().add(CanvasStyle.PALETTE_SECTION);
    content.getChildren().add(header);
    for (ComponentKind k : ComponentKind.values()) {
      if (k.role() == role) {
        content.getChildren().add(item(k));
      }
    }
  }

  private Node item(ComponentKind kind) {
    KindIcon icon = KindIcon.forType(kind.typeName()).orElse(KindIcon.SERVICE);
    StackPane badge = new StackPane(new FontIcon(icon.literal()));
    badge.getStyleClass().addAll(CanvasStyle.NODE_BADGE, "kind-" + kind.typeName());
    Label name = new Label(icon.label());
    name.getStyleClass().add("palette-name");
    Label blurb = new Label(BLURB.getOrDefault(kind, ""));
    blurb.getStyleClass().add("palette-blurb");
    VBox text = new VBox(0, name, blurb);
    text.setAlignment(Pos.CENTER_LEFT);
    HBox item = new HBox(10, badge, text);
    item.setId("palette-" + kind.typeName());
    item.getStyleClass().addAll(CanvasStyle.PALETTE_ITEM, "kind-" + kind.typeName());
    item.setAlignment(Pos.CENTER_LEFT);
    item.setFocusTraversable(true);
    item.setCursor(Cursor.OPEN_HAND);
    Tooltip.install(
        item,
        new Tooltip(
            icon.label() + " — " + BLURB.getOrDefault(kind, "") + "\nDrag onto the canvas"));
    // a drag within the window with plain mouse events: no platform drag-and-drop needed
    item.addEventHandler(
        MouseEvent.MOUSE_DRAGGED,
        e -> {
          if (e.isPrimaryButtonDown()) {
            item.setCursor(Cursor.CLOSED_HAND);
            canvas.previewDrop(kind, e.getScreenX(), e.getScreenY());
          }
        });
    item.addEventHandler(
        MouseEvent.MOUSE_RELEASED,
        e -> {
          item.setCursor(Cursor.OPEN_HAND);
          if (e.getButton() == MouseButton.PRIMARY && !item.contains(e.getX(), e.getY())) {
            canvas.drop(kind, e.getScreenX(), e.getScreenY());
          } else {
            canvas.cancelDrop();
          }
        });
    item.addEventHandler(
        MouseEvent.MOUSE_CLICKED,
        e -> {
          item.requestFocus();
          if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
            canvas.addAtCentre(kind);
          }
        });
    item.addEventHandler(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
            canvas.addAtCentre(kind);
            e.consume();
          }
        });
    return item;
  }
}
