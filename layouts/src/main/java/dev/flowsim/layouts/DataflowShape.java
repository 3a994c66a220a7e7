package dev.flowsim.layouts;

import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.PipelineGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a layout needs to know of a pipeline: component ids in file order, the distinct directed
 * links between known components (no self-loops), and which components belong in the first or last
 * column. Producers that nothing feeds go first; readers that feed nothing go last, so the drawing
 * reads sources left, stores and readers right even where a shorter edge would pull them inwards.
 */
record DataflowShape(
    List<String> ids, List<Link> links, Set<String> firstColumn, Set<String> lastColumn) {

  /** A directed link between two distinct components. */
  record Link(String from, String to) {}

  static DataflowShape of(Pipeline pipeline) {
    PipelineGraph graph = new PipelineGraph(pipeline);
    List<String> ids = new ArrayList<>();
    Set<Link> links = new LinkedHashSet<>();
    Set<String> first = new LinkedHashSet<>();
    Set<String> last = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Component c : pipeline.components()) {
      if (!seen.add(c.id())) {
        continue; // a duplicate id (validation reports it) gets one box
      }
      ids.add(c.id());
    }
    for (Connection c : pipeline.connections()) {
      if (graph.graph().containsEdge(c.from(), c.to())) {
        links.add(new Link(c.from(), c.to()));
      }
    }
    for (String id : ids) {
      ComponentKind kind = graph.component(id).kind();
      if (kind == ComponentKind.PRODUCER && graph.graph().inDegreeOf(id) == 0) {
        first.add(id);
      } else if (kind == ComponentKind.READER && graph.graph().outDegreeOf(id) == 0) {
        last.add(id);
      }
    }
    return new DataflowShape(
        List.copyOf(ids),
        List.copyOf(links),
        Collections.unmodifiableSet(first),
        Collections.unmodifiableSet(last));
  }
}
