package dev.flowsim.app.gui.canvas;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.layout.Background;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * Colours for what the canvas paints itself (grid, minimap, highlights), taken from the theme: each
 * is the background of an invisible probe region styled by {@code canvas.css} with the theme's
 * looked-up colours, so light and dark themes both apply.
 */
final class CanvasColors {
  enum Role {
    GRID("probe-grid", Color.rgb(0, 0, 0, 0.12)),
    GRID_MAJOR("probe-grid-major", Color.rgb(0, 0, 0, 0.2)),
    NODE("probe-node", Color.rgb(120, 130, 140)),
    SELECTED("probe-selected", Color.rgb(9, 105, 218)),
    LINK("probe-link", Color.rgb(140, 149, 159)),
    VIEWPORT("probe-viewport", Color.rgb(9, 105, 218)),
    HIGHLIGHT("probe-highlight", Color.rgb(207, 34, 46)),
    PATH("probe-path", Color.rgb(191, 135, 0)),
    PATH_TEXT("probe-path-text", Color.WHITE),
    SURFACE("probe-surface", Color.WHITE);

    final String styleClass;
    final Color fallback;

    Role(String styleClass, Color fallback) {
      this.styleClass = styleClass;
      this.fallback = fallback;
    }
  }

  private final Map<Role, Region> probes = new HashMap<>();

  CanvasColors(Pane host) {
    for (Role r : Role.values()) {
      Region probe = new Region();
      probe.getStyleClass().addAll("color-probe", r.styleClass);
      probe.setManaged(false);
      probe.setMouseTransparent(true);
      probe.resize(0, 0);
      probe.setOpacity(0);
      probes.put(r, probe);
      host.getChildren().add(probe);
    }
  }

  Color get(Role role) {
    Background b = probes.get(role).getBackground();
    if (b != null && !b.getFills().isEmpty()) {
      Paint p = b.getFills().get(0).getFill();
      if (p instanceof Color c) {
        return c;
      }
    }
    return role.fallback;
  }
}
