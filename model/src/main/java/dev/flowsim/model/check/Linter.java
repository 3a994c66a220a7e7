package dev.flowsim.model.check;

import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Constraint;
import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Fault;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Design risks a valid pipeline still carries, each named by the concept it embodies (the names the
 * teaching scenarios use), with a one-line why and the usual fix. Lint runs on pipelines that
 * validate; it never reports an error.
 */
public final class Linter {

  /** The lint codes, in the order they are checked. */
  public static final List<String> CODES =
      List.of(
          "dual-write",
          "load-balanced-ordering",
          "unkeyed-partitioning",
          "retention-risk",
          "non-idempotent-redelivery",
          "commit-before-processing",
          "async-follower-reads",
          "async-failover",
          "in-memory-queue",
          "short-watermark-delay",
          "causal-split",
          "unenforced-constraint",
          "unversioned-table-join",
          "retries-without-ids",
          "dedupe-without-ids",
          "unread",
          "fault-after-end");

  private final Pipeline pipeline;
  private final PipelineGraph graph;
  private final List<Diagnostic> out = new ArrayList<>();

  private Linter(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.graph = new PipelineGraph(pipeline);
  }

  /** The warnings of a pipeline (which should already validate without errors). */
  public static List<Diagnostic> lint(Pipeline pipeline) {
    Linter l = new Linter(pipeline);
    l.run();
    return List.copyOf(l.out);
  }

  private void run() {
    for (int i = 0; i < pipeline.components().size(); i++) {
      Component c = pipeline.components().get(i);
      String at = "components[" + i + "]";
      if (c instanceof Service s) {
        dualWriteService(at, s);
      } else if (c instanceof Queue q) {
        queue(at, q);
      } else if (c instanceof Topic t) {
        topic(at, t);
      } else if (c instanceof Reader r) {
        reader(at, r);
      } else if (c instanceof Database d) {
        failover(at, d);
      } else if (c instanceof Processor p) {
        processor(at, p);
      } else if (c instanceof Producer p) {
        producer(at, p);
      }
      if (c.kind().isStore()) {
        multipleWriters(at, c);
      }
    }
    for (int i = 0; i < pipeline.connections().size(); i++) {
      connection("connections[" + i + "]", pipeline.connections().get(i));
    }
    for (int i = 0; i < pipeline.constraints().size(); i++) {
      constraint("constraints[" + i + "]", pipeline.constraints().get(i));
    }
    for (int i = 0; i < pipeline.faults().size(); i++) {
      Fault f = pipeline.faults().get(i);
      if (f.at().compareTo(pipeline.duration()) >= 0) {
        warn(
            "fault-after-end",
            "faults[" + i + "].at",
            "this fault starts at " + f.at() + ", after the run ends at " + pipeline.duration(),
            "it never happens, so the run does not show its effect",
            "move it before " + pipeline.duration() + " or lengthen the run",
            f.componentIds().toArray(String[]::new));
      }
    }
  }

  // ---------------------------------------------------------------- writes to stores

  private void dualWriteService(String at, Service s) {
    List<String> stores =
        graph.outputs(s.id()).stream().filter(c -> c.kind().isStore()).map(Component::id).toList();
    if (s.writeStrategy() == Service.WriteStrategy.DUAL_WRITE && stores.size() >= 2) {
      List<String> ids = new ArrayList<>(List.of(s.id()));
      ids.addAll(stores);
      warn(
          "dual-write",
          at + ".writeStrategy",
          s.id() + " writes " + String.join(" and ", stores) + " itself (dual write)",
          "the writes race and fail independently, so the stores can disagree for good",
          "write only the database and derive the others from its change stream (CDC) or an"
              + " event log",
          ids.toArray(String[]::new));
    }
  }

  private void multipleWriters(String at, Component store) {
    Set<String> writers = new LinkedHashSet<>();
    for (Component in : graph.inputs(store.id())) {
      writers.add(in.id());
    }
    if (writers.size() >= 2 && store.kind().role() == ComponentKind.Role.DERIVED_STORE) {
      List<String> ids = new ArrayList<>(writers);
      ids.add(0, store.id());
      warn(
          "dual-write",
          at,
          store.id() + " has " + writers.size() + " writers: " + String.join(", ", writers),
          "writes from independent writers interleave in no agreed order, so the store can end"
              + " up disagreeing with its source",
          "give each derived store a single writer fed from one ordered log",
          ids.toArray(String[]::new));
    }
  }

  // ---------------------------------------------------------------- brokers and consumers

  private void queue(String at, Queue q) {
    if (q.delivery() == Queue.Delivery.LOAD_BALANCED) {
      for (Component consumer : graph.outputs(q.id())) {
        if (orderSensitive(consumer, new LinkedHashSet<>())) {
          warn(
              "load-balanced-ordering",
              at + ".delivery",
              q.id() + " load-balances messages to " + consumer.id() + ", which is order-sensitive",
              "a redelivery after an ack timeout or crash goes to another consumer, so events of"
                  + " one key are applied out of order",
              "use a topic partitioned by key (one consumer per partition) or version-checked"
                  + " writes",
              q.id(),
              consumer.id());
        }
      }
    }
    if (q.durability() == Queue.Durability.IN_MEMORY && crashes(q.id())) {
      warn(
          "in-memory-queue",
          at + ".durability",
          q.id() + " keeps its messages in memory and is scheduled to crash",
          "every message queued at the crash is lost",
          "make the queue persistent",
          q.id());
    }
    unread(at, q);
  }

  /** True when applying one key's events in another order changes the outcome downstream. */
  private boolean orderSensitive(Component c, Set<String> seen) {
    if (!seen.add(c.id())) {
      return false;
    }
    if (c instanceof DerivedStore d) {
      return d.writeMode() == DerivedStore.WriteMode.LAST_ARRIVAL_WINS;
    }
    if (c instanceof Database) {
      return true;
    }
    if (c instanceof Processor p && p.operator().isOrderSensitive()) {
      return true;
    }
    if (c instanceof Processor || c instanceof Service) {
      for (Component next : graph.outputs(c.id())) {
        if (!next.kind().isBroker() && orderSensitive(next, seen)) {
          return true;
        }
      }
    }
    return false;
  }

  private void topic(String at, Topic t) {
    if (t.partitions() > 1 && t.partitioner() != Topic.Partitioner.KEY_HASH) {
      warn(
          "unkeyed-partitioning",
          at + ".partitioner",
          t.id()
              + " has "
              + t.partitions()
              + " partitions filled "
              + Validator.enumText(t.partitioner())
              + ", not by key",
          "events of one key land in different partitions, which are consumed independently,"
              + " so their order is lost",
          "partition by key-hash so each key stays in one partition",
          t.id());
    }
    if (!t.retention().isForever() || shrinks(t.id())) {
      for (Connection out : pipeline.connectionsFrom(t.id())) {
        Component consumer = graph.component(out.to());
        double inflow = inflowPerSecond(t.id());
        double capacity = capacityPerSecond(consumer, t.partitions());
        boolean slowed = slowed(consumer.id());
        if (inflow >= capacity || slowed) {
          warn(
              "retention-risk",
              at + ".retention",
              consumer.id()
                  + (slowed
                      ? " is slowed down by a fault"
                      : String.format(
                          java.util.Locale.ROOT,
                          " handles about %.0f/s but %s receives about %.0f/s",
                          capacity,
                          t.id(),
                          inflow))
                  + ", and "
                  + t.id()
                  + " deletes old entries",
              "a consumer that falls behind retention never sees the entries deleted before it"
                  + " read them",
              "keep more, alert on consumer lag, or add partitions and consumers",
              t.id(),
              consumer.id());
        }
      }
    }
    unread(at, t);
  }

  private void unread(String at, Component broker) {
    if (graph.outputs(broker.id()).isEmpty()) {
      warn(
          "unread",
          at,
          "nothing consumes " + broker.id(),
          "its messages pile up and no store or reader ever reflects them",
          "connect a processor or store that consumes it, or remove it",
          broker.id());
    }
  }

  private void connection(String at, Connection c) {
    Optional<Component> from = pipeline.component(c.from());
    Optional<Component> to = pipeline.component(c.to());
    if (from.isEmpty() || to.isEmpty() || !from.get().kind().isBroker()) {
      return;
    }
    Connection.Consumer consumer = c.consumerOrDefault();
    if (consumer.commit() == Connection.CommitPolicy.BEFORE_PROCESSING) {
      warn(
          "commit-before-processing",
          at + ".consumer.commit",
          c.to() + " commits its offset on " + c.from() + " before processing",
          "a crash between the commit and the processing skips those events (at-most-once)",
          "commit after processing and make the effect idempotent",
          c.from(),
          c.to());
      return;
    }
    if (nonIdempotentUpstream(c.from()) && !deduplicates(to.get())) {
      warn(
          "non-idempotent-redelivery",
          at,
          c.to()
              + " consumes "
              + c.from()
              + " at least once, and its events are not idempotent (increments, transfers)",
          "a crash or redelivery replays events after the last commit and applies them twice",
          "attach request ids and deduplicate on them, or write with a version check",
          c.from(),
          c.to());
    }
  }

  /**
   * True when a producer of increments or transfers feeds {@code id} (itself included) with no
   * deduplicating processor in between (a dedupe stops the walk).
   */
  private boolean nonIdempotentUpstream(String id) {
    Set<String> seen = new LinkedHashSet<>();
    java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(id));
    while (!todo.isEmpty()) {
      String at = todo.poll();
      for (Component in : graph.inputs(at)) {
        if (!seen.add(in.id())) {
          continue;
        }
        if (in instanceof Producer p
            && (p.operation() == Producer.Operation.INCREMENT
                || p.operation() == Producer.Operation.TRANSFER)) {
          return true;
        }
        if (!(in instanceof Processor proc && proc.operator() instanceof Operator.Dedupe)) {
          todo.add(in.id());
        }
      }
    }
    return false;
  }

  /**
   * True when a replayed event is absorbed: the consumer deduplicates, or it is a version-checked
   * store, or a stateless processor whose store outputs all are.
   */
  private boolean deduplicates(Component consumer) {
    if (consumer instanceof Processor p && p.operator() instanceof Operator.Dedupe) {
      return true;
    }
    if (consumer instanceof DerivedStore d) {
      return d.writeMode() == DerivedStore.WriteMode.VERSION_CHECKED;
    }
    if (consumer instanceof Processor p && !p.operator().isStateful()) {
      List<Component> stores =
          graph.outputs(p.id()).stream().filter(c -> !c.kind().isBroker()).toList();
      return !stores.isEmpty() && stores.stream().allMatch(this::deduplicates);
    }
    return false;
  }

  // ---------------------------------------------------------------- replication and reads

  private void reader(String at, Reader r) {
    boolean random = r.routing() == Reader.Routing.RANDOM_FOLLOWER;
    boolean sticky = r.routing() == Reader.Routing.STICKY_FOLLOWER && r.sameUsersAs() != null;
    if (!random && !sticky) {
      return;
    }
    for (Component in : graph.inputs(r.id())) {
      if (in instanceof Database d
          && d.followers() > 0
          && d.replication() != Database.Replication.SYNC) {
        warn(
            "async-follower-reads",
            at + ".routing",
            r.id()
                + " reads from "
                + (random ? "a random" : "a sticky")
                + " follower of "
                + d.id()
                + ", which replicates "
                + Validator.enumText(d.replication()),
            random
                ? "a lagging follower can miss the user's own write, and the next read can hit an"
                    + " older follower than the last"
                : "a lagging follower can miss the user's own write (sticky routing only keeps"
                    + " reads monotonic)",
            "route with read-your-writes or wait-for-version",
            r.id(),
            d.id());
      }
    }
  }

  private void failover(String at, Database d) {
    if (d.replication() == Database.Replication.ASYNC && d.followers() > 0 && crashes(d.id())) {
      warn(
          "async-failover",
          at + ".replication",
          d.id() + " replicates asynchronously and its leader is scheduled to crash",
          "a follower takes over without the writes the old leader acknowledged but had not"
              + " replicated yet: they are lost",
          "use semi-sync or sync replication, or accept and reconcile the loss",
          d.id());
    }
  }

  // ---------------------------------------------------------------- processors and producers

  private void processor(String at, Processor p) {
    if (p.operator() instanceof Operator.Window w && w.time() == Operator.TimeSemantics.EVENT) {
      lateEvents(at, p, w);
    }
    if (p.operator() instanceof Operator.Join j
        && j.join() == Operator.JoinType.STREAM_TABLE
        && !j.versioned()) {
      warn(
          "unversioned-table-join",
          at + ".operator.versioned",
          p.id() + " joins each event with whatever " + j.table() + " holds when it arrives",
          "when the table lags the stream, events are enriched with an old version of the row",
          "join against the table version as of the event (versioned join) or wait for it",
          p.id());
    }
    if (p.operator() instanceof Operator.Dedupe) {
      boolean ids =
          graph.upstream(p.id()).stream()
              .anyMatch(up -> graph.component(up) instanceof Producer prod && prod.requestIds());
      if (!ids) {
        warn(
            "dedupe-without-ids",
            at + ".operator",
            p.id() + " deduplicates by request id, but no producer upstream attaches one",
            "without request ids there is nothing to deduplicate on, so duplicates pass",
            "set requestIds on the producers",
            p.id());
      }
    }
  }

  /**
   * Events are late when they are stamped behind the watermark, which follows the fastest clock
   * feeding the window. So what matters is the spread of the producers' clocks (skews, and drift
   * over the run) and the time a producer spends offline — compared with the watermark delay (plus
   * the allowed lateness when late events correct their window). One skewed producer alone is
   * consistent with itself and not late.
   */
  private void lateEvents(String at, Processor p, Operator.Window w) {
    // allowed lateness only helps when late events correct their window
    long tolerance =
        w.watermarkDelay().micros()
            + (w.latePolicy() == Operator.LatePolicy.CORRECTION ? w.allowedLateness().micros() : 0);
    List<Producer> producers = new ArrayList<>();
    for (String up : graph.upstream(p.id())) {
      if (graph.component(up) instanceof Producer prod) {
        producers.add(prod);
      }
    }
    long fastest = Long.MIN_VALUE;
    for (Producer prod : producers) {
      fastest = Math.max(fastest, clockRange(prod)[1]);
    }
    List<String> late = new ArrayList<>();
    long worst = 0;
    for (Producer prod : producers) {
      long behind = fastest - clockRange(prod)[0];
      for (Fault f : pipeline.faults()) {
        if (f instanceof Fault.Offline o && o.component().equals(prod.id())) {
          behind = Math.max(behind, o.duration().micros());
        }
      }
      if (behind > tolerance) {
        late.add(prod.id());
        worst = Math.max(worst, behind);
      }
    }
    if (late.isEmpty()) {
      return;
    }
    List<String> ids = new ArrayList<>(List.of(p.id()));
    ids.addAll(late);
    warn(
        "short-watermark-delay",
        at + ".operator.watermarkDelay",
        p.id()
            + " tolerates "
            + new dev.flowsim.model.Duration(tolerance)
            + " of lateness (watermark delay, plus allowed lateness when late events correct),"
            + " but "
            + String.join(", ", late)
            + " can stamp events up to "
            + new dev.flowsim.model.Duration(worst)
            + " behind the fastest clock (skew, drift or time offline)",
        "events stamped behind the watermark arrive after their window closed: they are late"
            + " and the window results are wrong",
        "set a watermark delay and allowed lateness above the worst lag, and emit corrections",
        ids.toArray(String[]::new));
  }

  /** The lowest and highest offset of a producer's clock from true time during the run. */
  private long[] clockRange(Producer p) {
    long skew = p.clock().skew().micros();
    long drift = Math.round(p.clock().driftPpm() * pipeline.duration().micros() / 1e6);
    long lo = Math.min(skew, skew + drift);
    long hi = Math.max(skew, skew + drift);
    for (Fault f : pipeline.faults()) {
      if (f instanceof Fault.ClockChange c && c.component().equals(p.id())) {
        lo = Math.min(lo, c.skew().micros());
        hi = Math.max(hi, c.skew().micros());
      }
    }
    return new long[] {lo, hi};
  }

  private void producer(String at, Producer p) {
    if (p.retry() != null && !p.requestIds() && p.retry().maxAttempts() > 1) {
      warn(
          "retries-without-ids",
          at + ".retry",
          p.id() + " retries on timeout without request ids",
          "when the first attempt did arrive, the retry is a second event with the same effect",
          "attach request ids and deduplicate on them downstream",
          p.id());
    }
    if (p.dependsOn() != null && pipeline.component(p.dependsOn()).isPresent()) {
      Set<String> mine = firstBrokers(p.id());
      Set<String> theirs = firstBrokers(p.dependsOn());
      if (!mine.isEmpty() && !theirs.isEmpty() && !mine.equals(theirs)) {
        warn(
            "causal-split",
            at + ".dependsOn",
            p.id()
                + " depends on "
                + p.dependsOn()
                + ", but they travel through different brokers ("
                + String.join(", ", mine)
                + " and "
                + String.join(", ", theirs)
                + ")",
            "brokers deliver independently, so an event can take effect before the one it"
                + " depends on",
            "send both through one topic keyed by the same entity, or track causal"
                + " dependencies",
            p.id(),
            p.dependsOn());
      }
    }
  }

  private Set<String> firstBrokers(String producer) {
    Set<String> brokers = new LinkedHashSet<>();
    for (Component out : graph.outputs(producer)) {
      if (out.kind().isBroker()) {
        brokers.add(out.id());
      }
    }
    return brokers;
  }

  private void constraint(String at, Constraint c) {
    if (c.enforcedBy() == null) {
      warn(
          "unenforced-constraint",
          at + ".enforcedBy",
          "nothing enforces " + c.id() + " on " + c.store(),
          "concurrent requests are decided in different places, so two can both win",
          "route the requests by key to one partition and decide there (or let the database"
              + " leader decide)",
          c.store());
      return;
    }
    Set<String> guarded = new LinkedHashSet<>(graph.downstream(c.enforcedBy()));
    guarded.add(c.enforcedBy());
    for (Component in : graph.inputs(c.store())) {
      if (!guarded.contains(in.id())) {
        warn(
            "unenforced-constraint",
            at + ".enforcedBy",
            in.id() + " writes " + c.store() + " without passing " + c.enforcedBy(),
            "writes that bypass the single ordering point are never checked against " + c.id(),
            "send every write of " + c.store() + " through " + c.enforcedBy(),
            c.store(),
            in.id(),
            c.enforcedBy());
      }
    }
    Optional<Component> enforcer = pipeline.component(c.enforcedBy());
    if (enforcer.isPresent() && enforcer.get() instanceof Processor p) {
      for (Component in : graph.inputs(p.id())) {
        boolean unordered =
            (in instanceof Topic t
                    && t.partitions() > 1
                    && t.partitioner() != Topic.Partitioner.KEY_HASH)
                || (in instanceof Queue q && q.delivery() == Queue.Delivery.LOAD_BALANCED);
        if (unordered) {
          warn(
              "unenforced-constraint",
              at + ".enforcedBy",
              p.id() + " enforces " + c.id() + " but reads " + in.id() + " without key order",
              "requests for one key reach different instances, so two can both win",
              "partition " + in.id() + " by key-hash so one instance decides each key",
              c.store(),
              p.id(),
              in.id());
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private boolean crashes(String id) {
    return pipeline.faults().stream()
        .anyMatch(f -> f instanceof Fault.Crash c && c.component().equals(id));
  }

  private boolean slowed(String id) {
    return pipeline.faults().stream()
        .anyMatch(f -> f instanceof Fault.Slow s && s.component().equals(id));
  }

  private boolean shrinks(String id) {
    return pipeline.faults().stream()
        .anyMatch(f -> f instanceof Fault.RetentionShrink r && r.component().equals(id));
  }

  /** The sum of the rates of the producers upstream of {@code id} (ignoring filters). */
  private double inflowPerSecond(String id) {
    double sum = 0;
    for (String up : graph.upstream(id)) {
      if (graph.component(up) instanceof Producer p) {
        sum += p.rate().perSecond();
      }
    }
    return sum;
  }

  /**
   * Events per second a consumer can handle at its mean service time; at most one instance per
   * partition does work.
   */
  private static double capacityPerSecond(Component c, int partitions) {
    if (c instanceof Processor p) {
      return Math.min(p.parallelism(), partitions)
          * 1e6
          / Math.max(1, p.serviceTime().meanMicros());
    }
    if (c instanceof Service s) {
      return 1e6 / Math.max(1, s.serviceTime().meanMicros());
    }
    if (c instanceof DerivedStore d) {
      return 1e6 / Math.max(1, d.applyLatency().meanMicros());
    }
    if (c instanceof Database d) {
      return 1e6 / Math.max(1, d.writeLatency().meanMicros());
    }
    return Double.POSITIVE_INFINITY;
  }

  private void warn(
      String code, String path, String message, String why, String fix, String... ids) {
    out.add(Diagnostic.warning(code, path, message, why, fix, ids));
  }
}
