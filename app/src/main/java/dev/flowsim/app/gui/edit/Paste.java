package dev.flowsim.app.gui.edit;

import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds a {@link Fragment} to a design: ids that clash are renamed ({@code app} → {@code app-2}),
 * the connections among the pasted components follow, positions are offset. "Paste 2 components"
 * (or "Duplicate 2 components").
 */
public final class Paste implements Edit {
  private final List<Component> components;
  private final List<Connection> connections;
  private final Map<String, Position> positions;
  private final String description;

  private Paste(
      List<Component> components,
      List<Connection> connections,
      Map<String, Position> positions,
      String description) {
    this.components = components;
    this.connections = connections;
    this.positions = positions;
    this.description = description;
  }

  /**
   * Pasting {@code fragment} into {@code current}, positions moved by ({@code dx}, {@code dy});
   * components of the fragment without a position are placed at ({@code dx}, {@code dy}) onwards.
   */
  public static Paste of(Pipeline current, Pipeline fragment, double dx, double dy, String verb) {
    Set<String> taken = Ids.taken(current);
    Map<String, String> ids = new HashMap<>();
    List<Component> components = new ArrayList<>();
    Map<String, Position> positions = new LinkedHashMap<>();
    int unplaced = 0;
    for (Component c : fragment.components()) {
      String id = Ids.fresh(c.id(), taken);
      taken.add(id);
      ids.put(c.id(), id);
      components.add(c.withId(id));
      Position p = fragment.layout().get(c.id());
      positions.put(
          id,
          p == null
              ? new Position(dx + 20 * unplaced, dy + 20 * unplaced++)
              : new Position(p.x() + dx, p.y() + dy));
    }
    List<Connection> connections = new ArrayList<>();
    for (Connection c : fragment.connections()) {
      if (ids.containsKey(c.from()) && ids.containsKey(c.to())) {
        connections.add(c.withEnds(ids.get(c.from()), ids.get(c.to())));
      }
    }
    return new Paste(
        List.copyOf(components),
        List.copyOf(connections),
        positions,
        verb + " " + Counts.components(components.size()));
  }

  /** The ids the pasted components get. */
  public List<String> pastedIds() {
    return components.stream().map(Component::id).toList();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Pipeline apply(Pipeline before) {
    List<Component> all = new ArrayList<>(before.components());
    for (Component c : components) {
      if (before.component(c.id()).isPresent()) {
        throw new IllegalArgumentException(
            "another component is already called \"" + c.id() + "\"");
      }
      all.add(c);
    }
    List<Connection> conns = new ArrayList<>(before.connections());
    conns.addAll(connections);
    Map<String, Position> layout = new LinkedHashMap<>(before.layout());
    layout.putAll(positions);
    return before.withComponents(all).withConnections(conns).withLayout(layout);
  }
}
