package dev.flowsim.app.gui.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentTest {

  private static Edit rename(String name) {
    return Edit.of(
        "Rename the design to " + name,
        p -> p.withSettings(name, p.description(), p.seed(), p.duration()));
  }

  private static Edit reseed(long seed) {
    return Edit.of(
        "Set the seed", p -> p.withSettings(p.name(), p.description(), seed, p.duration()));
  }

  @Test
  void anEditIsOneUndoStepWithItsDescription() {
    Document d = new Document(Pipeline.empty());
    assertEquals("Undo", d.undoTextProperty().get());
    assertFalse(d.canUndoProperty().get());

    assertTrue(d.execute(rename("orders")));
    assertEquals("orders", d.pipeline().name());
    assertEquals("Undo Rename the design to orders", d.undoTextProperty().get());
    assertEquals("Redo", d.redoTextProperty().get());

    d.undo();
    assertEquals("", d.pipeline().name());
    assertEquals("Undo", d.undoTextProperty().get());
    assertEquals("Redo Rename the design to orders", d.redoTextProperty().get());
    assertTrue(d.canRedoProperty().get());

    d.redo();
    assertEquals("orders", d.pipeline().name());
    assertFalse(d.canRedoProperty().get());
  }

  @Test
  void undoAndRedoGoThroughSeveralStepsInOrder() {
    Document d = new Document(Pipeline.empty());
    d.execute(rename("a"));
    d.execute(reseed(7));
    d.execute(rename("b"));
    d.undo();
    d.undo();
    assertEquals("a", d.pipeline().name());
    assertEquals(1L, d.pipeline().seed());
    d.redo();
    assertEquals(7L, d.pipeline().seed());
    assertEquals("a", d.pipeline().name());
    // a new edit after undo drops what could be redone
    d.execute(rename("c"));
    assertFalse(d.canRedoProperty().get());
    d.redo();
    assertEquals("c", d.pipeline().name());
  }

  @Test
  void anEditThatChangesNothingIsRefused() {
    Document d = new Document(Pipeline.empty());
    d.execute(rename("same"));
    long revision = d.revisionProperty().get();
    Pipeline before = d.pipeline();

    assertFalse(d.execute(rename("same")));
    assertSame(before, d.pipeline());
    assertEquals(revision, d.revisionProperty().get());
    assertEquals("Undo Rename the design to same", d.undoTextProperty().get());
    d.undo();
    assertFalse(d.canUndoProperty().get(), "the refused edit left no step");
  }

  @Test
  void anEditThatCannotApplyChangesNothing() {
    Document d = new Document(Pipeline.empty());
    Edit bad =
        Edit.of(
            "Break",
            p -> {
              throw new IllegalArgumentException("no such component");
            });
    assertThrows(IllegalArgumentException.class, () -> d.execute(bad));
    assertFalse(d.isDirty());
    assertFalse(d.canUndoProperty().get());
  }

  @Test
  void dirtyMeansDifferentFromTheSavedRevision() {
    Document d = new Document(Pipeline.empty());
    assertFalse(d.isDirty());
    d.execute(rename("a"));
    assertTrue(d.isDirty());
    d.undo();
    assertFalse(d.isDirty(), "undo back to the opened state is clean");
    d.redo();
    assertTrue(d.isDirty());

    d.markSaved(Path.of("/tmp/x/design.json"));
    assertFalse(d.isDirty());
    d.execute(rename("b"));
    assertTrue(d.isDirty());
    d.undo();
    assertFalse(d.isDirty(), "undo back to the saved revision is clean");
    d.undo();
    assertTrue(d.isDirty(), "before the saved revision is dirty again");
    d.redo();
    assertFalse(d.isDirty());
  }

  @Test
  void dirtyChangesAreObservable() {
    Document d = new Document(Pipeline.empty());
    List<Boolean> seen = new ArrayList<>();
    d.dirtyProperty().addListener((obs, was, now) -> seen.add(now));
    d.execute(rename("a"));
    d.execute(rename("b"));
    d.undo();
    d.undo();
    assertEquals(List.of(true, false), seen);
  }

  @Test
  void titleNamesTheFileAndMarksUnsavedWork() {
    Document d = new Document(Pipeline.empty());
    assertEquals("Untitled — Flowsim", d.titleProperty().get());
    d.setUntitledName("Dual write (broken)");
    assertEquals("Dual write (broken) — Flowsim", d.titleProperty().get());
    d.execute(rename("a"));
    assertEquals("• Dual write (broken) — Flowsim", d.titleProperty().get());
    d.markSaved(Path.of("/tmp/designs/orders.json"));
    assertEquals("orders.json — Flowsim", d.titleProperty().get());
    d.execute(rename("b"));
    assertEquals("• orders.json — Flowsim", d.titleProperty().get());
    d.setUntitledName(" ");
    assertEquals("Untitled", d.untitledName());
  }

  @Test
  void replaceClearsTheHistoryAndSetsTheFile() {
    Document d = new Document(Pipeline.empty());
    d.execute(rename("a"));
    d.execute(rename("b"));
    d.undo();
    Pipeline opened = Pipeline.empty().withSettings("opened", "", 3, Pipeline.empty().duration());

    d.replace(opened, Path.of("/tmp/opened.json"), true);
    assertEquals(opened, d.pipeline());
    assertEquals(Path.of("/tmp/opened.json"), d.file());
    assertFalse(d.canUndoProperty().get());
    assertFalse(d.canRedoProperty().get());
    assertEquals("Undo", d.undoTextProperty().get());
    assertFalse(d.isDirty());
    d.undo(); // nothing to undo: no change
    assertEquals(opened, d.pipeline());

    // recovered work: unsaved, tied to its file
    d.replace(opened, Path.of("/tmp/opened.json"), false);
    assertTrue(d.isDirty());
    assertEquals("• opened.json — Flowsim", d.titleProperty().get());
    d.execute(rename("c"));
    d.undo();
    assertTrue(d.isDirty(), "undo back to recovered content is still unsaved");

    d.replace(Pipeline.empty(), null, true);
    assertNull(d.file());
    assertEquals("Untitled — Flowsim", d.titleProperty().get());
  }
}
