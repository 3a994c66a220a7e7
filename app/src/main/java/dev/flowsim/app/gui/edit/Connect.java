package dev.flowsim.app.gui.edit;

import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.ConnectionRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connects two components with a default connection: "Connect app → db". Refused (with the reason
 * as the exception's message) when the kinds may not be connected, the connection already exists,
 * or it would join a component to itself.
 */
public final class Connect implements Edit {
  private final String from;
  private final String to;

  public Connect(String from, String to) {
    this.from = from;
    this.to = to;
  }

  /** Why {@code from → to} cannot be added to {@code pipeline}, or empty when it can. */
  public static Optional<String> refusal(Pipeline pipeline, String from, String to) {
    Optional<Component> f = pipeline.component(from);
    Optional<Component> t = pipeline.component(to);
    if (f.isEmpty() || t.isEmpty()) {
      return Optional.of("no component is called \"" + (f.isEmpty() ? from : to) + "\"");
    }
    if (from.equals(to)) {
      return Optional.of("a component cannot send to itself");
    }
    for (Connection c : pipeline.connections()) {
      if (c.from().equals(from) && c.to().equals(to)) {
        return Optional.of(from + " already sends to " + to);
      }
    }
    return ConnectionRules.refusal(f.get().kind(), t.get().kind());
  }

  @Override
  public String description() {
    return "Connect " + from + " → " + to;
  }

  @Override
  public Pipeline apply(Pipeline before) {
    Optional<String> refusal = refusal(before, from, to);
    if (refusal.isPresent()) {
      throw new IllegalArgumentException(refusal.get());
    }
    List<Connection> list = new ArrayList<>(before.connections());
    list.add(Connection.of(from, to));
    return before.withConnections(list);
  }
}
