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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  private int[] keyHashes = new int[0];
  private boolean[] keyHashed = new boolean[0];

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
      link.setInputIndex(to.inputs.size());
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
    if (f instanceof Fault.Crash c && c.replica() != null) {
      FollowerHost db = (FollowerHost) nodes.get(c.component());
      kernel.scheduleAt(at, () -> db.crashFollower(c.replica()));
      if (c.restartAfter() != null) {
        kernel.scheduleAt(at + c.restartAfter().micros(), () -> db.restartFollower(c.replica()));
      }
    } else if (f instanceof Fault.Crash c) {
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
          kernel.scheduleAt(at + p.duration().micros(), () -> l.heal(forward, backward));
        }
      }
    } else if (f instanceof Fault.Slow s) {
      Node n = nodes.get(s.component());
      kernel.scheduleAt(at, () -> n.setSlowFactor(s.factor()));
      kernel.scheduleAt(at + s.duration().micros(), () -> n.setSlowFactor(1.0));
    } else {
      Node n = nodes.get(f.componentIds().get(0));
      kernel.scheduleAt(at, () -> ((FaultTarget) n).fault(f, true));
      if (f instanceof Fault.Burst || f instanceof Fault.Offline) {
        long end =
            at
                + (f instanceof Fault.Burst b
                    ? b.duration().micros()
                    : ((Fault.Offline) f).duration().micros());
        kernel.scheduleAt(end, () -> ((FaultTarget) n).fault(f, false));
      }
    }
  }

  /** A node with followers that can crash on their own (a database). */
  public interface FollowerHost {
    /** Follower number {@code ordinal} (1-based) crashes. */
    void crashFollower(int ordinal);

    /** Follower number {@code ordinal} restarts and catches up. */
    void restartFollower(int ordinal);
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
    return idle();
  }

  /**
   * Production has ended and everything is idle: the end of input reaches the nodes ({@link
   * Node#endOfInput()}, in spec order), as a final watermark would. Returns true if a node emitted
   * what it held back (open windows): the world is then busy again and the run drains that too.
   */
  public boolean endOfInput() {
    boolean emitted = false;
    for (Node n : nodes.values()) {
      if (n.isUp() && n.endOfInput()) {
        emitted = true;
      }
    }
    return emitted;
  }

  private boolean idle() {
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

  /**
   * A well-spread hash of a key's name (FNV-1a over its UTF-8 bytes, then murmur3's finalizer), for
   * placing keys by hash (partitions, instances, sticky replicas). Unlike a key's id, which depends
   * on the order in which components interned their keys, it depends only on the name, so adding a
   * component to a spec does not move the keys of the others.
   */
  public int keyHash(int key) {
    if (key >= keyHashes.length) {
      int n = Math.max(key + 1, keyHashes.length * 2);
      keyHashes = Arrays.copyOf(keyHashes, n);
      keyHashed = Arrays.copyOf(keyHashed, n);
    }
    if (!keyHashed[key]) {
      int h = 0x811c9dc5;
      for (byte b : trace.keys().name(key).getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * 0x01000193;
      }
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      h ^= h >>> 16;
      keyHashes[key] = h;
      keyHashed[key] = true;
    }
    return keyHashes[key];
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

  /** Records a step about message {@code m} at node {@code n} on the link {@code link}. */
  void record(Node n, StepKind kind, Messages msgs, int m, int link) {
    trace.record(
        now(),
        n.index,
        kind,
        msgs.event(m),
        msgs.key(m),
        msgs.partition(m),
        msgs.version(m),
        msgs.value(m),
        link,
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
