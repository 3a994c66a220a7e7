package dev.flowsim.app.gui.edit;

import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Constraint;
import dev.flowsim.model.Fault;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes components and connections as one step: a component goes with its connections, the faults
 * that name it, the constraints on it as a store, and its layout entry; a constraint it enforced is
 * left without an enforcer. "Delete 2 components and 3 connections".
 */
public final class DeleteElements implements Edit {
  private final Set<String> components;
  private final Set<Link> links;
  private final String description;

  private DeleteElements(Set<String> components, Set<Link> links, String description) {
    this.components = components;
    this.links = links;
    this.description = description;
  }

  /** Deleting these components and connections from {@code current} (for the description). */
  public static DeleteElements of(Pipeline current, Set<String> components, Set<Link> links) {
    Set<String> ids = Set.copyOf(components);
    Set<Link> ls = Set.copyOf(links);
    int comps = (int) current.components().stream().filter(c -> ids.contains(c.id())).count();
    int conns = (int) current.connections().stream().filter(c -> removes(ids, ls, c)).count();
    String what;
    if (comps == 1 && conns == 0) {
      what = ids.iterator().next();
    } else if (comps == 0 && conns == 1) {
      what =
          current.connections().stream()
              .filter(c -> removes(ids, ls, c))
              .map(c -> "connection " + c.from() + " → " + c.to())
              .findFirst()
              .orElseThrow();
    } else if (comps == 0) {
      what = Counts.connections(conns);
    } else if (conns == 0) {
      what = Counts.components(comps);
    } else {
      what = Counts.components(comps) + " and " + Counts.connections(conns);
    }
    return new DeleteElements(ids, ls, "Delete " + what);
  }

  private static boolean removes(Set<String> ids, Set<Link> links, Connection c) {
    return ids.contains(c.from()) || ids.contains(c.to()) || links.contains(Link.of(c));
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Pipeline apply(Pipeline before) {
    List<Connection> connections = new ArrayList<>();
    for (Connection c : before.connections()) {
      if (!removes(components, links, c)) {
        connections.add(c);
      }
    }
    List<Fault> faults = new ArrayList<>();
    for (Fault f : before.faults()) {
      if (f.componentIds().stream().noneMatch(components::contains)) {
        faults.add(f);
      }
    }
    List<Constraint> constraints = new ArrayList<>();
    for (Constraint c : before.constraints()) {
      if (components.contains(c.store())) {
        continue;
      }
      constraints.add(
          c.enforcedBy() != null && components.contains(c.enforcedBy())
              ? new Constraint(c.id(), c.type(), c.store(), null)
              : c);
    }
    Map<String, Position> layout = new LinkedHashMap<>(before.layout());
    layout.keySet().removeAll(components);
    return before
        .withComponents(
            before.components().stream().filter(c -> !components.contains(c.id())).toList())
        .withConnections(connections)
        .withFaults(faults)
        .withConstraints(constraints)
        .withLayout(layout);
  }
}
