package dev.flowsim.simulator.check;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.PipelineGraph;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.Trace;
import java.util.List;

/**
 * What checkers may consult besides the steps they are given: the spec (components, connections,
 * the dataflow graph), the names behind the trace's component and key indices, and the simulator's
 * ground truth of every event (key, operation, value, true event time, producer, request id,
 * cause). Checkers never look into component internals: what a component did is in the trace.
 */
public final class CheckContext {
  private final Pipeline pipeline;
  private final PipelineGraph graph;
  private final Trace trace;
  private final Events events;
  private final Findings findings;

  public CheckContext(Pipeline pipeline, Trace trace, Events events, Findings findings) {
    this.pipeline = pipeline;
    this.graph = new PipelineGraph(pipeline);
    this.trace = trace;
    this.events = events;
    this.findings = findings;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public PipelineGraph graph() {
    return graph;
  }

  /** Ground truth of every event created in the run. */
  public Events events() {
    return events;
  }

  public Findings findings() {
    return findings;
  }

  /** The name of trace component index {@code i}: a component id or a link label. */
  public String name(int component) {
    return trace.components().name(component);
  }

  /** The trace index of a component or link label, or -1. */
  public int index(String name) {
    return trace.components().indexOf(name);
  }

  /** The spec of trace component index {@code i}, or null when it is a link. */
  public Component component(int index) {
    return index < 0 ? null : pipeline.component(name(index)).orElse(null);
  }

  /** The name of key index {@code k}. */
  public String key(int k) {
    return k < 0 ? "" : trace.keys().name(k);
  }

  /** The connection whose label ({@code from -> to}) has trace index {@code index}, or null. */
  public Connection connection(int index) {
    String label = index < 0 ? null : name(index);
    for (Connection c : pipeline.connections()) {
      if (c.label().equals(label)) {
        return c;
      }
    }
    return null;
  }

  /** The connection from one component to another, or null. */
  public Connection connection(String from, String to) {
    for (Connection c : pipeline.connections()) {
      if (c.from().equals(from) && c.to().equals(to)) {
        return c;
      }
    }
    return null;
  }

  /** How a link behaves, for explanations: "a link with uniform(1ms,30ms) latency, not FIFO". */
  public static String describe(Connection c) {
    StringBuilder b = new StringBuilder("a link with ").append(c.latency()).append(" latency");
    if (!c.fifo()) {
      b.append(", not FIFO");
    }
    if (c.loss() > 0) {
      b.append(", ").append(Math.round(c.loss() * 100)).append("% loss");
    }
    if (c.duplication() > 0) {
      b.append(", ").append(Math.round(c.duplication() * 100)).append("% duplication");
    }
    return b.toString();
  }

  /** Adds a finding. */
  public void report(
      AnomalyKind kind,
      long atMicros,
      List<String> components,
      List<String> keys,
      List<String> eventIds,
      String explanation,
      String fix,
      long durationMicros) {
    findings.add(
        new Finding(kind, atMicros, components, keys, eventIds, explanation, fix, durationMicros));
  }
}
