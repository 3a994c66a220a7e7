package dev.flowsim.app.gui.doc;

import dev.flowsim.model.Pipeline;
import java.util.function.UnaryOperator;

/**
 * One user edit of a design: a pure function from the pipeline before to the pipeline after, with
 * the text the Edit menu shows ("Move 3 components"). Edits capture what they need when built, so
 * undo is simply going back to the pipeline before (the model is immutable).
 */
public interface Edit {

  /** What the edit does, for "Undo …"/"Redo …" menu texts, e.g. {@code "Move 3 components"}. */
  String description();

  /**
   * The pipeline after this edit. Returning an equal pipeline means the edit does nothing and it is
   * refused (no undo step).
   *
   * @throws IllegalArgumentException with a user-facing message when the edit cannot apply
   */
  Pipeline apply(Pipeline before);

  /** An edit from a description and a function. */
  static Edit of(String description, UnaryOperator<Pipeline> function) {
    return new Edit() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public Pipeline apply(Pipeline before) {
        return function.apply(before);
      }

      @Override
      public String toString() {
        return "Edit[" + description + "]";
      }
    };
  }
}
