package dev.flowsim.app.gui.edit;

import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.Objects;

/** Adds one component at a position: "Add database". */
public final class AddComponent implements Edit {
  private final Component component;
  private final Position position;

  public AddComponent(Component component, Position position) {
    this.component = Objects.requireNonNull(component);
    this.position = position;
  }

  /** A new component of {@code kind} with a fresh id ({@code database-2}) and default settings. */
  public static AddComponent of(Pipeline current, ComponentKind kind, Position position) {
    String id = Ids.fresh(kind.typeName(), Ids.taken(current));
    return new AddComponent(ComponentDefaults.create(kind, id), position);
  }

  public Component component() {
    return component;
  }

  @Override
  public String description() {
    return "Add " + ComponentDefaults.words(component.kind());
  }

  @Override
  public Pipeline apply(Pipeline before) {
    if (before.component(component.id()).isPresent()) {
      throw new IllegalArgumentException(
          "another component is already called \"" + component.id() + "\"");
    }
    return before.withComponent(component, position);
  }
}
