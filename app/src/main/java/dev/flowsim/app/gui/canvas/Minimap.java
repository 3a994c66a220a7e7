package dev.flowsim.app.gui.canvas;

import dev.flowsim.app.gui.canvas.CanvasColors.Role;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;

/**
 * A small map of the whole design in a corner of the canvas, with the part in view outlined. The
 * design layer is redrawn only when the design changes; panning and zooming redraw only the
 * outline. Clicking or dragging on the map moves the view there.
 */
final class Minimap extends StackPane {
  static final double WIDTH = 196;
  static final double HEIGHT = 128;
  private static final double PAD = 8;

  private final DesignCanvas host;
  private final Canvas design = new Canvas(WIDTH, HEIGHT);
  private final Canvas viewport = new Canvas(WIDTH, HEIGHT);
  private Rectangle2D world = new Rectangle2D(0, 0, 1, 1);
  private double scale = 1;
  private double ox;
  private double oy;

  Minimap(DesignCanvas host) {
    this.host = host;
    getStyleClass().add(CanvasStyle.MINIMAP);
    setId("minimap");
    setMinSize(WIDTH, HEIGHT);
    setPrefSize(WIDTH, HEIGHT);
    setMaxSize(WIDTH, HEIGHT);
    getChildren().addAll(design, viewport);
    addEventHandler(MouseEvent.MOUSE_PRESSED, this::moveView);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::moveView);
    addEventHandler(MouseEvent.ANY, MouseEvent::consume);
  }

  private void moveView(MouseEvent e) {
    double wx = (e.getX() - ox) / scale;
    double wy = (e.getY() - oy) / scale;
    host.centreOn(wx, wy);
    e.consume();
  }

  /** Redraws the design layer: one rectangle per component, one line per connection. */
  void paintDesign() {
    GraphicsContext g = design.getGraphicsContext2D();
    g.clearRect(0, 0, WIDTH, HEIGHT);
    Rectangle2D b = host.designBounds();
    if (b == null) {
      world = new Rectangle2D(0, 0, 1, 1);
      return;
    }
    world = b;
    scale = Math.min((WIDTH - 2 * PAD) / b.getWidth(), (HEIGHT - 2 * PAD) / b.getHeight());
    ox = (WIDTH - b.getWidth() * scale) / 2 - b.getMinX() * scale;
    oy = (HEIGHT - b.getHeight() * scale) / 2 - b.getMinY() * scale;
    g.setStroke(host.colors().get(Role.LINK));
    g.setLineWidth(1);
    host.forEachLinkEnds(
        (x0, y0, x1, y1) ->
            g.strokeLine(ox + x0 * scale, oy + y0 * scale, ox + x1 * scale, oy + y1 * scale));
    g.setFill(host.colors().get(Role.NODE));
    double w = Math.max(2, NodeSkin.WIDTH * scale);
    double h = Math.max(2, NodeSkin.HEIGHT * scale);
    host.forEachNodeBox((x, y) -> g.fillRoundRect(ox + x * scale, oy + y * scale, w, h, 3, 3));
    g.setFill(host.colors().get(Role.SELECTED));
    host.forEachSelectedBox((x, y) -> g.fillRoundRect(ox + x * scale, oy + y * scale, w, h, 3, 3));
  }

  /** Redraws only the outline of the part of the design in view. */
  void paintViewport(Rectangle2D visible) {
    GraphicsContext g = viewport.getGraphicsContext2D();
    g.clearRect(0, 0, WIDTH, HEIGHT);
    // the whole design in view: an outline round the whole map says nothing
    if (world.getWidth() <= 1 || visible.contains(world)) {
      return;
    }
    double x = Math.max(1, ox + visible.getMinX() * scale);
    double y = Math.max(1, oy + visible.getMinY() * scale);
    double r = Math.min(WIDTH - 1, ox + visible.getMaxX() * scale);
    double bt = Math.min(HEIGHT - 1, oy + visible.getMaxY() * scale);
    if (r <= x || bt <= y) {
      return;
    }
    var c = host.colors().get(Role.VIEWPORT);
    g.setFill(c.deriveColor(0, 1, 1, 0.06));
    g.fillRoundRect(x, y, r - x, bt - y, 4, 4);
    g.setStroke(c);
    g.setLineWidth(1.5);
    g.strokeRoundRect(x, y, r - x, bt - y, 4, 4);
  }
}
