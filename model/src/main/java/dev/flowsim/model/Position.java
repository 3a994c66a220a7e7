package dev.flowsim.model;

/** Where a component sits on the canvas, in canvas units; written as {@code [x, y]}. */
public record Position(double x, double y) {}
