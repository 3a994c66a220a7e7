package dev.flowsim.app.gui.edit;

import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves components to new positions: "Move 3 components". Components still without a saved position
 * can be pinned where the canvas shows them ({@code pins}), so that the first move does not make
 * the others jump when the layout is completed again.
 */
public final class MoveComponents implements Edit {
  private final Map<String, Position> moves;
  private final Map<String, Position> pins;
  private final String verb;

  public MoveComponents(Map<String, Position> moves) {
    this(moves, Map.of(), "Move");
  }

  public MoveComponents(Map<String, Position> moves, Map<String, Position> pins, String verb) {
    this.moves = Map.copyOf(moves);
    this.pins = Map.copyOf(pins);
    this.verb = verb;
  }

  public Map<String, Position> moves() {
    return moves;
  }

  @Override
  public String description() {
    return verb + " " + Counts.components(moves.size());
  }

  @Override
  public Pipeline apply(Pipeline before) {
    Map<String, Position> layout = new LinkedHashMap<>(before.layout());
    moves.forEach(
        (id, p) -> {
          if (before.component(id).isEmpty()) {
            throw new IllegalArgumentException("no component is called \"" + id + "\"");
          }
          layout.put(id, p);
        });
    pins.forEach(
        (id, p) -> {
          if (before.component(id).isPresent()) {
            layout.putIfAbsent(id, p);
          }
        });
    return before.withLayout(layout);
  }
}
