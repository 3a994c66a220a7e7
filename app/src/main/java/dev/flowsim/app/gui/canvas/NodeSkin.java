package dev.flowsim.app.gui.canvas;

import dev.flowsim.icons.KindIcon;
import dev.flowsim.model.Component;
import java.util.HashMap;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The view of one component on the canvas: a rounded box with the kind's icon, the id and the kind,
 * an input port on the left and an output port on the right. Placed at its world position (the
 * top-left corner of the box) inside the canvas's node layer. Built from a few plain shapes and
 * texts placed by hand (no controls, no layout panes), so hundreds of them stay cheap to style, lay
 * out and render.
 */
final class NodeSkin extends Group {
  static final double WIDTH = 140;
  static final double HEIGHT = 56;
  static final double PORT_RADIUS = 5;
  private static final double BADGE = 24;
  private static final double BADGE_X = 7;
  // the texts start just right of the badge and may run up to the output port
  private static final double TEXT_X = BADGE_X + BADGE + 6;
  private static final double TEXT_WIDTH = WIDTH - PORT_RADIUS - 3 - TEXT_X;
  private static final Font ID_FONT = Font.font(null, FontWeight.BOLD, 11);
  // ids a little too long for ID_FONT ("orders-projection") are set smaller before being shortened
  private static final Font ID_FONT_SMALL = Font.font(null, FontWeight.BOLD, 10);
  private static final Font KIND_FONT = Font.font(null, FontWeight.NORMAL, 10.5);
  // resolving an icon literal scans the icon packs: do it once per kind
  private static final Map<String, Ikon> ICONS = new HashMap<>();

  private final Region box = new Region();
  private final Region badge = new Region();
  private final Text idText = new Text();
  private final Text kindText = new Text();
  private FontIcon glyph;
  final Circle in = new Circle(PORT_RADIUS);
  final Circle out = new Circle(PORT_RADIUS);
  private String componentId;
  private String type;
  double x;
  double y;

  NodeSkin(Component component) {
    box.getStyleClass().add(CanvasStyle.NODE);
    box.resizeRelocate(0, 0, WIDTH, HEIGHT);
    box.setManaged(false);
    badge.getStyleClass().add(CanvasStyle.NODE_BADGE);
    badge.resizeRelocate(BADGE_X, (HEIGHT - BADGE) / 2, BADGE, BADGE);
    badge.setManaged(false);
    badge.setMouseTransparent(true);
    idText.getStyleClass().add(CanvasStyle.NODE_ID);
    idText.setFont(ID_FONT);
    idText.setX(TEXT_X);
    idText.setY(HEIGHT / 2 - 2);
    kindText.getStyleClass().add(CanvasStyle.NODE_KIND);
    kindText.setFont(KIND_FONT);
    kindText.setX(TEXT_X);
    kindText.setY(HEIGHT / 2 + 12);
    kindText.setMouseTransparent(true);
    in.getStyleClass().addAll(CanvasStyle.PORT, CanvasStyle.PORT_IN);
    out.getStyleClass().addAll(CanvasStyle.PORT, CanvasStyle.PORT_OUT);
    in.setCenterX(0);
    in.setCenterY(HEIGHT / 2);
    out.setCenterX(WIDTH);
    out.setCenterY(HEIGHT / 2);
    getChildren().addAll(box, badge, idText, kindText, in, out);
    getStyleClass().add("flow-skin");
    // panning only translates: a cached bitmap per box is cheaper to draw than its shapes and
    // texts (a quarter less render time on 300 boxes in software rendering)
    setCache(true);
    setPickOnBounds(false);
    setAutoSizeChildren(false);
    update(component);
  }

  private static Ikon icon(String literal) {
    return ICONS.computeIfAbsent(literal, l -> new FontIcon(l).getIconCode());
  }

  void update(Component component) {
    String newType = component.kind().typeName();
    if (!newType.equals(type)) {
      if (type != null) {
        box.getStyleClass().remove("kind-" + type);
        getStyleClass().remove("kind-" + type);
      }
      type = newType;
      getStyleClass().add("kind-" + type);
      KindIcon icon = KindIcon.forType(type).orElse(KindIcon.SERVICE);
      if (glyph != null) {
        getChildren().remove(glyph);
      }
      glyph = FontIcon.of(icon(icon.literal()), 15);
      glyph.getStyleClass().add("node-icon");
      glyph.setMouseTransparent(true);
      // the glyph's box is its advance and line height: centre it in the badge
      glyph.setTextOrigin(javafx.geometry.VPos.CENTER);
      glyph.setX(BADGE_X + BADGE / 2 - 7.5);
      glyph.setY(HEIGHT / 2);
      getChildren().add(2, glyph);
      String caption = icon.label();
      if (!ellipsize(caption, KIND_FONT, TEXT_WIDTH).equals(caption)) {
        // "Stream processor" is too long for the box: the spec's type name reads well too
        String words = dev.flowsim.app.gui.edit.ComponentDefaults.words(component.kind());
        caption = Character.toUpperCase(words.charAt(0)) + words.substring(1);
      }
      kindText.setText(ellipsize(caption, KIND_FONT, TEXT_WIDTH));
    }
    if (!component.id().equals(componentId)) {
      componentId = component.id();
      Font font = fits(componentId, ID_FONT, TEXT_WIDTH) ? ID_FONT : ID_FONT_SMALL;
      idText.setFont(font);
      idText.setText(ellipsize(componentId, font, TEXT_WIDTH));
      // one id per component, on its group only: CSS caches matched styles per id, so an id on
      // every part would make styling hundreds of boxes many times slower. Parts are found by
      // style class under it, e.g. "#node-db .port-out".
      setId("node-" + componentId);
    }
  }

  private static final Text MEASURE = new Text();

  private static boolean fits(String s, Font font, double width) {
    MEASURE.setFont(font);
    MEASURE.setText(s);
    return MEASURE.getLayoutBounds().getWidth() <= width;
  }

  /** The text, shortened in the middle with an ellipsis when it is wider than {@code width}. */
  static String ellipsize(String s, Font font, double width) {
    MEASURE.setFont(font);
    MEASURE.setText(s);
    if (MEASURE.getLayoutBounds().getWidth() <= width) {
      return s;
    }
    int keep = s.length() - 1;
    while (keep > 2) {
      int head = (keep + 1) / 2;
      String t = s.substring(0, head) + "…" + s.substring(s.length() - (keep - head));
      MEASURE.setText(t);
      if (MEASURE.getLayoutBounds().getWidth() <= width) {
        return t;
      }
      keep--;
    }
    return s.substring(0, 1) + "…";
  }

  String componentId() {
    return componentId;
  }

  Region box() {
    return box;
  }

  Text idLabel() {
    return idText;
  }

  void place(double worldX, double worldY) {
    x = worldX;
    y = worldY;
    setLayoutX(worldX);
    setLayoutY(worldY);
  }

  /** Shows or hides the texts (far zoom levels draw boxes and icons only). */
  void setDetail(boolean on) {
    idText.setVisible(on);
    kindText.setVisible(on);
  }

  void setState(PseudoClass state, boolean on) {
    box.pseudoClassStateChanged(state, on);
    pseudoClassStateChanged(state, on);
  }
}
