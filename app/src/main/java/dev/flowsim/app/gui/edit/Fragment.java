package dev.flowsim.app.gui.edit;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.model.json.SpecWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A piece of a design on the clipboard: some components, the connections among them and their
 * positions, as a small spec (JSON written by {@link SpecWriter}), so it can be pasted into another
 * window or read by a person.
 */
public final class Fragment {
  private Fragment() {}

  /**
   * The selected components of {@code pipeline}, the connections among them, and their positions
   * ({@code shown} supplies positions for components the spec does not place yet).
   */
  public static Pipeline copy(Pipeline pipeline, Set<String> ids, Map<String, Position> shown) {
    List<Component> components =
        pipeline.components().stream().filter(c -> ids.contains(c.id())).toList();
    List<Connection> connections =
        pipeline.connections().stream()
            .filter(c -> ids.contains(c.from()) && ids.contains(c.to()))
            .toList();
    Map<String, Position> layout = new LinkedHashMap<>();
    for (Component c : components) {
      Position p = pipeline.layout().get(c.id());
      if (p == null) {
        p = shown.get(c.id());
      }
      if (p != null) {
        layout.put(c.id(), p);
      }
    }
    return Pipeline.empty()
        .withComponents(components)
        .withConnections(connections)
        .withLayout(layout);
  }

  public static String toJson(Pipeline fragment) {
    return SpecWriter.write(fragment);
  }

  /** The fragment in {@code text}, or empty when it is not a spec with components. */
  public static Optional<Pipeline> fromJson(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      Pipeline p = SpecReader.parse("clipboard", text).pipeline();
      return p.components().isEmpty() ? Optional.empty() : Optional.of(p);
    } catch (SpecException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
