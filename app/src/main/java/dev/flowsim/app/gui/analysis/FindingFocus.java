package dev.flowsim.app.gui.analysis;

import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.app.gui.sim.Highlight;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.Finding;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.StringTable;
import dev.flowsim.simulator.trace.TraceCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the canvas should emphasise for one finding: the components it names, the connections it
 * names (a finding lists a link by its label {@code from -> to}), and the causal path of its
 * witness events — the links their messages crossed, read from the SEND and DELIVER steps of those
 * events in trace order (a data step's old value is the link's index in the component table).
 */
public final class FindingFocus {

  private FindingFocus() {}

  /** The highlight of {@code finding} in {@code result}'s run. */
  public static Highlight of(SimulationResult result, Finding finding) {
    return of(result, finding, path(result, finding.events()));
  }

  /** The highlight of {@code finding} with a causal path already read from the trace. */
  public static Highlight of(SimulationResult result, Finding finding, List<Link> path) {
    Pipeline pipeline = result.pipeline();
    Map<String, Link> byLabel = linksByLabel(pipeline);
    Set<String> components = new LinkedHashSet<>();
    Set<Link> links = new LinkedHashSet<>();
    for (String name : finding.components()) {
      Link link = byLabel.get(name);
      if (link != null) {
        links.add(link);
      } else if (pipeline.component(name).isPresent()) {
        components.add(name);
      }
    }
    links.addAll(path);
    return new Highlight(components, links, path, finding.kind().name());
  }

  /** The component ids a finding names (without its link labels), in its order. */
  public static List<String> componentIds(Pipeline pipeline, Finding finding) {
    List<String> out = new ArrayList<>();
    for (String name : finding.components()) {
      if (pipeline.component(name).isPresent()) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * The links the messages of {@code events} (ids as {@code e-1042}) crossed, in the order of the
   * trace; a link appears once, at its first crossing. Events whose steps are no longer stored (a
   * bounded trace) contribute nothing.
   */
  public static List<Link> path(SimulationResult result, List<String> events) {
    Set<Long> ids = new java.util.HashSet<>();
    for (String e : events) {
      long id = eventId(e);
      if (id >= 0) {
        ids.add(id);
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    Map<String, Link> byLabel = linksByLabel(result.pipeline());
    StringTable table = result.trace().components();
    Map<Integer, Link> byIndex = new HashMap<>();
    for (Map.Entry<String, Link> e : byLabel.entrySet()) {
      int index = table.indexOf(e.getKey());
      if (index >= 0) {
        byIndex.put(index, e.getValue());
      }
    }
    Set<Link> path = new LinkedHashSet<>();
    TraceCursor c = result.trace().cursor();
    while (c.next()) {
      StepKind kind = c.kind();
      if ((kind == StepKind.SEND || kind == StepKind.DELIVER) && ids.contains(c.eventId())) {
        long old = c.oldValue();
        if (old >= 0 && old < Integer.MAX_VALUE) {
          Link link = byIndex.get((int) old);
          if (link != null) {
            path.add(link);
          }
        }
      }
    }
    return List.copyOf(path);
  }

  /** The number of an event id written as {@code e-1042}, or -1. */
  static long eventId(String e) {
    String s = e.startsWith("e-") ? e.substring(2) : e;
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException ex) {
      return -1;
    }
  }

  static Map<String, Link> linksByLabel(Pipeline pipeline) {
    Map<String, Link> m = new HashMap<>();
    for (Connection c : pipeline.connections()) {
      m.put(c.label(), Link.of(c));
    }
    return m;
  }
}
