package dev.flowsim.layouts;

import dev.flowsim.model.Component;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places the components that have no position around those that have one (pinned). The full
 * arrangement is shifted so that, on average, it lines up with the pinned boxes; each unplaced box
 * then takes its shifted position, moved down past any box it would overlap, so a new component
 * lands next to its pinned neighbours and never on top of anything.
 */
final class PinnedPlacement {

  private PinnedPlacement() {}

  static Pipeline complete(Pipeline pipeline, PipelineLayout layout, LayoutSpacing spacing) {
    Map<String, Position> pinned = new LinkedHashMap<>();
    List<String> unplaced = new ArrayList<>();
    for (Component c : pipeline.components()) {
      Position p = pipeline.layout().get(c.id());
      if (p != null) {
        pinned.put(c.id(), p);
      } else if (!unplaced.contains(c.id())) {
        unplaced.add(c.id());
      }
    }
    if (unplaced.isEmpty()) {
      return pipeline;
    }
    if (pinned.isEmpty()) {
      return layout.arrange(pipeline);
    }
    Map<String, Position> arranged = layout.positions(pipeline);
    double dx = 0;
    double dy = 0;
    for (Map.Entry<String, Position> e : pinned.entrySet()) {
      Position a = arranged.get(e.getKey());
      dx += e.getValue().x() - a.x();
      dy += e.getValue().y() - a.y();
    }
    dx = Math.round(dx / pinned.size());
    dy = Math.round(dy / pinned.size());

    List<Position> taken = new ArrayList<>(pinned.values());
    Map<String, Position> placed = new LinkedHashMap<>(pipeline.layout());
    for (String id : unplaced) {
      Position a = arranged.get(id);
      Position p = free(new Position(a.x() + dx, a.y() + dy), taken, spacing);
      taken.add(p);
      placed.put(id, p);
    }
    return pipeline.withLayout(placed);
  }

  /** {@code wanted}, or the nearest place below it whose box keeps a gap to every taken box. */
  private static Position free(Position wanted, List<Position> taken, LayoutSpacing s) {
    double x = wanted.x();
    double y = wanted.y();
    boolean moved = true;
    while (moved) { // y only grows, past one of finitely many boxes each time
      moved = false;
      for (Position t : taken) {
        if (tooClose(x, y, t, s)) {
          y = t.y() + s.nodeHeight() + s.betweenNodes();
          moved = true;
        }
      }
    }
    return new Position(x, y);
  }

  private static boolean tooClose(double x, double y, Position t, LayoutSpacing s) {
    return x < t.x() + s.nodeWidth() + s.betweenNodes()
        && t.x() < x + s.nodeWidth() + s.betweenNodes()
        && y < t.y() + s.nodeHeight() + s.betweenNodes()
        && t.y() < y + s.nodeHeight() + s.betweenNodes();
  }
}
