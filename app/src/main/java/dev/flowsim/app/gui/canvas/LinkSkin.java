package dev.flowsim.app.gui.canvas;

import dev.flowsim.app.gui.doc.Selection.Link;
import javafx.scene.Group;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;

/**
 * The view of one connection: a smooth cubic curve from the source's output port to the target's
 * input port, ending in an arrowhead, with a wider invisible stroke that is easier to hover and
 * click. It is also the connection's {@link DesignGeometry.Curve} for overlays.
 */
final class LinkSkin extends Group implements DesignGeometry.Curve {
  static final double ARROW_LENGTH = 9;
  static final double ARROW_HALF_WIDTH = 4.5;

  final Link link;
  private final Path curve = new Path();
  private final Path hit = new Path();
  private final Polygon arrow = new Polygon();
  private final MoveTo m1 = new MoveTo();
  private final CubicCurveTo c1 = new CubicCurveTo();
  private final MoveTo m2 = new MoveTo();
  private final CubicCurveTo c2 = new CubicCurveTo();
  // control points of the drawn curve, in world units
  private double x0;
  private double y0;
  private double x1;
  private double y1;
  private double x2;
  private double y2;
  private double x3;
  private double y3;
  private double length;

  LinkSkin(Link link) {
    this.link = link;
    getStyleClass().add(CanvasStyle.LINK);
    curve.getStyleClass().add(CanvasStyle.LINK_CURVE);
    hit.getStyleClass().add(CanvasStyle.LINK_HIT);
    arrow.getStyleClass().add(CanvasStyle.LINK_ARROW);
    curve.getElements().addAll(m1, c1);
    hit.getElements().addAll(m2, c2);
    // picked on its wide stroke but never drawn: an opacity of 0 is skipped by the renderer
    hit.setOpacity(0);
    curve.setMouseTransparent(true);
    arrow.setMouseTransparent(true);
    getChildren().addAll(hit, curve, arrow);
    setPickOnBounds(false);
    // no id (see NodeSkin): the link is kept in the node's properties
    getProperties().put(Link.class, link);
  }

  /** Routes the curve from an output port at (sx, sy) to an input port at (tx, ty). */
  void route(double sx, double sy, double tx, double ty) {
    double ex = tx - ARROW_LENGTH;
    double dx = ex - sx;
    // forward links bend gently; backward links loop out so the arrow still enters from the left
    double reach = dx >= 0 ? Math.max(30, dx * 0.5) : Math.max(80, Math.min(240, -dx * 0.5 + 60));
    x0 = sx;
    y0 = sy;
    x1 = sx + reach;
    y1 = sy;
    x2 = ex - reach;
    y2 = ty;
    x3 = ex;
    y3 = ty;
    m1.setX(x0);
    m1.setY(y0);
    c1.setControlX1(x1);
    c1.setControlY1(y1);
    c1.setControlX2(x2);
    c1.setControlY2(y2);
    c1.setX(x3);
    c1.setY(y3);
    m2.setX(x0);
    m2.setY(y0);
    c2.setControlX1(x1);
    c2.setControlY1(y1);
    c2.setControlX2(x2);
    c2.setControlY2(y2);
    c2.setX(x3);
    c2.setY(y3);
    arrow
        .getPoints()
        .setAll(tx, ty, ex, ty - ARROW_HALF_WIDTH, ex + 2, ty, ex, ty + ARROW_HALF_WIDTH);
    length = approximateLength();
  }

  private double approximateLength() {
    double[] xy = new double[2];
    double px = x0;
    double py = y0;
    double sum = 0;
    for (int i = 1; i <= 16; i++) {
      at(i / 16.0, xy);
      sum += Math.hypot(xy[0] - px, xy[1] - py);
      px = xy[0];
      py = xy[1];
    }
    return sum;
  }

  @Override
  public void at(double t, double[] xy) {
    double u = 1 - t;
    double a = u * u * u;
    double b = 3 * u * u * t;
    double c = 3 * u * t * t;
    double d = t * t * t;
    xy[0] = a * x0 + b * x1 + c * x2 + d * x3;
    xy[1] = a * y0 + b * y1 + c * y2 + d * y3;
  }

  @Override
  public double length() {
    return length;
  }

  boolean boxIntersects(double minX, double minY, double maxX, double maxY) {
    double lx = Math.min(Math.min(x0, x1), Math.min(x2, x3));
    double hx = Math.max(Math.max(x0, x1), Math.max(x2, x3));
    double ly = Math.min(Math.min(y0, y1), Math.min(y2, y3));
    double hy = Math.max(Math.max(y0, y1), Math.max(y2, y3));
    return hx >= minX && lx <= maxX && hy >= minY && ly <= maxY;
  }

  void setState(javafx.css.PseudoClass state, boolean on) {
    pseudoClassStateChanged(state, on);
  }
}
