package dev.flowsim.model.check;

import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.ComponentKind.Role;
import java.util.Optional;

/**
 * Which kinds of component may send to which, and why not when they may not. The designer asks this
 * while the user drags a connection, so the reason reads as advice.
 */
public final class ConnectionRules {
  private ConnectionRules() {}

  /** Empty when {@code from} may send to {@code to}; otherwise the reason it may not. */
  public static Optional<String> refusal(ComponentKind from, ComponentKind to) {
    return Optional.ofNullable(reason(from, to));
  }

  public static boolean allowed(ComponentKind from, ComponentKind to) {
    return reason(from, to) == null;
  }

  private static String reason(ComponentKind from, ComponentKind to) {
    Role f = from.role();
    Role t = to.role();
    if (t == Role.SOURCE) {
      return "a producer is a source: nothing flows into it";
    }
    if (f == Role.SINK) {
      return "a reader is an end of the dataflow: it sends nothing on";
    }
    if (t == Role.SINK && !from.isStore()) {
      return "a reader queries a store (a database or a derived store), not a " + from;
    }
    switch (f) {
      case SOURCE:
        if (t == Role.DERIVED_STORE) {
          return "clients do not write derived stores directly: send through a service, a"
              + " processor or a topic";
        }
        return null;
      case BROKER:
        if (t == Role.BROKER) {
          return "brokers do not forward to each other: put a processor between the two";
        }
        return null;
      case PROCESSOR:
        if (t == Role.PROCESSOR) {
          return "processors and services exchange events through a topic or a queue: connect"
              + " through one";
        }
        return null;
      case SYSTEM_OF_RECORD:
        if (to == ComponentKind.TOPIC || t == Role.SINK) {
          return null;
        }
        if (to == ComponentKind.DATABASE) {
          return "replicas are set with the database's followers, not with connections";
        }
        return "a database publishes its changes through CDC into a topic: connect the database"
            + " to a topic and the topic to the "
            + to;
      case DERIVED_STORE:
        return t == Role.SINK
            ? null
            : "a derived store is an end of the dataflow: only readers read from it";
      default:
        return null;
    }
  }
}
