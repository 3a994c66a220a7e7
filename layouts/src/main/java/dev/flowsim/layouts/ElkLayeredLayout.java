package dev.flowsim.layouts;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.elk.alg.layered.options.LayerConstraint;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.IGraphLayoutEngine;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * The standard layout: Eclipse ELK's layered algorithm (Sugiyama style: cycle breaking, layering,
 * crossing minimisation, node placement) with the flow going right. Producers are held in the first
 * layer and readers in the last. ELK's only randomness comes from its random seed, which is fixed
 * here, so a pipeline always gets the same positions. Should ELK fail (an exception, or a class
 * missing from the class path), the {@link LayeredFallbackLayout} places the pipeline instead.
 */
public final class ElkLayeredLayout implements PipelineLayout {

  /** The seed ELK's randomised steps start from unless another is given. */
  public static final int DEFAULT_SEED = 1;

  private static final System.Logger LOG = System.getLogger(ElkLayeredLayout.class.getName());

  private final LayoutSpacing spacing;
  private final int seed;
  private final Supplier<IGraphLayoutEngine> engine;
  private final PipelineLayout fallback;

  public ElkLayeredLayout() {
    this(LayoutSpacing.DEFAULT, DEFAULT_SEED);
  }

  public ElkLayeredLayout(LayoutSpacing spacing, int seed) {
    this(spacing, seed, RecursiveGraphLayoutEngine::new);
  }

  /** With another engine: lets tests make ELK fail. */
  ElkLayeredLayout(LayoutSpacing spacing, int seed, Supplier<IGraphLayoutEngine> engine) {
    this.spacing = spacing;
    this.seed = seed;
    this.engine = engine;
    this.fallback = new LayeredFallbackLayout(spacing);
  }

  @Override
  public LayoutSpacing spacing() {
    return spacing;
  }

  @Override
  public Map<String, Position> positions(Pipeline pipeline) {
    DataflowShape shape = DataflowShape.of(pipeline);
    if (shape.ids().isEmpty()) {
      return Map.of();
    }
    try {
      return elk(shape);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "ELK layout failed, using the fallback layout: {0}",
          e.toString());
      LOG.log(System.Logger.Level.DEBUG, "ELK layout failure", e);
      return fallback.positions(pipeline);
    }
  }

  private Map<String, Position> elk(DataflowShape shape) {
    ElkNode root = ElkGraphUtil.createGraph();
    root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
    root.setProperty(LayeredOptions.DIRECTION, Direction.RIGHT);
    root.setProperty(LayeredOptions.RANDOM_SEED, seed);
    root.setProperty(LayeredOptions.SPACING_NODE_NODE, spacing.betweenNodes());
    root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, spacing.betweenLayers());
    root.setProperty(LayeredOptions.PADDING, new ElkPadding(spacing.margin()));
    // one drawing: packed side by side, separate parts would put producers in other columns
    root.setProperty(LayeredOptions.SEPARATE_CONNECTED_COMPONENTS, false);
    // among equally good orders, keep the file's order (as people drew it) rather than reverse it
    root.setProperty(
        LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
    // the canvas draws its own connections; polylines keep layer gaps at the spacing asked for
    root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);

    Map<String, ElkNode> nodes = new LinkedHashMap<>();
    for (String id : shape.ids()) {
      ElkNode n = ElkGraphUtil.createNode(root);
      n.setIdentifier(id);
      n.setDimensions(spacing.nodeWidth(), spacing.nodeHeight());
      if (shape.firstColumn().contains(id)) {
        n.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.FIRST);
      } else if (shape.lastColumn().contains(id)) {
        n.setProperty(LayeredOptions.LAYERING_LAYER_CONSTRAINT, LayerConstraint.LAST);
      }
      nodes.put(id, n);
    }
    for (DataflowShape.Link link : shape.links()) {
      ElkGraphUtil.createSimpleEdge(nodes.get(link.from()), nodes.get(link.to()));
    }

    engine.get().layout(root, new BasicProgressMonitor());

    Map<String, Position> out = new LinkedHashMap<>();
    for (Map.Entry<String, ElkNode> e : nodes.entrySet()) {
      ElkNode n = e.getValue();
      if (!Double.isFinite(n.getX()) || !Double.isFinite(n.getY())) {
        throw new IllegalStateException("ELK placed " + e.getKey() + " nowhere");
      }
      out.put(e.getKey(), new Position(Math.round(n.getX()), Math.round(n.getY())));
    }
    return Collections.unmodifiableMap(out);
  }
}
