package dev.flowsim.layouts;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Places a pipeline's components on the canvas as a left-to-right dataflow: producers in the first
 * column, each component right of what feeds it, stores and readers to the right, with few
 * crossings. An implementation only computes positions ({@link #positions}); writing them into the
 * pipeline, and keeping the positions a user pinned, is the same for all and done here. Results are
 * deterministic: the same pipeline always gets the same positions.
 */
public interface PipelineLayout {

  /** The standard layout: ELK layered, falling back to {@link LayeredFallbackLayout}. */
  static PipelineLayout standard() {
    return new ElkLayeredLayout();
  }

  /** The box size and gaps this layout uses. */
  LayoutSpacing spacing();

  /**
   * A position (top-left corner of the box, integer canvas units) for every component of {@code
   * pipeline}, in component order; the positions already in the pipeline are ignored.
   */
  Map<String, Position> positions(Pipeline pipeline);

  /**
   * The pipeline with every component placed anew; nothing else changes (layout entries that name
   * no component are kept for validation to report).
   */
  default Pipeline arrange(Pipeline pipeline) {
    Map<String, Position> layout = new LinkedHashMap<>(positions(pipeline));
    pipeline.layout().forEach(layout::putIfAbsent);
    return pipeline.withLayout(layout);
  }

  /**
   * The pipeline with a position for every component that has none, keeping the others where they
   * are: what opening a spec with no or only some positions needs. New boxes go where {@link
   * #arrange} would put them relative to the pinned ones, moved down where they would overlap.
   */
  default Pipeline complete(Pipeline pipeline) {
    return PinnedPlacement.complete(pipeline, this, spacing());
  }
}
