package dev.flowsim.app.gui.edit;

import dev.flowsim.model.Cache;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Database;
import dev.flowsim.model.MaterializedView;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Reader;
import dev.flowsim.model.SearchIndex;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.model.Warehouse;

/** A new component of a kind with every setting at its default (what the palette creates). */
public final class ComponentDefaults {
  private ComponentDefaults() {}

  public static Component create(ComponentKind kind, String id) {
    return switch (kind) {
      case PRODUCER -> Producer.of(id);
      case TOPIC -> Topic.of(id);
      case QUEUE -> Queue.of(id);
      case PROCESSOR -> Processor.of(id, null);
      case SERVICE -> Service.of(id, null);
      case DATABASE -> Database.of(id);
      case SEARCH_INDEX -> SearchIndex.of(id);
      case CACHE -> Cache.of(id);
      case WAREHOUSE -> Warehouse.of(id);
      case MATERIALIZED_VIEW -> MaterializedView.of(id);
      case READER -> Reader.of(id);
    };
  }

  /** "database", "search index": the kind as the words of an edit description. */
  public static String words(ComponentKind kind) {
    return kind.typeName().replace('-', ' ');
  }
}
