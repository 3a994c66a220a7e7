package dev.flowsim.app.gui.canvas;

import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;

/**
 * Something painted over the design on the canvas's single overlay {@code Canvas} — message tokens,
 * badges, highlights — rather than as scene-graph nodes, so thousands stay cheap. The canvas calls
 * {@link #paint} whenever it repaints the overlay: after a pan or zoom, a layout change, or {@link
 * DesignCanvas#requestOverlayRepaint()}.
 */
public interface CanvasOverlay {

  /**
   * Paints in world coordinates: the canvas has already applied its pan/zoom transform to {@code
   * g}. Paint only what intersects {@code visible} (world coordinates) to keep work proportional to
   * what is on screen.
   */
  void paint(GraphicsContext g, DesignGeometry geometry, Rectangle2D visible);
}
