package dev.flowsim.app.gui.canvas;

import javafx.css.PseudoClass;

/** Style classes and pseudo-classes of the canvas, as used by {@code canvas.css}. */
public final class CanvasStyle {
  private CanvasStyle() {}

  public static final String STYLESHEET =
      CanvasStyle.class.getResource("canvas.css").toExternalForm();

  public static final String CANVAS = "design-canvas";
  public static final String NODE = "flow-node";
  public static final String NODE_BADGE = "node-badge";
  public static final String NODE_ID = "node-id";
  public static final String NODE_KIND = "node-kind";
  public static final String PORT = "port";
  public static final String PORT_IN = "port-in";
  public static final String PORT_OUT = "port-out";
  public static final String LINK = "flow-link";
  public static final String LINK_CURVE = "link-curve";
  public static final String LINK_HIT = "link-hit";
  public static final String LINK_ARROW = "link-arrow";
  public static final String LINK_PREVIEW = "link-preview";
  public static final String RUBBER_BAND = "rubber-band";
  public static final String REFUSAL = "connect-refusal";
  public static final String RENAME_FIELD = "rename-field";
  public static final String MINIMAP = "minimap";
  public static final String VIEW_BAR = "view-bar";
  public static final String EMPTY_HINT = "empty-hint";
  public static final String DROP_GHOST = "drop-ghost";
  public static final String HIGHLIGHT_LABEL = "highlight-label";

  public static final String PALETTE = "flow-palette";
  public static final String PALETTE_SECTION = "palette-section";
  public static final String PALETTE_ITEM = "palette-item";

  public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
  public static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
  public static final PseudoClass DRAGGING = PseudoClass.getPseudoClass("dragging");
  public static final PseudoClass TARGET_OK = PseudoClass.getPseudoClass("connect-ok");
  public static final PseudoClass TARGET_REFUSED = PseudoClass.getPseudoClass("connect-refused");
  public static final PseudoClass HAS_ERROR = PseudoClass.getPseudoClass("has-error");
}
