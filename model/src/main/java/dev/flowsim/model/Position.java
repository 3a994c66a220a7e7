package dev.flowsim.model;

/** Where a component sits on the canvas, in canvas units; written as {@code [x, y]}. */
public record Position(double x, double y) {
  public Position {
    // -0.0 is written as 0 and must read back equal
    x = x == 0 ? 0.0 : x;
    y = y == 0 ? 0.0 : y;
  }
}
