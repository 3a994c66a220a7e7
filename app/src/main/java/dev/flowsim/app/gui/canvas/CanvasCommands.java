package dev.flowsim.app.gui.canvas;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.app.gui.doc.Selection;
import dev.flowsim.app.gui.edit.Arrange;
import dev.flowsim.app.gui.edit.DeleteElements;
import dev.flowsim.app.gui.edit.Fragment;
import dev.flowsim.app.gui.edit.Paste;
import dev.flowsim.model.Component;
import dev.flowsim.model.Pipeline;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;

/**
 * The canvas's {@link CanvasActions}: clipboard, delete, select, rename, view and arrange commands.
 * The clipboard holds the copied components as a small spec (JSON), on the system clipboard (so it
 * pastes into another window) and, where that is unavailable, in this process.
 */
final class CanvasCommands implements CanvasActions {
  /** The clipboard format of a design fragment (its text is a Flowsim spec). */
  static final DataFormat FRAGMENT =
      Optional.ofNullable(DataFormat.lookupMimeType("application/x-flowsim-fragment"))
          .orElseGet(() -> new DataFormat("application/x-flowsim-fragment"));

  private static String processClipboard;

  private final DesignCanvas canvas;
  private final Editor editor;
  private String lastPasted;
  private int pasteCount;

  CanvasCommands(DesignCanvas canvas) {
    this.canvas = canvas;
    this.editor = canvas.editor();
  }

  private void status(String s) {
    editor.statusProperty().set(s);
  }

  @Override
  public void cut() {
    Selection s = editor.selection();
    if (s.components().isEmpty()) {
      status("Select components to cut");
      return;
    }
    int n = s.components().size();
    copy();
    Pipeline p = editor.document().pipeline();
    DeleteElements delete = DeleteElements.of(p, s.components(), s.links());
    canvas.execute(Edit.of("Cut " + count(n), delete::apply));
  }

  @Override
  public void copy() {
    Selection s = editor.selection();
    if (s.components().isEmpty()) {
      status("Select components to copy");
      return;
    }
    Pipeline fragment =
        Fragment.copy(editor.document().pipeline(), s.components(), canvas.shownPositions());
    String json = Fragment.toJson(fragment);
    processClipboard = json;
    lastPasted = null;
    pasteCount = 0;
    try {
      ClipboardContent content = new ClipboardContent();
      content.putString(json);
      content.put(FRAGMENT, json);
      Clipboard.getSystemClipboard().setContent(content);
    } catch (RuntimeException e) {
      // headless or unavailable clipboard: the process clipboard still has it
    }
    status("Copied " + count(fragment.components().size()));
  }

  private static String count(int n) {
    return n + (n == 1 ? " component" : " components");
  }

  private Optional<String> clipboardText() {
    try {
      Clipboard cb = Clipboard.getSystemClipboard();
      Object f = cb.getContent(FRAGMENT);
      if (f instanceof String s && Fragment.fromJson(s).isPresent()) {
        return Optional.of(s);
      }
      String s = cb.getString();
      if (s != null && Fragment.fromJson(s).isPresent()) {
        return Optional.of(s);
      }
    } catch (RuntimeException e) {
      // fall back to the process clipboard
    }
    return Optional.ofNullable(processClipboard);
  }

  @Override
  public void paste() {
    Optional<String> text = clipboardText();
    Optional<Pipeline> fragment = text.flatMap(Fragment::fromJson);
    if (fragment.isEmpty()) {
      status("Nothing to paste: copy components first");
      return;
    }
    if (text.get().equals(lastPasted)) {
      pasteCount++;
    } else {
      lastPasted = text.get();
      pasteCount = 1;
    }
    double offset = DesignCanvas.GRID * 2 * pasteCount;
    insert(Paste.of(editor.document().pipeline(), fragment.get(), offset, offset, "Paste"));
  }

  private void insert(Paste paste) {
    if (canvas.execute(paste)) {
      editor.selection().selectComponents(paste.pastedIds());
    }
  }

  @Override
  public void duplicate() {
    Selection s = editor.selection();
    if (s.components().isEmpty()) {
      status("Select components to duplicate");
      return;
    }
    Pipeline p = editor.document().pipeline();
    Pipeline fragment = Fragment.copy(p, s.components(), canvas.shownPositions());
    double offset = DesignCanvas.GRID * 2;
    insert(Paste.of(p, fragment, offset, offset, "Duplicate"));
  }

  @Override
  public void deleteSelection() {
    Selection s = editor.selection();
    if (s.isEmpty()) {
      status("Select components or connections to delete");
      return;
    }
    canvas.execute(DeleteElements.of(editor.document().pipeline(), s.components(), s.links()));
  }

  @Override
  public void selectAll() {
    Set<String> all = new LinkedHashSet<>();
    for (Component c : editor.document().pipeline().components()) {
      all.add(c.id());
    }
    editor.selection().selectComponents(all);
  }

  @Override
  public void renameSelected() {
    Set<String> sel = editor.selection().components();
    if (sel.size() != 1) {
      status("Select one component to rename it");
      return;
    }
    canvas.startRename(sel.iterator().next());
  }

  @Override
  public void zoomIn() {
    canvas.zoomBy(ViewTransform.STEP);
  }

  @Override
  public void zoomOut() {
    canvas.zoomBy(1 / ViewTransform.STEP);
  }

  @Override
  public void zoomReset() {
    canvas.zoomTo(1);
  }

  @Override
  public void fitToWindow() {
    canvas.fit();
  }

  @Override
  public void arrange() {
    if (editor.document().pipeline().components().isEmpty()) {
      status("Nothing to arrange");
      return;
    }
    Pipeline before = editor.document().pipeline();
    if (before.components().size() <= DesignCanvas.ELK_LIMIT) {
      finishArrange(new Arrange().apply(before), before);
      return;
    }
    // ELK can take seconds on a large design: lay out off the FX thread, apply as one step
    status("Arranging " + before.components().size() + " components…");
    Thread worker =
        new Thread(
            () -> {
              Pipeline arranged;
              try {
                arranged = new Arrange().apply(before);
              } catch (RuntimeException e) {
                javafx.application.Platform.runLater(
                    () -> status("Arrange failed: " + e.getMessage()));
                return;
              }
              javafx.application.Platform.runLater(() -> finishArrange(arranged, before));
            },
            "flowsim-arrange");
    worker.setDaemon(true);
    worker.start();
  }

  /** Applies an arrangement computed from {@code from}, unless the design changed meanwhile. */
  private void finishArrange(Pipeline arranged, Pipeline from) {
    if (editor.document().pipeline() != from) {
      status("Arrange skipped: the design changed while it was being laid out");
      return;
    }
    if (canvas.execute(Edit.of("Arrange", p -> p == from ? arranged : p))) {
      canvas.fit();
      status("Arranged " + from.components().size() + " components");
    } else {
      status("Already arranged");
    }
  }

  @Override
  public void reveal(String componentId) {
    canvas.reveal(componentId);
  }
}
