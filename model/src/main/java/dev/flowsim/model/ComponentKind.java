package dev.flowsim.model;

import java.util.Arrays;
import java.util.Optional;

/** The closed set of component kinds with their JSON type names and their role in a dataflow. */
public enum ComponentKind {
  PRODUCER("producer", Role.SOURCE, Producer.class),
  TOPIC("topic", Role.BROKER, Topic.class),
  QUEUE("queue", Role.BROKER, Queue.class),
  PROCESSOR("processor", Role.PROCESSOR, Processor.class),
  SERVICE("service", Role.PROCESSOR, Service.class),
  DATABASE("database", Role.SYSTEM_OF_RECORD, Database.class),
  SEARCH_INDEX("search-index", Role.DERIVED_STORE, SearchIndex.class),
  CACHE("cache", Role.DERIVED_STORE, Cache.class),
  WAREHOUSE("warehouse", Role.DERIVED_STORE, Warehouse.class),
  MATERIALIZED_VIEW("materialized-view", Role.DERIVED_STORE, MaterializedView.class),
  READER("reader", Role.SINK, Reader.class);

  /** What a kind does in a dataflow; connection rules are written in these terms. */
  public enum Role {
    SOURCE,
    BROKER,
    PROCESSOR,
    SYSTEM_OF_RECORD,
    DERIVED_STORE,
    SINK
  }

  private final String typeName;
  private final Role role;
  private final Class<? extends Component> type;

  ComponentKind(String typeName, Role role, Class<? extends Component> type) {
    this.typeName = typeName;
    this.role = role;
    this.type = type;
  }

  /** The name used in the JSON {@code type} field. */
  public String typeName() {
    return typeName;
  }

  public Role role() {
    return role;
  }

  public Class<? extends Component> type() {
    return type;
  }

  /** True for the database and the derived stores: things that hold a value per key. */
  public boolean isStore() {
    return role == Role.SYSTEM_OF_RECORD || role == Role.DERIVED_STORE;
  }

  public boolean isBroker() {
    return role == Role.BROKER;
  }

  public static Optional<ComponentKind> byTypeName(String name) {
    return Arrays.stream(values()).filter(k -> k.typeName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return typeName;
  }
}
