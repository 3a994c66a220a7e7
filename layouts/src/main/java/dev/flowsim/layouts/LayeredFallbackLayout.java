package dev.flowsim.layouts;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * A small layered layout on JGraphT, used when ELK fails and selectable directly. Steps: break
 * cycles by reversing the back edges of a depth-first search in component order; put each component
 * one layer right of its furthest-left input (longest path from the sources), readers that feed
 * nothing in the last layer; split links that span layers with virtual nodes; order each layer by
 * barycentre sweeps, keeping the order with the fewest crossings; stack each layer's boxes, centred
 * on the tallest layer. Every tie is broken by component order, so results are deterministic.
 */
public final class LayeredFallbackLayout implements PipelineLayout {

  /** Down-and-up sweep pairs of the crossing reduction. */
  private static final int SWEEPS = 12;

  private final LayoutSpacing spacing;

  public LayeredFallbackLayout() {
    this(LayoutSpacing.DEFAULT);
  }

  public LayeredFallbackLayout(LayoutSpacing spacing) {
    this.spacing = spacing;
  }

  @Override
  public LayoutSpacing spacing() {
    return spacing;
  }

  @Override
  public Map<String, Position> positions(Pipeline pipeline) {
    DataflowShape shape = DataflowShape.of(pipeline);
    List<String> ids = shape.ids();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    Graph<String, DefaultEdge> dag = acyclic(shape, index);
    int[] layer = layers(dag, shape, index);
    Ordering ordering = new Ordering(ids.size(), layer);
    for (DefaultEdge e : dag.edgeSet()) {
      ordering.link(index.get(dag.getEdgeSource(e)), index.get(dag.getEdgeTarget(e)));
    }
    List<List<Integer>> layers = ordering.reduceCrossings();
    return place(ids, layers);
  }

  /** The links as a DAG: the back edges of a depth-first search, sources first, are reversed. */
  private static Graph<String, DefaultEdge> acyclic(
      DataflowShape shape, Map<String, Integer> index) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Map<String, Integer> inDegree = new HashMap<>();
    for (String id : shape.ids()) {
      out.put(id, new ArrayList<>());
      inDegree.put(id, 0);
    }
    for (DataflowShape.Link l : shape.links()) {
      out.get(l.from()).add(l.to());
      inDegree.merge(l.to(), 1, Integer::sum);
    }
    List<String> starts = new ArrayList<>(shape.ids());
    starts.sort(Comparator.comparing((String id) -> inDegree.get(id) > 0));

    Graph<String, DefaultEdge> dag = new DefaultDirectedGraph<>(DefaultEdge.class);
    shape.ids().forEach(dag::addVertex);
    Map<String, Integer> state = new HashMap<>(); // absent: new, 1: on the stack, 2: done
    for (String start : starts) {
      if (state.containsKey(start)) {
        continue;
      }
      Deque<Map.Entry<String, Iterator<String>>> stack = new ArrayDeque<>();
      state.put(start, 1);
      stack.push(Map.entry(start, out.get(start).iterator()));
      while (!stack.isEmpty()) {
        Map.Entry<String, Iterator<String>> top = stack.peek();
        if (!top.getValue().hasNext()) {
          state.put(top.getKey(), 2);
          stack.pop();
          continue;
        }
        String from = top.getKey();
        String to = top.getValue().next();
        Integer s = state.get(to);
        if (s != null && s == 1) {
          dag.addEdge(to, from); // a back edge: reversed, it no longer closes a cycle
        } else {
          dag.addEdge(from, to);
          if (s == null) {
            state.put(to, 1);
            stack.push(Map.entry(to, out.get(to).iterator()));
          }
        }
      }
    }
    return dag;
  }

  /** Longest-path layering from the sources; last-column components go to the last layer. */
  private static int[] layers(
      Graph<String, DefaultEdge> dag, DataflowShape shape, Map<String, Integer> index) {
    int[] layer = new int[shape.ids().size()];
    TopologicalOrderIterator<String, DefaultEdge> order =
        new TopologicalOrderIterator<>(dag, Comparator.comparing(index::get));
    int last = 0;
    while (order.hasNext()) {
      String v = order.next();
      int l = 0;
      for (DefaultEdge e : dag.incomingEdgesOf(v)) {
        l = Math.max(l, layer[index.get(dag.getEdgeSource(e))] + 1);
      }
      layer[index.get(v)] = l;
      last = Math.max(last, l);
    }
    for (String id : shape.lastColumn()) {
      if (dag.outDegreeOf(id) == 0) {
        layer[index.get(id)] = last;
      }
    }
    return layer;
  }

  private Map<String, Position> place(List<String> ids, List<List<Integer>> layers) {
    int tallest = 0;
    for (List<Integer> l : layers) {
      tallest = Math.max(tallest, (int) l.stream().filter(v -> v < ids.size()).count());
    }
    double columnPitch = spacing.nodeWidth() + spacing.betweenLayers();
    double rowPitch = spacing.nodeHeight() + spacing.betweenNodes();
    Map<String, Position> byId = new HashMap<>();
    for (int l = 0; l < layers.size(); l++) {
      List<Integer> real = layers.get(l).stream().filter(v -> v < ids.size()).toList();
      double top = spacing.margin() + (tallest - real.size()) * rowPitch / 2;
      for (int k = 0; k < real.size(); k++) {
        byId.put(
            ids.get(real.get(k)),
            new Position(
                Math.round(spacing.margin() + l * columnPitch), Math.round(top + k * rowPitch)));
      }
    }
    Map<String, Position> out = new LinkedHashMap<>();
    for (String id : ids) {
      out.put(id, byId.get(id));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The layers as lists of vertex numbers: components are {@code 0..n-1} (component order), virtual
   * nodes that carry a link across a layer come after.
   */
  private static final class Ordering {
    private final List<Integer> layerOf = new ArrayList<>();
    private final List<List<Integer>> up = new ArrayList<>();
    private final List<List<Integer>> down = new ArrayList<>();

    Ordering(int components, int[] layer) {
      for (int v = 0; v < components; v++) {
        add(layer[v]);
      }
    }

    private int add(int layer) {
      layerOf.add(layer);
      up.add(new ArrayList<>());
      down.add(new ArrayList<>());
      return layerOf.size() - 1;
    }

    void link(int from, int to) {
      int v = from;
      for (int l = layerOf.get(from) + 1; l < layerOf.get(to); l++) {
        int w = add(l);
        connect(v, w);
        v = w;
      }
      connect(v, to);
    }

    private void connect(int from, int to) {
      down.get(from).add(to);
      up.get(to).add(from);
    }

    List<List<Integer>> reduceCrossings() {
      int count = layerOf.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
      List<List<Integer>> layers = new ArrayList<>();
      for (int l = 0; l < count; l++) {
        layers.add(new ArrayList<>());
      }
      for (int v = 0; v < layerOf.size(); v++) {
        layers.get(layerOf.get(v)).add(v);
      }
      List<List<Integer>> best = copy(layers);
      long fewest = crossings(layers);
      for (int i = 0; i < SWEEPS && fewest > 0; i++) {
        for (int l = 1; l < count; l++) {
          sortByBarycentre(layers.get(l), layers.get(l - 1), up);
        }
        fewest = keepBetter(layers, best, fewest);
        for (int l = count - 2; l >= 0; l--) {
          sortByBarycentre(layers.get(l), layers.get(l + 1), down);
        }
        fewest = keepBetter(layers, best, fewest);
      }
      return best;
    }

    private long keepBetter(List<List<Integer>> layers, List<List<Integer>> best, long fewest) {
      long c = crossings(layers);
      if (c < fewest) {
        best.clear();
        best.addAll(copy(layers));
        return c;
      }
      return fewest;
    }

    /** Stable: a vertex with no neighbour in {@code fixed} keeps its place as its barycentre. */
    private static void sortByBarycentre(
        List<Integer> layer, List<Integer> fixed, List<List<Integer>> neighbours) {
      Map<Integer, Integer> at = positions(fixed);
      Map<Integer, Double> centre = new HashMap<>();
      for (int i = 0; i < layer.size(); i++) {
        int v = layer.get(i);
        List<Integer> ns = neighbours.get(v);
        centre.put(v, ns.isEmpty() ? i : ns.stream().mapToInt(at::get).average().orElseThrow());
      }
      layer.sort(Comparator.comparing(centre::get));
    }

    private long crossings(List<List<Integer>> layers) {
      long total = 0;
      for (int l = 0; l + 1 < layers.size(); l++) {
        Map<Integer, Integer> left = positions(layers.get(l));
        Map<Integer, Integer> right = positions(layers.get(l + 1));
        List<int[]> edges = new ArrayList<>();
        for (int v : layers.get(l)) {
          for (int w : down.get(v)) {
            edges.add(new int[] {left.get(v), right.get(w)});
          }
        }
        for (int i = 0; i < edges.size(); i++) {
          for (int j = i + 1; j < edges.size(); j++) {
            int[] a = edges.get(i);
            int[] b = edges.get(j);
            if ((long) (a[0] - b[0]) * (a[1] - b[1]) < 0) {
              total++;
            }
          }
        }
      }
      return total;
    }

    private static Map<Integer, Integer> positions(List<Integer> layer) {
      Map<Integer, Integer> at = new HashMap<>();
      for (int i = 0; i < layer.size(); i++) {
        at.put(layer.get(i), i);
      }
      return at;
    }

    private static List<List<Integer>> copy(List<List<Integer>> layers) {
      List<List<Integer>> c = new ArrayList<>();
      layers.forEach(l -> c.add(new ArrayList<>(l)));
      return c;
    }
  }
}
