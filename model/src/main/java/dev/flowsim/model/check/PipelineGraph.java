package dev.flowsim.model.check;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DirectedMultigraph;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * The dataflow of a pipeline as a JGraphT directed graph over component ids, with the queries that
 * validation, lint and lineage need: upstream and downstream sets, shortest paths and cycles.
 * Connections that name unknown components are left out (validation reports them).
 */
public final class PipelineGraph {
  private final Pipeline pipeline;
  private final Graph<String, Connection> graph;

  public PipelineGraph(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.graph = new DirectedMultigraph<>(null, null, false);
    for (Component c : pipeline.components()) {
      graph.addVertex(c.id());
    }
    for (Connection c : pipeline.connections()) {
      if (graph.containsVertex(c.from())
          && graph.containsVertex(c.to())
          && !c.from().equals(c.to())) {
        graph.addEdge(c.from(), c.to(), c);
      }
    }
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public Graph<String, Connection> graph() {
    return graph;
  }

  public Component component(String id) {
    return pipeline.component(id).orElseThrow();
  }

  /** Components that send directly to {@code id}, in connection order. */
  public List<Component> inputs(String id) {
    List<Component> out = new ArrayList<>();
    for (Connection c : pipeline.connectionsTo(id)) {
      pipeline.component(c.from()).ifPresent(out::add);
    }
    return out;
  }

  /** Components {@code id} sends to directly, in connection order. */
  public List<Component> outputs(String id) {
    List<Component> out = new ArrayList<>();
    for (Connection c : pipeline.connectionsFrom(id)) {
      pipeline.component(c.to()).ifPresent(out::add);
    }
    return out;
  }

  /** Every component from which data can flow to {@code id} (not including it). */
  public Set<String> upstream(String id) {
    return reach(new EdgeReversedGraph<>(graph), id);
  }

  /** Every component data can flow to from {@code id} (not including it). */
  public Set<String> downstream(String id) {
    return reach(graph, id);
  }

  private static Set<String> reach(Graph<String, Connection> g, String id) {
    Set<String> seen = new LinkedHashSet<>();
    if (!g.containsVertex(id)) {
      return seen;
    }
    new BreadthFirstIterator<>(g, id).forEachRemaining(seen::add);
    seen.remove(id);
    return seen;
  }

  /** The shortest path of component ids from {@code from} to {@code to}, if data can flow so. */
  public Optional<List<String>> path(String from, String to) {
    if (!graph.containsVertex(from) || !graph.containsVertex(to)) {
      return Optional.empty();
    }
    GraphPath<String, Connection> p = new BFSShortestPath<>(graph).getPath(from, to);
    return p == null ? Optional.empty() : Optional.of(p.getVertexList());
  }

  /** One cycle as a closed list of ids ({@code a, b, a}), if the dataflow has any. */
  public Optional<List<String>> findCycle() {
    CycleDetector<String, Connection> detector = new CycleDetector<>(graph);
    if (!detector.detectCycles()) {
      return Optional.empty();
    }
    Set<String> inCycles = detector.findCycles();
    // walk from the first (in component order) vertex on a cycle until we come back
    String start =
        pipeline.components().stream()
            .map(Component::id)
            .filter(inCycles::contains)
            .findFirst()
            .orElseThrow();
    for (Connection e : graph.outgoingEdgesOf(start)) {
      if (inCycles.contains(e.to())) {
        Optional<List<String>> back = path(e.to(), start);
        if (back.isPresent()) {
          List<String> cycle = new ArrayList<>();
          cycle.add(start);
          cycle.addAll(back.get());
          return Optional.of(cycle);
        }
      }
    }
    return Optional.of(List.of(start, start));
  }
}
