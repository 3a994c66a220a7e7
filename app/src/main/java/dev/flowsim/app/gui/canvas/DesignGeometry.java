package dev.flowsim.app.gui.canvas;

import dev.flowsim.app.gui.doc.Selection.Link;
import javafx.geometry.Rectangle2D;

/**
 * Where the canvas drew the design, in world coordinates (the coordinates of the spec's layout),
 * for overlays that paint on top of it: component boxes and the curve of each connection.
 */
public interface DesignGeometry {

  /** The box of a component, or null if it is not drawn. */
  Rectangle2D bounds(String componentId);

  /** The drawn curve of a connection, or null if it is not drawn. */
  Curve curve(Link link);

  /** The current zoom factor (screen pixels per world unit). */
  double zoom();

  /** A connection's curve, parameterised from its source port (t = 0) to its target port (1). */
  interface Curve {
    /** Writes the point at {@code t} into {@code xy[0], xy[1]} (no allocation). */
    void at(double t, double[] xy);

    /** The curve's length in world units (approximate). */
    double length();
  }
}
