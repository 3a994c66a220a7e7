package dev.flowsim.app.gui.edit;

/** "1 component", "3 connections": counted nouns for edit descriptions. */
final class Counts {
  private Counts() {}

  static String components(int n) {
    return n + (n == 1 ? " component" : " components");
  }

  static String connections(int n) {
    return n + (n == 1 ? " connection" : " connections");
  }
}
