package dev.flowsim.app.gui.canvas;

/**
 * The canvas's editing and view commands, for menus, the toolbar and shortcuts. Each edit is one
 * undoable {@code Document.execute}; a command that does not apply (nothing selected, nothing to
 * paste) does nothing and says why in the status line.
 */
public interface CanvasActions {
  void cut();

  void copy();

  void paste();

  void duplicate();

  void deleteSelection();

  void selectAll();

  /** Starts inline renaming of the single selected component. */
  void renameSelected();

  void zoomIn();

  void zoomOut();

  /** Back to 100 %. */
  void zoomReset();

  void fitToWindow();

  /** Auto-layout of the whole design as one undo step. */
  void arrange();

  /** Scrolls (and selects) so that the component is visible. */
  void reveal(String componentId);
}
