package dev.flowsim.layouts;

/**
 * The box every component gets on the canvas and the gaps between boxes, in canvas units. A
 * component's position is the top-left corner of its box; {@code margin} is kept free above and to
 * the left of the whole drawing.
 *
 * @param nodeWidth width of a component's box
 * @param nodeHeight height of a component's box
 * @param betweenLayers horizontal gap between two columns (layers) of boxes
 * @param betweenNodes vertical gap between two boxes of one column
 * @param margin free space left of and above the drawing
 */
public record LayoutSpacing(
    double nodeWidth, double nodeHeight, double betweenLayers, double betweenNodes, double margin) {

  /** 140×56 boxes, 80 between columns, 40 between boxes of a column, 40 margin. */
  public static final LayoutSpacing DEFAULT = new LayoutSpacing(140, 56, 80, 40, 40);

  public LayoutSpacing {
    if (!(nodeWidth > 0 && nodeHeight > 0)) {
      throw new IllegalArgumentException("node size must be positive");
    }
    if (!(betweenLayers >= 0 && betweenNodes >= 0 && margin >= 0)) {
      throw new IllegalArgumentException("gaps and margin must not be negative");
    }
  }
}
