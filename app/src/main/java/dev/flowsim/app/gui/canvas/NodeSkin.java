package dev.flowsim.app.gui.canvas;

import dev.flowsim.icons.KindIcon;
import dev.flowsim.model.Component;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The view of one component on the canvas: a rounded box with the kind's icon, the id and the kind,
 * an input port on the left and an output port on the right. Placed at its world position (the
 * top-left corner of the box) inside the canvas's node layer.
 */
final class NodeSkin extends Group {
  static final double WIDTH = 140;
  static final double HEIGHT = 56;
  static final double PORT_RADIUS = 5;

  private final StackPane box = new StackPane();
  private final Label idLabel = new Label();
  private final Label kindLabel = new Label();
  private final StackPane badge = new StackPane();
  final Circle in = new Circle(PORT_RADIUS);
  final Circle out = new Circle(PORT_RADIUS);
  private final javafx.scene.control.Tooltip tooltip = new javafx.scene.control.Tooltip();
  private String componentId;
  private String type;
  double x;
  double y;

  NodeSkin(Component component) {
    box.getStyleClass().add(CanvasStyle.NODE);
    box.setMinSize(WIDTH, HEIGHT);
    box.setPrefSize(WIDTH, HEIGHT);
    box.setMaxSize(WIDTH, HEIGHT);
    badge.getStyleClass().add(CanvasStyle.NODE_BADGE);
    badge.setMinSize(28, 28);
    badge.setMaxSize(28, 28);
    idLabel.getStyleClass().add(CanvasStyle.NODE_ID);
    idLabel.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
    idLabel.setMaxWidth(WIDTH - 50);
    kindLabel.getStyleClass().add(CanvasStyle.NODE_KIND);
    kindLabel.setMaxWidth(WIDTH - 50);
    VBox text = new VBox(1, idLabel, kindLabel);
    text.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(text, Priority.ALWAYS);
    HBox content = new HBox(7, badge, text);
    content.setAlignment(Pos.CENTER_LEFT);
    box.getChildren().add(content);
    in.getStyleClass().addAll(CanvasStyle.PORT, CanvasStyle.PORT_IN);
    out.getStyleClass().addAll(CanvasStyle.PORT, CanvasStyle.PORT_OUT);
    in.setCenterX(0);
    in.setCenterY(HEIGHT / 2);
    out.setCenterX(WIDTH);
    out.setCenterY(HEIGHT / 2);
    getChildren().addAll(box, in, out);
    javafx.scene.control.Tooltip.install(idLabel, tooltip);
    setPickOnBounds(false);
    update(component);
  }

  void update(Component component) {
    String newType = component.kind().typeName();
    if (!newType.equals(type)) {
      if (type != null) {
        box.getStyleClass().remove("kind-" + type);
      }
      type = newType;
      box.getStyleClass().add("kind-" + type);
      KindIcon icon = KindIcon.forType(type).orElse(KindIcon.SERVICE);
      FontIcon glyph = new FontIcon(icon.literal());
      glyph.getStyleClass().add("node-icon");
      badge.getChildren().setAll(glyph);
      kindLabel.setText(icon.label());
    }
    if (!component.id().equals(componentId)) {
      componentId = component.id();
      idLabel.setText(componentId);
      tooltip.setText(componentId);
      setId("node-" + componentId);
      box.setId("node-box-" + componentId);
      idLabel.setId("node-label-" + componentId);
      in.setId("port-in-" + componentId);
      out.setId("port-out-" + componentId);
    }
  }

  String componentId() {
    return componentId;
  }

  StackPane box() {
    return box;
  }

  Label idLabel() {
    return idLabel;
  }

  void place(double worldX, double worldY) {
    x = worldX;
    y = worldY;
    setLayoutX(worldX);
    setLayoutY(worldY);
  }

  void setState(javafx.css.PseudoClass state, boolean on) {
    box.pseudoClassStateChanged(state, on);
  }
}
