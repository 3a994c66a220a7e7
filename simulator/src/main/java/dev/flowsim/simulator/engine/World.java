package dev.flowsim.simulator.engine;

import dev.flowsim.model.Connection;
import dev.flowsim.model.Fault;
import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.kernel.Kernel;
import dev.flowsim.simulator.kernel.RandomStreams;
import dev.flowsim.simulator.kernel.SimRandom;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.Trace;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * One simulated system: the kernel, the trace, the random streams, the ground-truth event table,
 * the messages in flight, and the nodes and links built from a pipeline, with its faults scheduled.
 * Everything a run does happens on the kernel's single thread in (time, seq) order.
 */
public final class World {
  private final Pipeline pipeline;
  private final Kernel kernel = new Kernel();
  private final Trace trace;
  private final RandomStreams randoms;
  private final Events events = new Events();
  private final Messages messages = new Messages();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final List<Link> links = new ArrayList<>();
  private boolean producing = true;

  /**
   * Builds the nodes (with {@code factory}, in spec order) and links of a valid pipeline.
   *
   * @param factory makes the node for a component
   */
  public World(
      Pipeline pipeline,
      long seed,
      Trace trace,
      BiFunction<World, dev.flowsim.model.Component, Node> factory) {
    this.pipeline = pipeline;
    this.trace = trace;
    this.randoms = new RandomStreams(seed);
    for (dev.flowsim.model.Component c : pipeline.components()) {
      nodes.put(c.id(), factory.apply(this, c));
    }
    for (Connection c : pipeline.connections()) {
      Node from = nodes.get(c.from());
      Node to = nodes.get(c.to());
      Link link = new Link(this, c, from, to);
      links.add(link);
      from.outputs.add(link);
      to.inputs.add(link);
    }
  }

  /** Starts every node and schedules the faults. */
  public void start() {
    for (Node n : nodes.values()) {
      n.start(kernel);
    }
    for (Fault f : pipeline.faults()) {
      schedule(f);
    }
  }

  private void schedule(Fault f) {
    long at = f.at().micros();
    if (f instanceof Fault.Crash c) {
      Node n = nodes.get(c.component());
      kernel.scheduleAt(at, () -> crash(n));
      if (c.restartAfter() != null) {
        kernel.scheduleAt(at + c.restartAfter().micros(), () -> restart(n));
      }
    } else if (f instanceof Fault.Partition p) {
      for (Link l : links) {
        boolean same = l.from().id().equals(p.from()) && l.to().id().equals(p.to());
        boolean reverse = l.from().id().equals(p.to()) && l.to().id().equals(p.from());
        if (same || reverse) {
          // messages from `from` to `to` always stop; the other direction only for a two-way cut
          boolean forward = same || !p.oneWay();
          boolean backward = reverse || !p.oneWay();
          kernel.scheduleAt(at, () -> l.cut(forward, backward));
          kernel.scheduleAt(at + p.duration().micros(), l::heal);
        }
      }
    } else if (f instanceof Fault.Slow s) {
      Node n = nodes.get(s.component());
      kernel.scheduleAt(at, () -> n.setSlowFactor(s.factor()));
      kernel.scheduleAt(at + s.duration().micros(), () -> n.setSlowFactor(1.0));
    } else {
      Node n = nodes.get(f.componentIds().get(0));
      kernel.scheduleAt(at, () -> ((FaultTarget) n).fault(f, true));
      if (!(f instanceof Fault.ClockChange) && !(f instanceof Fault.RetentionShrink)) {
        long end =
            at
                + (f instanceof Fault.Burst b
                    ? b.duration().micros()
                    : ((Fault.Offline) f).duration().micros());
        kernel.scheduleAt(end, () -> ((FaultTarget) n).fault(f, false));
      }
    }
  }

  /** A node that handles the fault kinds specific to it (clock, burst, offline, retention). */
  public interface FaultTarget {
    /** The fault begins ({@code active}) or ends. */
    void fault(Fault fault, boolean active);
  }

  private void crash(Node n) {
    if (n.isUp()) {
      record(n, StepKind.CRASH);
      n.crash();
      int incarnation = n.incarnation();
      for (Link in : n.inputs) {
        Node upstream = in.from();
        kernel.schedule(
            upstream.peerDownDelay(),
            () -> {
              if (!n.isUp() && n.incarnation() == incarnation) {
                upstream.peerDown(in);
              }
            });
      }
    }
  }

  private void restart(Node n) {
    if (!n.isUp()) {
      n.restart();
      record(n, StepKind.RESTART);
      for (Link in : n.inputs) {
        in.from().peerUp(in);
      }
    }
  }

  /**
   * Brings a crashed node back without a restart of its own, e.g. a database whose follower took
   * over: the component is reachable again; the node records what happened itself.
   */
  public void recover(Node n) {
    if (!n.isUp()) {
      n.restart();
      for (Link in : n.inputs) {
        in.from().peerUp(in);
      }
    }
  }

  /** Ends the production phase: producers and readers stop creating work. */
  public void stopProducing() {
    producing = false;
    for (Node n : nodes.values()) {
      n.stopProducing();
    }
  }

  /** True when no message is in flight and no node holds unfinished work. */
  public boolean quiescent() {
    if (messages.live() > 0) {
      return false;
    }
    for (Node n : nodes.values()) {
      if (n.isUp() && n.busy()) {
        return false;
      }
    }
    return true;
  }

  public boolean producing() {
    return producing;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  public Kernel kernel() {
    return kernel;
  }

  public long now() {
    return kernel.now();
  }

  public Trace trace() {
    return trace;
  }

  public Events events() {
    return events;
  }

  public Messages messages() {
    return messages;
  }

  public SimRandom random(String componentId, String purpose) {
    return randoms.forComponent(componentId, purpose);
  }

  public Node node(String id) {
    return nodes.get(id);
  }

  public Map<String, Node> nodes() {
    return Collections.unmodifiableMap(nodes);
  }

  public List<Link> links() {
    return Collections.unmodifiableList(links);
  }

  /** Records a step about message {@code m} at node {@code n}. */
  void record(Node n, StepKind kind, Messages msgs, int m) {
    trace.record(
        now(),
        n.index,
        kind,
        msgs.event(m),
        msgs.key(m),
        msgs.partition(m),
        msgs.version(m),
        msgs.value(m),
        TraceStep.NO_VALUE,
        n.clock());
  }

  private void record(Node n, StepKind kind) {
    trace.record(
        now(),
        n.index,
        kind,
        TraceStep.NONE,
        TraceStep.NONE,
        TraceStep.NONE,
        TraceStep.NONE,
        TraceStep.NO_VALUE,
        TraceStep.NO_VALUE,
        n.clock());
  }
}
