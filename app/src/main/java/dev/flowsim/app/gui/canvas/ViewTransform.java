package dev.flowsim.app.gui.canvas;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * Pan and zoom of the canvas: screen = world × zoom + translation. Panning and zooming only change
 * the two transforms applied to the layers' group, so they cost the same for any design size.
 */
final class ViewTransform {
  static final double MIN_ZOOM = 0.1;
  static final double MAX_ZOOM = 4;
  static final double STEP = 1.25;

  final Translate translate = new Translate();
  final Scale scale = new Scale(1, 1, 0, 0);
  private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);
  private final Runnable changed;

  ViewTransform(Runnable changed) {
    this.changed = changed;
  }

  ReadOnlyDoubleProperty zoomProperty() {
    return zoom.getReadOnlyProperty();
  }

  double zoom() {
    return zoom.get();
  }

  double tx() {
    return translate.getX();
  }

  double ty() {
    return translate.getY();
  }

  double toWorldX(double sx) {
    return (sx - tx()) / zoom();
  }

  double toWorldY(double sy) {
    return (sy - ty()) / zoom();
  }

  double toScreenX(double wx) {
    return wx * zoom() + tx();
  }

  double toScreenY(double wy) {
    return wy * zoom() + ty();
  }

  /** The world rectangle seen in a viewport of the given screen size. */
  Rectangle2D visible(double width, double height) {
    return new Rectangle2D(toWorldX(0), toWorldY(0), width / zoom(), height / zoom());
  }

  void panBy(double dx, double dy) {
    set(zoom(), tx() + dx, ty() + dy);
  }

  /** Zooms by {@code factor} keeping the world point under the screen point (sx, sy) in place. */
  void zoomAt(double factor, double sx, double sy) {
    double z = clamp(zoom() * factor);
    double wx = toWorldX(sx);
    double wy = toWorldY(sy);
    set(z, sx - wx * z, sy - wy * z);
  }

  /** Centres the world point (wx, wy) in a viewport of the given size at zoom {@code z}. */
  void centreOn(double wx, double wy, double z, double width, double height) {
    z = clamp(z);
    set(z, width / 2 - wx * z, height / 2 - wy * z);
  }

  void set(double z, double x, double y) {
    if (z == zoom() && x == tx() && y == ty()) {
      return;
    }
    translate.setX(x);
    translate.setY(y);
    scale.setX(z);
    scale.setY(z);
    zoom.set(z);
    changed.run();
  }

  static double clamp(double z) {
    return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
  }
}
