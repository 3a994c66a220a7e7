package dev.flowsim.simulator.check;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checkers of how events flow: OUT_OF_ORDER, DUPLICATE_EFFECT, MESSAGE_LOSS,
 * CAUSALITY_VIOLATION and CONSISTENT_PREFIX_VIOLATION.
 *
 * <p>They share two helpers: a {@link Topology}, what the spec says about where events go (which
 * stores an event of a producer should reach, by which routes, and what on a route can reorder,
 * duplicate or lose it), and a {@link History}, what the trace has shown so far about each event
 * and store (which replica applied which events, where an event was last dropped or deleted, who
 * re-sent or redelivered it, when components were down). The history is itself a checker that
 * reports nothing; it is registered after the others, so while a checker handles a step the history
 * still describes the run <em>before</em> that step.
 *
 * <p><b>Stores.</b> The stores these checkers judge are the database (its leader's APPLY steps and
 * its followers' REPLICATE steps, each replica on its own) and the derived stores; the tables of a
 * join processor (APPLY at a processor) are judged for order only, since a restored checkpoint
 * legitimately applies its changelog again.
 *
 * <p><b>In one line each</b> (each checker's comment has the exact rules):
 *
 * <ul>
 *   <li>{@link OutOfOrderChecker}: a store applied a set or claim of a key after a later-produced
 *       event of the same key and producer (or, fed by a database's change stream, after one the
 *       database committed later); duplicates and commutative operations excluded.
 *   <li>{@link DuplicateEffectChecker}: a store replica applied an event it had applied before, and
 *       the second apply changed something.
 *   <li>{@link MessageLossChecker}: after the drain, an accepted event never reached (APPLY or
 *       SKIP) a store its producer feeds, and nobody dropped it on purpose.
 *   <li>{@link CausalityChecker}: a store applied an event before the event it depends on.
 *   <li>{@link ConsistentPrefixChecker}: a reader saw an effect at a replica that lacked its cause.
 * </ul>
 */
final class FlowChecks {
  private FlowChecks() {}

  static List<Checker> create(CheckContext ctx) {
    return create(ctx, History.HORIZON_MICROS);
  }

  /** The flow checkers with another horizon than {@link History#HORIZON_MICROS} (for tests). */
  static List<Checker> create(CheckContext ctx, long horizonMicros) {
    Topology topology = new Topology(ctx);
    History history = new History(ctx, topology, horizonMicros);
    MessageLossChecker loss = new MessageLossChecker(ctx, topology, history);
    CausalityChecker causality = new CausalityChecker(ctx, topology, history);
    ConsistentPrefixChecker prefix = new ConsistentPrefixChecker(ctx, topology, history);
    history.judgeWith(loss);
    history.onForget(causality);
    history.onForget(prefix);
    return List.of(
        new OutOfOrderChecker(ctx, topology, history),
        new DuplicateEffectChecker(ctx, topology, history),
        loss,
        causality,
        prefix,
        history);
  }

  // ---------------------------------------------------------------- text helpers

  /** A point in time for explanations: {@code 12.300 s} (as the state checkers write it). */
  static String time(long micros) {
    return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
  }

  /**
   * A span of time for explanations: {@code 850 us}, {@code 2.5 ms}, {@code 20 ms}, {@code 1.250
   * s}.
   */
  static String span(long micros) {
    long abs = Math.abs(micros);
    if (abs < 1_000) {
      return micros + " us";
    }
    if (abs < 10_000) {
      return String.format(Locale.ROOT, "%.1f ms", micros / 1e3);
    }
    if (abs < 1_000_000) {
      return Math.round(micros / 1e3) + " ms";
    }
    return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
  }

  /** A component or link name in explanations: {@code `view`}. */
  static String q(String name) {
    return "`" + name + "`";
  }

  /** How an enum constant is written in a spec: {@code AFTER_PROCESSING} → after-processing. */
  static String spec(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A stored value for explanations: an event id for set and claim, else the number. */
  static String value(Events events, long eventOfWrite, long value) {
    if (value == TraceStep.NO_VALUE) {
      return "nothing";
    }
    byte op = eventOfWrite > 0 ? events.op(eventOfWrite) : Events.SET;
    if ((op == Events.SET || op == Events.CLAIM)
        && value > 0
        && value <= events.count()
        && events.value(value) == value) {
      return Finding.event(value);
    }
    return Long.toString(value);
  }

  /** Whether an event's operation is order-sensitive (set, claim) rather than commutative. */
  static boolean overwrites(byte op) {
    return op == Events.SET || op == Events.CLAIM;
  }

  /**
   * Beyond the cap of kept findings only the count of a kind grows: then this records a bare
   * finding (counted, not kept) and returns true, so a checker skips building the explanation and a
   * broken run with a million findings stays cheap.
   */
  static boolean countOnly(CheckContext ctx, AnomalyKind kind, long at) {
    if (ctx.findings().count(kind) < ctx.findings().cap()) {
      return false;
    }
    ctx.report(kind, at, List.of(), List.of(), List.of(), "", kind.usualFix(), 0);
    return true;
  }

  /** Reports a finding; components are named once each, in order. */
  static void report(
      CheckContext ctx,
      AnomalyKind kind,
      long at,
      List<String> components,
      List<String> keys,
      List<String> events,
      String explanation,
      String fix) {
    ctx.report(kind, at, distinct(components), keys, events, explanation, fix, 0);
  }

  private static List<String> distinct(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (n != null && !out.contains(n)) {
        out.add(n);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- topology

  /**
   * What the spec says about where events go. An event follows these hops ("successors"): a
   * producer sends to every output; a topic gives every event to each consumer group (one member of
   * the group gets it); a load-balanced queue gives each message to one of its consumers, a fan-out
   * queue to all; a stateless processor (map, enrich, filter, dedupe) passes events on to every
   * output, while a window or join turns them into other events (it is a successor only of the
   * events it creates itself); a service writes every output with dual write and only its first
   * output otherwise (single write, event sourcing); a database publishes its commits to the
   * brokers it feeds (CDC). Derived stores and readers pass nothing on.
   */
  static final class Topology {
    private final CheckContext ctx;
    private final Pipeline pipeline;
    private final Component[] components;
    private final Connection[] links;
    private final int[] readerSource;
    private final int[] outputs;
    private final boolean[][] connected;
    private final boolean[] cdcDownstream;
    private final int[][] expected;
    private final BitSet[] feeds;
    private final Map<Long, Route> routes = new HashMap<>();
    private static final int[] NONE = new int[0];

    Topology(CheckContext ctx) {
      this.ctx = ctx;
      this.pipeline = ctx.pipeline();
      int size = 0;
      for (Component c : pipeline.components()) {
        size = Math.max(size, ctx.index(c.id()) + 1);
      }
      for (Connection c : pipeline.connections()) {
        size = Math.max(size, ctx.index(c.label()) + 1);
      }
      components = new Component[size];
      links = new Connection[size];
      for (Component c : pipeline.components()) {
        int i = ctx.index(c.id());
        if (i >= 0) {
          components[i] = c;
        }
      }
      for (Connection c : pipeline.connections()) {
        int i = ctx.index(c.label());
        if (i >= 0) {
          links[i] = c;
        }
      }
      outputs = new int[size];
      connected = new boolean[size][size];
      for (Connection c : pipeline.connections()) {
        int from = ctx.index(c.from());
        int to = ctx.index(c.to());
        if (from >= 0 && to >= 0) {
          outputs[from]++;
          connected[from][to] = true;
        }
      }
      readerSource = new int[size];
      Arrays.fill(readerSource, -1);
      for (Component c : pipeline.components()) {
        if (c instanceof Reader) {
          List<Connection> in = pipeline.connectionsTo(c.id());
          if (!in.isEmpty()) {
            readerSource[ctx.index(c.id())] = ctx.index(in.get(0).from());
          }
        }
      }
      cdcDownstream = new boolean[size];
      for (Component c : pipeline.components()) {
        if (c instanceof Database) {
          BitSet seen = new BitSet();
          for (Connection out : successors(c, false)) {
            forward(out.to(), seen);
          }
          for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
            if (isStore(i)) {
              cdcDownstream[i] = true;
            }
          }
        }
      }
      expected = new int[size][];
      feeds = new BitSet[size];
    }

    /** The number of trace indices this topology knows (components and links). */
    int size() {
      return components.length;
    }

    /** The spec of component index {@code i}, or null (a link, or unknown). */
    Component component(int i) {
      return i >= 0 && i < components.length ? components[i] : null;
    }

    /** The connection of link index {@code i}, or null. */
    Connection link(int i) {
      return i >= 0 && i < links.length ? links[i] : null;
    }

    int index(String id) {
      return ctx.index(id);
    }

    String name(int i) {
      return ctx.name(i);
    }

    boolean isProducer(int i) {
      return component(i) instanceof Producer;
    }

    boolean isDatabase(int i) {
      return component(i) instanceof Database;
    }

    boolean isDerivedStore(int i) {
      return component(i) instanceof DerivedStore;
    }

    /** A database or a derived store. */
    boolean isStore(int i) {
      Component c = component(i);
      return c != null && c.kind().isStore();
    }

    boolean isProcessor(int i) {
      return component(i) instanceof Processor;
    }

    boolean isQueue(int i) {
      return component(i) instanceof Queue;
    }

    /** The number of replicas of a store: a database's leader and followers, else 1. */
    int replicas(int i) {
      return component(i) instanceof Database d ? d.followers() + 1 : 1;
    }

    /** The store a reader reads, or -1. */
    int readerSource(int reader) {
      return reader >= 0 && reader < readerSource.length ? readerSource[reader] : -1;
    }

    /** Whether a store is fed by a database's change stream (so it must follow its order). */
    boolean cdcDownstream(int store) {
      return store >= 0 && store < cdcDownstream.length && cdcDownstream[store];
    }

    /** How many connections leave component {@code i}. */
    int outputs(int i) {
      return i >= 0 && i < outputs.length ? outputs[i] : 0;
    }

    /** Whether a connection goes from component {@code from} to component {@code to}. */
    boolean connected(int from, int to) {
      return from >= 0
          && to >= 0
          && from < outputs.length
          && to < outputs.length
          && connected[from][to];
    }

    /** The hops an event takes out of {@code c} (see the class comment). */
    List<Connection> successors(Component c, boolean origin) {
      List<Connection> out = pipeline.connectionsFrom(c.id());
      if (c instanceof Processor p) {
        boolean transforms =
            p.operator() instanceof Operator.Window || p.operator() instanceof Operator.Join;
        return transforms && !origin ? List.of() : out;
      }
      if (c instanceof Service s) {
        return s.writeStrategy() == Service.WriteStrategy.DUAL_WRITE || out.isEmpty()
            ? out
            : out.subList(0, 1);
      }
      if (c instanceof Database) {
        return out.stream().filter(o -> isBroker(o.to())).toList();
      }
      if (c instanceof DerivedStore || c instanceof Reader) {
        return List.of();
      }
      return out;
    }

    private boolean isBroker(String id) {
      Component c = pipeline.component(id).orElse(null);
      return c != null && c.kind().isBroker();
    }

    private void forward(String id, BitSet seen) {
      int i = ctx.index(id);
      if (i < 0 || seen.get(i)) {
        return;
      }
      seen.set(i);
      Component c = component(i);
      if (c != null) {
        for (Connection out : successors(c, false)) {
          forward(out.to(), seen);
        }
      }
    }

    /**
     * The stores (indices, ascending) that every event created by component {@code origin} should
     * reach: downstream along the hops, where an event that goes to one of several consumers (a
     * member of a consumer group, a consumer of a load-balanced queue) is expected only at the
     * stores that every one of them leads to.
     */
    int[] expected(int origin) {
      if (origin < 0 || origin >= expected.length) {
        return NONE;
      }
      if (expected[origin] == null) {
        Component c = component(origin);
        BitSet stores = new BitSet();
        if (c != null) {
          for (Connection out : successors(c, true)) {
            stores.or(reach(out.to(), new BitSet()));
          }
        }
        expected[origin] = stores.stream().toArray();
      }
      return expected[origin];
    }

    private BitSet reach(String id, BitSet visiting) {
      int i = ctx.index(id);
      BitSet out = new BitSet();
      Component c = component(i);
      if (c == null || visiting.get(i)) {
        return out;
      }
      if (c.kind().isStore()) {
        out.set(i);
      }
      visiting.set(i);
      List<Connection> next = successors(c, false);
      if (c instanceof Topic) {
        Map<String, List<Connection>> groups = new LinkedHashMap<>();
        for (Connection o : next) {
          String group =
              o.consumerOrDefault().group() != null ? o.consumerOrDefault().group() : o.to();
          groups.computeIfAbsent(group, g -> new ArrayList<>()).add(o);
        }
        for (List<Connection> members : groups.values()) {
          out.or(intersection(members, visiting));
        }
      } else if (c instanceof Queue queue && queue.delivery() == Queue.Delivery.LOAD_BALANCED) {
        out.or(intersection(next, visiting));
      } else {
        for (Connection o : next) {
          out.or(reach(o.to(), visiting));
        }
      }
      visiting.clear(i);
      return out;
    }

    private BitSet intersection(List<Connection> alternatives, BitSet visiting) {
      BitSet all = null;
      for (Connection o : alternatives) {
        BitSet r = reach(o.to(), visiting);
        if (all == null) {
          all = r;
        } else {
          all.and(r);
        }
      }
      return all == null ? new BitSet() : all;
    }

    /**
     * Whether some route leads from {@code origin} to {@code store} (events of {@code origin} may
     * reach it, e.g. through one of several consumers), unlike {@link #expects}.
     */
    boolean feeds(int origin, int store) {
      if (origin < 0 || origin >= feeds.length || store < 0) {
        return false;
      }
      if (feeds[origin] == null) {
        BitSet seen = new BitSet();
        Component c = component(origin);
        if (c != null) {
          for (Connection out : successors(c, true)) {
            forward(out.to(), seen);
          }
        }
        feeds[origin] = seen;
      }
      return feeds[origin].get(store);
    }

    /** Whether events of {@code origin} are expected at {@code store}. */
    boolean expects(int origin, int store) {
      for (int s : expected(origin)) {
        if (s == store) {
          return true;
        }
      }
      return false;
    }

    /**
     * The components and connections on some route from {@code origin} to {@code store} (in spec
     * order; empty when there is none).
     */
    Route route(int origin, int store) {
      long k = ((long) origin << 32) | (store & 0xFFFF_FFFFL);
      Route r = routes.get(k);
      if (r == null) {
        r = computeRoute(origin, store);
        routes.put(k, r);
      }
      return r;
    }

    private Route computeRoute(int origin, int store) {
      Component from = component(origin);
      Component to = component(store);
      if (from == null || to == null) {
        return new Route(List.of(), List.of());
      }
      // nodes reachable from the origin, then those of them from which the store is reachable
      BitSet reachable = new BitSet();
      reachable.set(origin);
      for (Connection out : successors(from, true)) {
        forward(out.to(), reachable);
      }
      BitSet onRoute = new BitSet();
      for (int i = reachable.nextSetBit(0); i >= 0; i = reachable.nextSetBit(i + 1)) {
        if (i == store) {
          onRoute.set(i);
          continue;
        }
        BitSet seen = new BitSet();
        Component c = component(i);
        if (c != null) {
          for (Connection out : successors(c, i == origin)) {
            forward(out.to(), seen);
          }
        }
        if (seen.get(store)) {
          onRoute.set(i);
        }
      }
      List<Component> nodes = new ArrayList<>();
      for (Component c : pipeline.components()) {
        if (onRoute.get(ctx.index(c.id()))) {
          nodes.add(c);
        }
      }
      List<Connection> hops = new ArrayList<>();
      for (Connection c : pipeline.connections()) {
        int a = ctx.index(c.from());
        int b = ctx.index(c.to());
        if (onRoute.get(a)
            && onRoute.get(b)
            && a != store
            && successors(component(a), a == origin).contains(c)) {
          hops.add(c);
        }
      }
      return new Route(nodes, hops);
    }

    /** How many consumer instances read a queue (each processor instance counts). */
    int consumerInstances(Component queue) {
      int n = 0;
      for (Connection o : pipeline.connectionsFrom(queue.id())) {
        Component c = pipeline.component(o.to()).orElse(null);
        n += c instanceof Processor p ? p.parallelism() : 1;
      }
      return n;
    }

    /** The first connection into {@code to} from a topic or queue among {@code hops}, or null. */
    Connection brokerInput(Route route, String to) {
      for (Connection c : route.hops()) {
        if (c.to().equals(to) && isBroker(c.from())) {
          return c;
        }
      }
      return null;
    }

    /**
     * Why events of one key may reach the end of {@code route} in another order than they entered
     * it: non-FIFO links with variable latency, topics that spread a key over partitions,
     * load-balanced queues with concurrent consumers, services handling requests concurrently, and
     * several links into the store. Each reason is a sentence; {@code components} receives the
     * components and links named, {@code fixes} the specific fix of each.
     */
    List<String> reorderPoints(
        Route route, int store, List<String> components, List<String> fixes) {
      List<String> reasons = new ArrayList<>();
      String s = name(store);
      for (Connection c : route.hops()) {
        if (!c.fifo() && !(c.latency() instanceof Distribution.Const)) {
          reasons.add(
              q(c.label())
                  + " is "
                  + CheckContext.describe(c)
                  + ", so a message sent later can arrive first");
          components.add(c.label());
          fixes.add("make " + q(c.label()) + " FIFO, or version-check the writes at " + q(s));
        }
      }
      for (Component c : route.nodes()) {
        if (c instanceof Topic t
            && t.partitions() > 1
            && t.partitioner() != Topic.Partitioner.KEY_HASH) {
          reasons.add(
              q(t.id())
                  + " spreads the events of one key over its "
                  + t.partitions()
                  + " partitions ("
                  + spec(t.partitioner())
                  + "), which are consumed independently, at different speeds");
          components.add(t.id());
          fixes.add(
              "partition " + q(t.id()) + " by key (key-hash) so a key's events stay in order");
        } else if (c instanceof Queue queue
            && queue.delivery() == Queue.Delivery.LOAD_BALANCED
            && consumerInstances(queue) > 1) {
          reasons.add(
              q(queue.id())
                  + " hands messages to "
                  + consumerInstances(queue)
                  + " consumer instances that work on one key's messages at the same time");
          components.add(queue.id());
          fixes.add(
              "replace "
                  + q(queue.id())
                  + " by a topic partitioned by key with one consumer per partition");
        } else if (c instanceof Service svc && !(svc.serviceTime() instanceof Distribution.Const)) {
          reasons.add(
              q(svc.id())
                  + " handles requests concurrently (service time "
                  + svc.serviceTime()
                  + "), so a later request can finish first");
          components.add(svc.id());
          fixes.add(
              "version-check the writes at "
                  + q(s)
                  + " (optimistic concurrency), or pass a key's requests through one ordered"
                  + " partition");
        }
      }
      int into = 0;
      for (Connection c : route.hops()) {
        if (c.to().equals(s)) {
          into++;
        }
      }
      if (into > 1) {
        reasons.add(q(s) + " receives them over " + into + " different links");
        fixes.add("give " + q(s) + " a single ordered input");
      }
      return reasons;
    }
  }

  /** The components (spec order) and connections (spec order) on the routes between two points. */
  record Route(List<Component> nodes, List<Connection> hops) {
    boolean contains(String id) {
      for (Component c : nodes) {
        if (c.id().equals(id)) {
          return true;
        }
      }
      return false;
    }
  }

  // ---------------------------------------------------------------- history

  /**
   * What the trace has shown so far, for the flow checkers: per store replica the events applied,
   * per store the events that reached it (APPLY or SKIP); per event whether the system accepted it,
   * deliberately dropped it, its producer sent it more than once, a queue redelivered it, where
   * (and when, and how) it was last dropped or deleted, the last component that took it, the
   * database commit rank of its first commit, and when a step last mentioned it; per component and
   * link when it was down (crashed, or cut). O(1) amortized work and no allocation per step (the
   * window grows by doubling; crashes are rare).
   *
   * <p><b>Bounded memory: a window of events.</b> All per-event state lives in a window of event
   * ids {@code [forgotten, newest]} (ring columns and {@link EventSet}s), which two cursors move
   * forward, an id at a time, so memory is proportional to the events of the last {@link
   * #HORIZON_MICROS} of simulated time plus those still in flight, not to the length of the run:
   *
   * <ol>
   *   <li>The <em>loss cursor</em> passes an event once its loss is decided: it is <em>settled</em>
   *       (it reached every store it should reach, or was deliberately dropped, or is expected
   *       nowhere), or it has been <em>quiet</em> for the horizon (no step mentioned it for {@link
   *       #HORIZON_MICROS}) while not waiting in a broker. As it passes, the loss checker judges
   *       the event ({@link Judge}): an accepted, unsettled event quiet for the horizon is reported
   *       lost then rather than at the end of the run. An event whose last holder is a broker (a
   *       topic or queue that has neither dropped nor deleted it) is in flight, however long it
   *       waits, and holds the cursor. The events the cursor has not passed are judged at the end.
   *   <li>The <em>forget cursor</em> follows it and forgets an event once it is also quiet for the
   *       horizon: its bits and columns are cleared, after the checkers that wait on it were told
   *       ({@link Forget}). A forgotten event reads as not applied, not reached, not accepted.
   * </ol>
   *
   * <p><b>The trade-off.</b> A copy of an event that arrives more than the horizon after any step
   * last mentioned the event is not judged: a duplicate apply that late is not DUPLICATE_EFFECT
   * (nor OUT_OF_ORDER), an effect whose cause was forgotten is not awaited, and an event that
   * resurfaces after being judged lost (a consumer group reading a topic more than the horizon
   * behind the others) was reported lost. Ten minutes of simulated time is far beyond retry
   * timeouts, ack timeouts, redelivery and restart delays of realistic specs, and a run's drain;
   * runs shorter than the horizon are judged exactly as if everything were remembered.
   */
  static final class History extends Checker {
    static final byte RESENT = 1;
    static final byte REDELIVERED = 2;

    /** How an event was last lost (the step that dropped or deleted it). */
    static final byte LOST_ON_LINK = 1;

    static final byte LOST_AT_QUEUE = 2;
    static final byte WRITE_GIVEN_UP = 3;
    static final byte RETENTION = 4;
    static final byte COMPACTION = 5;

    /**
     * How long (simulated time) an event is remembered after the last step that mentioned it, and
     * how long an unsettled event outside any broker may be quiet before it is judged lost: 10
     * minutes.
     */
    static final long HORIZON_MICROS = 600_000_000L;

    /** Told when the loss cursor passes an event: judge whether it was lost (see the class). */
    interface Judge {
      void judge(long e, long now);
    }

    /** Told just before an event is forgotten, while its state can still be read. */
    interface Forget {
      void forgetting(long e);
    }

    private final Topology topology;
    private final Events events;
    private final long horizon;
    private final boolean[] broker;

    /** Per-event columns over the window (ids from {@link #forgotten}). */
    private final Ring ring = new Ring();

    private int rank;

    /** The lowest id not forgotten. */
    private long forgotten = 1;

    /** The lowest id whose loss is not decided yet (the loss cursor): at least forgotten. */
    private long undecided = 1;

    /** The largest event id a step has mentioned. */
    private long newest;

    private Judge judge;
    private final List<Forget> forgets = new ArrayList<>();

    private final EventSet accepted = new EventSet();
    private final EventSet excused = new EventSet();

    /** Per store or join processor: the events each replica applied. */
    private final EventSet[][] applied;

    /** Per store: the events that reached it (APPLY or SKIP). */
    private final EventSet[] reached;

    /** Per component or link: [down since, up again (MAX while down)] intervals. */
    private final List<List<long[]>> downs;

    History(CheckContext ctx, Topology topology) {
      this(ctx, topology, HORIZON_MICROS);
    }

    History(CheckContext ctx, Topology topology, long horizonMicros) {
      super(ctx);
      this.topology = topology;
      this.events = ctx.events();
      this.horizon = horizonMicros;
      int n = topology.size();
      applied = new EventSet[n][];
      reached = new EventSet[n];
      broker = new boolean[n];
      downs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        downs.add(null);
        Component c = topology.component(i);
        broker[i] = c != null && c.kind().isBroker();
        if (topology.isStore(i) || topology.isProcessor(i)) {
          int r = topology.isProcessor(i) ? 1 : topology.replicas(i);
          applied[i] = new EventSet[r];
          for (int k = 0; k < r; k++) {
            applied[i][k] = new EventSet();
          }
        }
        if (topology.isStore(i)) {
          reached[i] = new EventSet();
        }
      }
    }

    /** Who judges an event's loss when the loss cursor passes it (the loss checker). */
    void judgeWith(Judge j) {
      this.judge = j;
    }

    /** Registers a checker to be told before an event is forgotten. */
    void onForget(Forget f) {
      forgets.add(f);
    }

    @Override
    public void onStep(TraceStep s) {
      long e = s.eventId();
      long now = s.timeMicros();
      if (e > 0) {
        if (e < forgotten) {
          e = -1; // forgotten: a step this late changes nothing here (see the class comment)
        } else {
          int slot = ring.ensure(e);
          ring.lastSeen[slot] = now;
          newest = Math.max(newest, e);
        }
      }
      record(s, e);
      advance(now);
    }

    private void record(TraceStep s, long e) {
      int c = s.component();
      switch (s.kind()) {
        case SEND -> {
          if (e <= 0) {
            return;
          }
          int i = ring.slot(e);
          if (topology.isProducer(c)) {
            if (ring.sends[i] < Byte.MAX_VALUE) {
              ring.sends[i]++;
            }
            if (ring.sends[i] > topology.outputs(c)) {
              ring.flags[i] |= RESENT;
            }
          } else if (!(topology.component(c) instanceof Service)) {
            // a service's write is accepted only once a store or broker takes it: a write it
            // gives up before that leaves its requester unacknowledged, not a silent loss
            accepted.add(e);
          }
        }
        case DELIVER, CONSUME -> {
          if (e > 0) {
            ring.heldBy[ring.slot(e)] = c + 1;
          }
        }
        case APPEND -> {
          if (e > 0) {
            accepted.add(e);
            ring.heldBy[ring.slot(e)] = c + 1;
          }
        }
        case DROP -> {
          if (e > 0) {
            byte how;
            int where = c;
            if (s.oldValue() != TraceStep.NO_VALUE) {
              how = LOST_ON_LINK;
              where = (int) s.oldValue();
            } else if (topology.isQueue(c)) {
              how = LOST_AT_QUEUE;
            } else {
              how = WRITE_GIVEN_UP;
            }
            lost(e, how, where, s.timeMicros());
          }
        }
        case EXPIRE -> {
          if (e > 0) {
            boolean compacted = s.oldValue() != TraceStep.NO_VALUE;
            lost(e, compacted ? COMPACTION : RETENTION, c, s.timeMicros());
            if (compacted && overwrites(events.op(e))) {
              excused.add(e); // superseded by a later value of its key
            }
          }
        }
        case REDELIVER -> {
          if (e > 0) {
            ring.flags[ring.slot(e)] |= REDELIVERED;
          }
        }
        case APPLY -> {
          if (e > 0 && c >= 0 && c < applied.length && applied[c] != null) {
            applied[c][replica(c, s.partition())].add(e);
            if (reached[c] != null) {
              reached[c].add(e);
              accepted.add(e);
            }
            int i = ring.slot(e);
            if (topology.isDatabase(c) && ring.dbRank[i] == 0) {
              ring.dbRank[i] = ++rank;
            }
          }
        }
        case REPLICATE -> {
          if (e > 0 && c >= 0 && c < applied.length && applied[c] != null) {
            applied[c][replica(c, s.partition())].add(e);
          }
        }
        case SKIP -> skipped(s, e, c);
        case ACK -> {
          if (e > 0) {
            accepted.add(e);
          }
        }
        case CRASH -> {
          if (s.partition() == TraceStep.NONE) {
            down(c, s.timeMicros());
          }
        }
        case RESTART -> {
          if (s.partition() == TraceStep.NONE) {
            up(c, s.timeMicros());
          }
        }
        case FAILOVER, HEAL -> up(c, s.timeMicros());
        case CUT -> down(c, s.timeMicros());
        default -> {}
      }
    }

    private void skipped(TraceStep s, long e, int c) {
      if (e <= 0) {
        return;
      }
      if (topology.isQueue(c)) {
        // backpressure: the queue took nothing and the sender offers the event again
        int producer = events.producer(e);
        int i = ring.slot(e);
        if (topology.connected(producer, c) && ring.sends[i] > 0) {
          ring.sends[i]--;
        }
      } else if (topology.isStore(c)) {
        reached[c].add(e);
        if (topology.isDatabase(c)) {
          excused.add(e); // refused by a constraint: never committed, never published
        }
      } else if (topology.isProcessor(c)) {
        Processor p = (Processor) topology.component(c);
        boolean replayed =
            !(p.operator() instanceof Operator.Window) && s.partition() != TraceStep.NONE;
        if (!replayed) {
          excused.add(e); // filtered, a duplicate request, refused, or dropped late
        }
      }
    }

    private void lost(long e, byte how, int where, long at) {
      int i = ring.slot(e);
      ring.lossKind[i] = how;
      ring.lossAt[i] = where + 1;
      ring.lossTime[i] = at;
    }

    // ------------------------------------------------------------ the window

    /** Moves the loss cursor, then the forget cursor, as far as they may go (see the class). */
    private void advance(long now) {
      while (undecided <= newest && (settled(undecided) || quiet(undecided, now))) {
        if (judge != null) {
          judge.judge(undecided, now);
        }
        undecided++;
      }
      while (forgotten < undecided && quietFor(forgotten, now) > horizon) {
        forget(forgotten);
      }
    }

    /** Whether {@code e}'s loss is decided by the trace: it cannot be a MESSAGE_LOSS any more. */
    private boolean settled(long e) {
      if (excused.contains(e)) {
        return true;
      }
      for (int s : topology.expected(events.producer(e))) {
        if (!reached[s].contains(e)) {
          return false;
        }
      }
      return true;
    }

    /** Whether {@code e} has been quiet for the horizon and is not waiting in a broker. */
    private boolean quiet(long e, long now) {
      if (quietFor(e, now) <= horizon) {
        return false;
      }
      int held = heldBy(e);
      return lossKind(e) != 0 || held < 0 || held >= broker.length || !broker[held];
    }

    /** How long no step has mentioned {@code e} (since its creation if none has). */
    private long quietFor(long e, long now) {
      long seen = ring.holds(e) ? ring.lastSeen[ring.slot(e)] : 0;
      return now - Math.max(seen, events.createdAt(e));
    }

    private void forget(long e) {
      for (Forget f : forgets) {
        f.forgetting(e);
      }
      ring.forget(e);
      long next = e + 1;
      accepted.forgetBelow(next);
      excused.forgetBelow(next);
      for (EventSet[] sets : applied) {
        if (sets != null) {
          for (EventSet set : sets) {
            set.forgetBelow(next);
          }
        }
      }
      for (EventSet set : reached) {
        if (set != null) {
          set.forgetBelow(next);
        }
      }
      forgotten = next;
      if ((next & 4095) == 0) {
        trimDowns(events.createdAt(next));
      }
    }

    /**
     * Forgets the down intervals that ended before {@code cutoff}: every query about an event in
     * the window asks about times after its creation, and events are created in id order.
     */
    private void trimDowns(long cutoff) {
      for (List<long[]> list : downs) {
        if (list == null) {
          continue;
        }
        int k = 0;
        while (k < list.size() - 1 && list.get(k)[1] < cutoff) {
          k++;
        }
        if (k > 0) {
          list.subList(0, k).clear();
        }
      }
    }

    /** How many events the window holds (from the oldest not forgotten to the newest seen). */
    long retainedEvents() {
      return Math.max(0, newest + 1 - forgotten);
    }

    /** How many events' loss is still undecided (judged at the end). */
    long undecidedEvents() {
      return Math.max(0, newest + 1 - undecided);
    }

    /** The lowest event id whose loss is not decided yet: the loss checker judges from it. */
    long firstUndecided() {
      return undecided;
    }

    /** Whether {@code e} is forgotten (see the class comment): nothing about it is known. */
    boolean forgotten(long e) {
      return e < forgotten;
    }

    private void down(int c, long at) {
      if (c < 0 || c >= downs.size()) {
        return;
      }
      if (downs.get(c) == null) {
        downs.set(c, new ArrayList<>());
      }
      downs.get(c).add(new long[] {at, Long.MAX_VALUE});
    }

    private void up(int c, long at) {
      if (c < 0 || c >= downs.size() || downs.get(c) == null) {
        return;
      }
      List<long[]> list = downs.get(c);
      if (list.isEmpty()) {
        return;
      }
      long[] last = list.get(list.size() - 1);
      if (last[1] == Long.MAX_VALUE) {
        last[1] = at;
      }
    }

    private int replica(int store, int partition) {
      EventSet[] r = applied[store];
      return partition >= 0 && partition < r.length ? partition : 0;
    }

    // ------------------------------------------------------------ queries

    /** Whether replica {@code replica} of store {@code store} has applied event {@code e}. */
    boolean applied(int store, int replica, long e) {
      EventSet[] r = store >= 0 && store < applied.length ? applied[store] : null;
      return r != null && r[replica(store, replica)].contains(e);
    }

    /** Whether any replica of {@code store} has applied {@code e}. */
    boolean appliedAnywhere(int store, long e) {
      EventSet[] r = store >= 0 && store < applied.length ? applied[store] : null;
      if (r == null) {
        return false;
      }
      for (EventSet set : r) {
        if (set.contains(e)) {
          return true;
        }
      }
      return false;
    }

    /** The replica a step's partition names at {@code store} (0 when it names none). */
    int replicaOf(int store, int partition) {
      return store < 0 || store >= applied.length || applied[store] == null
          ? 0
          : replica(store, partition);
    }

    /** Whether {@code e} reached store {@code store} (APPLY or SKIP there). */
    boolean reached(int store, long e) {
      return store >= 0
          && store < reached.length
          && reached[store] != null
          && reached[store].contains(e);
    }

    /**
     * Whether the system accepted {@code e}: a broker appended it, a store applied it, a processor
     * or broker passed it on, or a write of it was acknowledged. Events created inside the system
     * (window and join results) are accepted from the start.
     */
    boolean accepted(long e) {
      return accepted.contains(e) || !topology.isProducer(events.producer(e));
    }

    /** Whether {@code e} was deliberately not passed on or applied somewhere (see SKIP). */
    boolean excused(long e) {
      return excused.contains(e);
    }

    boolean flag(long e, byte flag) {
      return ring.holds(e) && (ring.flags[ring.slot(e)] & flag) != 0;
    }

    /** How {@code e} was last dropped or deleted, or 0. */
    byte lossKind(long e) {
      return ring.holds(e) ? ring.lossKind[ring.slot(e)] : 0;
    }

    /** The component or link that last dropped or deleted {@code e}, or -1. */
    int lossAt(long e) {
      return ring.holds(e) ? ring.lossAt[ring.slot(e)] - 1 : -1;
    }

    long lossTime(long e) {
      return ring.holds(e) ? ring.lossTime[ring.slot(e)] : 0;
    }

    /** The last component that took {@code e} (DELIVER, CONSUME, APPEND), or -1. */
    int heldBy(long e) {
      return ring.holds(e) ? ring.heldBy[ring.slot(e)] - 1 : -1;
    }

    /** The rank of {@code e}'s first commit at any database (commit order), or 0. */
    int dbRank(long e) {
      return ring.holds(e) ? ring.dbRank[ring.slot(e)] : 0;
    }

    /** When {@code component} (or link) went down at or before {@code at} and was still down. */
    long downSince(int component, long at) {
      List<long[]> list = component >= 0 && component < downs.size() ? downs.get(component) : null;
      if (list == null) {
        return -1;
      }
      for (int i = list.size() - 1; i >= 0; i--) {
        long[] d = list.get(i);
        if (d[0] <= at && at < d[1]) {
          return d[0];
        }
      }
      return -1;
    }

    /** The latest time {@code component} went down within [from, to], or -1. */
    long crashBetween(int component, long from, long to) {
      List<long[]> list = component >= 0 && component < downs.size() ? downs.get(component) : null;
      if (list == null) {
        return -1;
      }
      for (int i = list.size() - 1; i >= 0; i--) {
        long at = list.get(i)[0];
        if (at >= from && at <= to) {
          return at;
        }
      }
      return -1;
    }

    /** When {@code component} came back after going down at {@code since}, or -1 if never. */
    long upAfter(int component, long since) {
      List<long[]> list = component >= 0 && component < downs.size() ? downs.get(component) : null;
      if (list != null) {
        for (long[] d : list) {
          if (d[0] == since) {
            return d[1] == Long.MAX_VALUE ? -1 : d[1];
          }
        }
      }
      return -1;
    }

    /**
     * The per-event columns of the window, in a ring: the event with id {@code e} is at slot {@code
     * e & (capacity - 1)} while {@code base <= e < base + capacity}. Slots are cleared when their
     * event is forgotten, so a slot reached for the first time reads as zero.
     */
    private static final class Ring {
      private long base = 1;
      private int mask = 1023;
      byte[] flags = new byte[1024];
      byte[] sends = new byte[1024];
      byte[] lossKind = new byte[1024];
      int[] lossAt = new int[1024];
      int[] heldBy = new int[1024];
      int[] dbRank = new int[1024];
      long[] lossTime = new long[1024];
      long[] lastSeen = new long[1024];

      boolean holds(long e) {
        return e >= base && e - base <= mask;
      }

      int slot(long e) {
        return (int) (e & mask);
      }

      /** Makes room for {@code e} (not below the base) and returns its slot. */
      int ensure(long e) {
        if (e - base > mask) {
          grow(e);
        }
        return slot(e);
      }

      private void grow(long e) {
        int n = mask + 1;
        while (e - base >= n) {
          n *= 2;
        }
        int m = n - 1;
        byte[] f = new byte[n];
        byte[] s = new byte[n];
        byte[] k = new byte[n];
        int[] a = new int[n];
        int[] h = new int[n];
        int[] r = new int[n];
        long[] t = new long[n];
        long[] l = new long[n];
        for (long id = base; id <= base + mask; id++) {
          int from = (int) (id & mask);
          int to = (int) (id & m);
          f[to] = flags[from];
          s[to] = sends[from];
          k[to] = lossKind[from];
          a[to] = lossAt[from];
          h[to] = heldBy[from];
          r[to] = dbRank[from];
          t[to] = lossTime[from];
          l[to] = lastSeen[from];
        }
        flags = f;
        sends = s;
        lossKind = k;
        lossAt = a;
        heldBy = h;
        dbRank = r;
        lossTime = t;
        lastSeen = l;
        mask = m;
      }

      /** Forgets the oldest event, {@code e} (the base), clearing its slot. */
      void forget(long e) {
        if (e != base) {
          throw new IllegalStateException("forgetting " + e + " but the window starts at " + base);
        }
        int i = slot(e);
        flags[i] = 0;
        sends[i] = 0;
        lossKind[i] = 0;
        lossAt[i] = 0;
        heldBy[i] = 0;
        dbRank[i] = 0;
        lossTime[i] = 0;
        lastSeen[i] = 0;
        base++;
      }
    }
  }
}
