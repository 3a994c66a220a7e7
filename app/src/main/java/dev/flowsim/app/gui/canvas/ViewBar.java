package dev.flowsim.app.gui.canvas;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The floating view controls in a corner of the canvas: zoom, fit, snap to grid, minimap. */
final class ViewBar extends HBox {

  ViewBar(DesignCanvas canvas) {
    super(2);
    setId("view-bar");
    getStyleClass().add(CanvasStyle.VIEW_BAR);
    setAlignment(Pos.CENTER_LEFT);
    CanvasActions a = canvas.actions();
    Button out = icon("zoom-out", "mdi2m-magnify-minus-outline", "Zoom out (Ctrl+−)");
    out.setOnAction(e -> a.zoomOut());
    Button level = new Button("100%");
    level.setId("zoom-label");
    level.getStyleClass().addAll("flat", "zoom-level");
    level.setTooltip(new Tooltip("Actual size (Ctrl+0)"));
    level.setFocusTraversable(false);
    level.setOnAction(e -> a.zoomReset());
    canvas
        .zoomProperty()
        .addListener((o, b, z) -> level.setText(Math.round(z.doubleValue() * 100) + "%"));
    Button in = icon("zoom-in", "mdi2m-magnify-plus-outline", "Zoom in (Ctrl+=)");
    in.setOnAction(e -> a.zoomIn());
    Button fit = icon("zoom-fit", "mdi2f-fit-to-screen-outline", "Fit to window (Ctrl+Shift+F)");
    fit.setOnAction(e -> a.fitToWindow());
    ToggleButton snap = new ToggleButton();
    snap.setId("snap-toggle");
    snap.setGraphic(new FontIcon("mdi2g-grid"));
    snap.getStyleClass().addAll("flat", "button-icon");
    snap.setTooltip(new Tooltip("Snap to grid"));
    snap.setFocusTraversable(false);
    snap.selectedProperty().bindBidirectional(canvas.snapToGridProperty());
    ToggleButton map = new ToggleButton();
    map.setId("minimap-toggle");
    map.setGraphic(new FontIcon("mdi2m-map-outline"));
    map.getStyleClass().addAll("flat", "button-icon");
    map.setTooltip(new Tooltip("Show the minimap"));
    map.setFocusTraversable(false);
    map.selectedProperty().bindBidirectional(canvas.minimapVisibleProperty());
    getChildren()
        .addAll(
            out, level, in, fit, new Separator(javafx.geometry.Orientation.VERTICAL), snap, map);
  }

  private static Button icon(String id, String literal, String tip) {
    Button b = new Button();
    b.setId(id);
    b.setGraphic(new FontIcon(literal));
    b.getStyleClass().addAll("flat", "button-icon");
    b.setTooltip(new Tooltip(tip));
    b.setFocusTraversable(false);
    return b;
  }
}
