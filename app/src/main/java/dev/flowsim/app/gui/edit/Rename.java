package dev.flowsim.app.gui.edit;

import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Constraint;
import dev.flowsim.model.Fault;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renames a component and every reference to it — connections, faults, constraints, layout — as one
 * step: "Rename app to api". Refused when the new id is illegal or taken.
 */
public final class Rename implements Edit {
  private final String from;
  private final String to;

  public Rename(String from, String to) {
    this.from = from;
    this.to = to;
  }

  @Override
  public String description() {
    return "Rename " + from + " to " + to;
  }

  @Override
  public Pipeline apply(Pipeline before) {
    if (before.component(from).isEmpty()) {
      throw new IllegalArgumentException("no component is called \"" + from + "\"");
    }
    Optional<String> refusal = Ids.renameRefusal(before, from, to);
    if (refusal.isPresent()) {
      throw new IllegalArgumentException(refusal.get());
    }
    if (from.equals(to)) {
      return before;
    }
    List<Component> components =
        before.components().stream().map(c -> c.id().equals(from) ? c.withId(to) : c).toList();
    List<Connection> connections =
        before.connections().stream().map(c -> c.withEnds(id(c.from()), id(c.to()))).toList();
    // a rewound group named by default after its consumer's id follows the rename, unless some
    // consumer names a group so explicitly
    boolean explicitGroup =
        before.connections().stream()
            .anyMatch(c -> c.consumer() != null && from.equals(c.consumer().group()));
    List<Fault> faults = before.faults().stream().map(f -> rename(f, explicitGroup)).toList();
    List<Constraint> constraints =
        before.constraints().stream()
            .map(
                c ->
                    new Constraint(
                        c.id(),
                        c.type(),
                        id(c.store()),
                        c.enforcedBy() == null ? null : id(c.enforcedBy())))
            .toList();
    Map<String, Position> layout = new LinkedHashMap<>();
    before.layout().forEach((k, v) -> layout.put(id(k), v));
    return before
        .withComponents(components)
        .withConnections(connections)
        .withFaults(faults)
        .withConstraints(constraints)
        .withLayout(layout);
  }

  private String id(String id) {
    return from.equals(id) ? to : id;
  }

  private Fault rename(Fault f, boolean explicitGroup) {
    if (f instanceof Fault.Crash c) {
      return new Fault.Crash(id(c.component()), c.at(), c.restartAfter(), c.replica());
    } else if (f instanceof Fault.Partition p) {
      return new Fault.Partition(id(p.from()), id(p.to()), p.at(), p.duration(), p.oneWay());
    } else if (f instanceof Fault.Slow s) {
      return new Fault.Slow(id(s.component()), s.at(), s.duration(), s.factor());
    } else if (f instanceof Fault.ClockChange c) {
      return new Fault.ClockChange(id(c.component()), c.at(), c.skew(), c.driftPpm());
    } else if (f instanceof Fault.Burst b) {
      return new Fault.Burst(id(b.component()), b.at(), b.duration(), b.factor());
    } else if (f instanceof Fault.Offline o) {
      return new Fault.Offline(id(o.component()), o.at(), o.duration());
    } else if (f instanceof Fault.RetentionShrink r) {
      return new Fault.RetentionShrink(id(r.component()), r.at(), r.retention());
    } else if (f instanceof Fault.Rewind r) {
      String group = r.group() == null || explicitGroup ? r.group() : id(r.group());
      return new Fault.Rewind(id(r.component()), group, r.at(), r.by());
    }
    return f;
  }
}
