package dev.flowsim.app.gui.edit;

import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.layouts.PipelineLayout;
import dev.flowsim.model.Pipeline;

/** Places every component anew with the standard auto-layout: "Arrange". */
public final class Arrange implements Edit {
  private final PipelineLayout layout;

  public Arrange() {
    this(PipelineLayout.standard());
  }

  public Arrange(PipelineLayout layout) {
    this.layout = layout;
  }

  @Override
  public String description() {
    return "Arrange";
  }

  @Override
  public Pipeline apply(Pipeline before) {
    return layout.arrange(before);
  }
}
