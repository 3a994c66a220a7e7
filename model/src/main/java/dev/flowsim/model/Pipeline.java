package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole pipeline spec: scenario settings (name, description, seed, duration), components,
 * connections, faults, constraints and canvas positions. Immutable: every edit makes a new
 * pipeline. Lists keep their order (it is the order written to files); the layout is kept in
 * component order so saved files diff well.
 *
 * @param flowsim the spec format version ({@link #FORMAT_VERSION})
 * @param schema the JSON Schema reference for editors ({@code $schema}), kept as written
 * @param name a title for the scenario
 * @param description what the scenario shows and what to look for
 * @param seed the random seed of a run (default 1)
 * @param duration simulated time of a run (default 60s)
 */
@JsonPropertyOrder({
  "flowsim",
  "$schema",
  "name",
  "description",
  "seed",
  "duration",
  "components",
  "connections",
  "faults",
  "constraints",
  "layout"
})
public record Pipeline(
    @JsonProperty(required = true) Integer flowsim,
    @JsonProperty("$schema") String schema,
    String name,
    String description,
    Long seed,
    Duration duration,
    List<Component> components,
    List<Connection> connections,
    List<Fault> faults,
    List<Constraint> constraints,
    Map<String, Position> layout) {

  /** The spec format version this Flowsim reads and writes. */
  public static final int FORMAT_VERSION = 1;

  public Pipeline {
    flowsim = flowsim == null ? FORMAT_VERSION : flowsim;
    name = name == null ? "" : name;
    description = description == null ? "" : description;
    seed = seed == null ? 1L : seed;
    duration = duration == null ? Duration.ofSeconds(60) : duration;
    components = components == null ? List.of() : List.copyOf(components);
    connections = connections == null ? List.of() : List.copyOf(connections);
    faults = faults == null ? List.of() : List.copyOf(faults);
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
    layout = orderedLayout(components, layout == null ? Map.of() : layout);
  }

  /** An empty pipeline with default settings. */
  public static Pipeline empty() {
    return new Pipeline(null, null, null, null, null, null, null, null, null, null, null);
  }

  private static Map<String, Position> orderedLayout(
      List<Component> components, Map<String, Position> layout) {
    Map<String, Position> ordered = new LinkedHashMap<>();
    for (Component c : components) {
      Position p = layout.get(c.id());
      if (p != null) {
        ordered.put(c.id(), p);
      }
    }
    // entries for unknown ids are kept (validation reports them) in their original order
    layout.forEach(ordered::putIfAbsent);
    return Collections.unmodifiableMap(ordered);
  }

  public Optional<Component> component(String id) {
    return components.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public int indexOf(String componentId) {
    for (int i = 0; i < components.size(); i++) {
      if (components.get(i).id().equals(componentId)) {
        return i;
      }
    }
    return -1;
  }

  public List<Connection> connectionsFrom(String id) {
    return connections.stream().filter(c -> c.from().equals(id)).toList();
  }

  public List<Connection> connectionsTo(String id) {
    return connections.stream().filter(c -> c.to().equals(id)).toList();
  }

  public Pipeline withComponents(List<Component> components) {
    return new Pipeline(
        flowsim,
        schema,
        name,
        description,
        seed,
        duration,
        components,
        connections,
        faults,
        constraints,
        layout);
  }

  public Pipeline withConnections(List<Connection> connections) {
    return new Pipeline(
        flowsim,
        schema,
        name,
        description,
        seed,
        duration,
        components,
        connections,
        faults,
        constraints,
        layout);
  }

  public Pipeline withFaults(List<Fault> faults) {
    return new Pipeline(
        flowsim,
        schema,
        name,
        description,
        seed,
        duration,
        components,
        connections,
        faults,
        constraints,
        layout);
  }

  public Pipeline withConstraints(List<Constraint> constraints) {
    return new Pipeline(
        flowsim,
        schema,
        name,
        description,
        seed,
        duration,
        components,
        connections,
        faults,
        constraints,
        layout);
  }

  public Pipeline withLayout(Map<String, Position> layout) {
    return new Pipeline(
        flowsim,
        schema,
        name,
        description,
        seed,
        duration,
        components,
        connections,
        faults,
        constraints,
        layout);
  }

  public Pipeline withSettings(String name, String description, long seed, Duration duration) {
    return new Pipeline(
        flowsim,
        schema,
        name,
        description,
        seed,
        duration,
        components,
        connections,
        faults,
        constraints,
        layout);
  }

  /** This pipeline with one more component (and, if given, its position). */
  public Pipeline withComponent(Component component, Position position) {
    List<Component> list = new ArrayList<>(components);
    list.add(component);
    Map<String, Position> positions = new LinkedHashMap<>(layout);
    if (position != null) {
      positions.put(component.id(), position);
    }
    return withComponents(list).withLayout(positions);
  }
}
