package dev.flowsim.app.gui.doc;

import dev.flowsim.model.Pipeline;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The design being edited: the current immutable {@link Pipeline}, the file it belongs to (none
 * while untitled), an undo/redo history of {@link Edit}s and the dirty flag. Every change of the
 * pipeline goes through {@link #execute}, so every change can be undone; an edit that changes
 * nothing is refused. Dirty means "differs from what was last saved or opened": undoing back to the
 * saved revision makes the document clean again. Used from the FX thread only.
 */
public final class Document {

  private record Step(Edit edit, Pipeline before, Pipeline after, long revision) {}

  private final ReadOnlyObjectWrapper<Pipeline> pipeline;
  private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
  private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
  private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
  private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
  private final ReadOnlyStringWrapper undoText =
      new ReadOnlyStringWrapper(this, "undoText", "Undo");
  private final ReadOnlyStringWrapper redoText =
      new ReadOnlyStringWrapper(this, "redoText", "Redo");
  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
  private final Deque<Step> undo = new ArrayDeque<>();
  private final Deque<Step> redo = new ArrayDeque<>();
  private long nextRevision = 1;
  private long savedRevision;
  private String untitledName = "Untitled";

  /** A new untitled document holding the given pipeline, clean. */
  public Document(Pipeline initial) {
    pipeline = new ReadOnlyObjectWrapper<>(this, "pipeline", Objects.requireNonNull(initial));
    refresh();
  }

  public ReadOnlyObjectProperty<Pipeline> pipelineProperty() {
    return pipeline.getReadOnlyProperty();
  }

  public Pipeline pipeline() {
    return pipeline.get();
  }

  /** The file this document is saved to, or null while untitled. */
  public ReadOnlyObjectProperty<Path> fileProperty() {
    return file.getReadOnlyProperty();
  }

  public Path file() {
    return file.get();
  }

  /** Changes with every edit, undo, redo and replacement: a cheap "something changed" signal. */
  public ReadOnlyLongProperty revisionProperty() {
    return revision.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  public boolean isDirty() {
    return dirty.get();
  }

  public ReadOnlyBooleanProperty canUndoProperty() {
    return canUndo.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canRedoProperty() {
    return canRedo.getReadOnlyProperty();
  }

  /** "Undo Move 3 components", or "Undo" when there is nothing to undo. */
  public ReadOnlyStringProperty undoTextProperty() {
    return undoText.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty redoTextProperty() {
    return redoText.getReadOnlyProperty();
  }

  /** The window title: file name (or "Untitled"), an unsaved marker, and the app name. */
  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  /**
   * Applies an edit as one undo step.
   *
   * @return false when the edit changes nothing (refused, no undo step)
   * @throws IllegalArgumentException when the edit cannot apply (its message is for the user)
   */
  public boolean execute(Edit edit) {
    Pipeline before = pipeline.get();
    Pipeline after = Objects.requireNonNull(edit.apply(before), "an edit returned null");
    if (after.equals(before)) {
      return false;
    }
    undo.push(new Step(edit, before, after, nextRevision++));
    redo.clear();
    pipeline.set(after);
    refresh();
    return true;
  }

  public void undo() {
    if (undo.isEmpty()) {
      return;
    }
    Step s = undo.pop();
    redo.push(s);
    pipeline.set(s.before());
    refresh();
  }

  public void redo() {
    if (redo.isEmpty()) {
      return;
    }
    Step s = redo.pop();
    undo.push(s);
    pipeline.set(s.after());
    refresh();
  }

  /**
   * Replaces the whole content (New, Open, Examples, Recover): clears the history. A null file
   * makes the document untitled; {@code clean} says whether it counts as saved (an opened file) or
   * as unsaved work (a recovered autosave, an example opened as a new document).
   */
  public void replace(Pipeline content, Path newFile, boolean clean) {
    undo.clear();
    redo.clear();
    pipeline.set(Objects.requireNonNull(content));
    file.set(newFile);
    savedRevision = clean ? 0 : -1;
    refresh();
  }

  /** The name shown while untitled, e.g. the example's name. */
  public void setUntitledName(String name) {
    untitledName = name == null || name.isBlank() ? "Untitled" : name;
    refresh();
  }

  /** The name shown while untitled ("Untitled" unless set). */
  public String untitledName() {
    return untitledName;
  }

  /** Records that the current content was saved to {@code savedTo}. */
  public void markSaved(Path savedTo) {
    file.set(Objects.requireNonNull(savedTo));
    savedRevision = currentRevision();
    refresh();
  }

  private long currentRevision() {
    return undo.isEmpty() ? 0 : undo.peek().revision();
  }

  private void refresh() {
    long current = currentRevision();
    revision.set(revision.get() + 1);
    dirty.set(current != savedRevision);
    canUndo.set(!undo.isEmpty());
    canRedo.set(!redo.isEmpty());
    undoText.set(undo.isEmpty() ? "Undo" : "Undo " + undo.peek().edit().description());
    redoText.set(redo.isEmpty() ? "Redo" : "Redo " + redo.peek().edit().description());
    String name = file.get() == null ? untitledName : file.get().getFileName().toString();
    title.set((dirty.get() ? "• " : "") + name + " — Flowsim");
  }
}
