package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A component of a pipeline. The JSON {@code type} names form a closed set (see {@link
 * ComponentKind}); there is no default typing. Every component has an {@code id} unique in its
 * pipeline; all other fields have defaults so a minimal spec is short.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Producer.class, name = "producer"),
  @JsonSubTypes.Type(value = Topic.class, name = "topic"),
  @JsonSubTypes.Type(value = Queue.class, name = "queue"),
  @JsonSubTypes.Type(value = Processor.class, name = "processor"),
  @JsonSubTypes.Type(value = Service.class, name = "service"),
  @JsonSubTypes.Type(value = Database.class, name = "database"),
  @JsonSubTypes.Type(value = SearchIndex.class, name = "search-index"),
  @JsonSubTypes.Type(value = Cache.class, name = "cache"),
  @JsonSubTypes.Type(value = Warehouse.class, name = "warehouse"),
  @JsonSubTypes.Type(value = MaterializedView.class, name = "materialized-view"),
  @JsonSubTypes.Type(value = Reader.class, name = "reader")
})
public sealed interface Component
    permits Producer, Topic, Queue, Processor, Service, Database, DerivedStore, Reader {

  /** The unique id, used by connections, faults and layout. */
  String id();

  /** What kind of component this is. */
  @JsonIgnore
  ComponentKind kind();

  /** A copy of this component with another id (used by rename and duplicate). */
  Component withId(String id);
}
