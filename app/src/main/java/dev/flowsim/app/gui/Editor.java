package dev.flowsim.app.gui;

import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.app.gui.doc.Selection;
import dev.flowsim.app.gui.sim.RunSession;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.SpecCheck;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Everything one designer window works on, shared by its panels: the {@link Document} (model and
 * undo history), the {@link Selection}, the live diagnostics of the current pipeline, the
 * simulation {@link RunSession}, and the status line. Panels observe these and change the design
 * only through {@link Document#execute}; none reaches into another panel.
 */
public final class Editor {

  private final Document document;
  private final Selection selection = new Selection();
  private final RunSession run = new RunSession();
  private final ReadOnlyObjectWrapper<List<Diagnostic>> diagnostics =
      new ReadOnlyObjectWrapper<>(this, "diagnostics", List.of());
  private final StringProperty status = new SimpleStringProperty(this, "status", "");

  public Editor(Pipeline initial) {
    document = new Document(initial);
    recheck();
    document
        .pipelineProperty()
        .addListener(
            (obs, before, after) -> {
              selection.retainExisting(after);
              recheck();
              run.designChanged(after);
            });
  }

  public Document document() {
    return document;
  }

  public Selection selection() {
    return selection;
  }

  public RunSession run() {
    return run;
  }

  /** Validation errors and lint warnings of the current pipeline, recomputed on every change. */
  public ReadOnlyObjectProperty<List<Diagnostic>> diagnosticsProperty() {
    return diagnostics.getReadOnlyProperty();
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics.get();
  }

  /** The status bar's message (what just happened, or why something was refused). */
  public StringProperty statusProperty() {
    return status;
  }

  private void recheck() {
    diagnostics.set(List.copyOf(SpecCheck.check(document.pipeline())));
  }
}
