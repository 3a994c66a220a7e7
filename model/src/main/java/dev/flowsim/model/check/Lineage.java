package dev.flowsim.model.check;

import dev.flowsim.model.Component;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Producer;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each store's data comes from: for every store (database or derived store), the producers it
 * derives from and the shortest path the data takes from each.
 */
public final class Lineage {
  private Lineage() {}

  /**
   * One source of one store.
   *
   * @param path the ids from the source to the store, both included
   */
  public record Entry(String store, String source, List<String> path) {
    @Override
    public String toString() {
      return store + " <- " + source + " via " + String.join(" -> ", path);
    }
  }

  /** Every (store, source) pair, in component order. */
  public static List<Entry> of(Pipeline pipeline) {
    PipelineGraph graph = new PipelineGraph(pipeline);
    List<Entry> entries = new ArrayList<>();
    for (Component store : pipeline.components()) {
      if (!store.kind().isStore()) {
        continue;
      }
      for (Component source : pipeline.components()) {
        if (source instanceof Producer) {
          graph
              .path(source.id(), store.id())
              .ifPresent(p -> entries.add(new Entry(store.id(), source.id(), p)));
        }
      }
    }
    return entries;
  }

  /** The entries of one store. */
  public static List<Entry> of(Pipeline pipeline, String storeId) {
    return of(pipeline).stream().filter(e -> e.store().equals(storeId)).toList();
  }
}
