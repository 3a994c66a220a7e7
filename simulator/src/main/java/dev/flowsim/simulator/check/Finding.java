package dev.flowsim.simulator.check;

import java.util.List;

/**
 * One anomaly found in a run: what kind, when (virtual time), which components and keys, the
 * minimal witness (ids of the events involved, as {@code e-1042}), an explanation naming the
 * mechanism and the components, the usual fix, and for timeliness kinds how long it lasted.
 *
 * @param atMicros virtual time at which the anomaly became observable
 * @param durationMicros how long it lasted (STALE_READ, REPLICATION_LAG), else 0
 */
public record Finding(
    AnomalyKind kind,
    long atMicros,
    List<String> components,
    List<String> keys,
    List<String> events,
    String explanation,
    String fix,
    long durationMicros) {

  public Finding {
    components = List.copyOf(components);
    keys = List.copyOf(keys);
    events = List.copyOf(events);
  }

  /** The report's name of an event id. */
  public static String event(long id) {
    return "e-" + id;
  }
}
