package dev.flowsim.model.check;

import dev.flowsim.model.Cache;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.ComponentKind.Role;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Constraint;
import dev.flowsim.model.Database;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Fault;
import dev.flowsim.model.KeySpace;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Rate;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Retention;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds what makes a pipeline unusable: malformed, duplicate or dangling ids, connections between
 * kinds that cannot connect, missing inputs or outputs, cycles and impossible parameters. Every
 * error names its JSON path and what was expected; all errors are reported at once, grouped by
 * check ({@link SpecCheck} orders located ones by position in the file).
 */
public final class Validator {

  /** Ids appear in exports (DOT, AsyncAPI) and on the canvas, so they stay simple. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  static final double MAX_RATE_PER_SECOND = 10_000_000;
  static final long MAX_DURATION_MICROS = 7L * 24 * 3600 * 1_000_000;

  private final Pipeline pipeline;
  private final PipelineGraph graph;
  private final Map<String, Component> byId = new HashMap<>();
  private final List<Diagnostic> out = new ArrayList<>();

  private Validator(Pipeline pipeline) {
    this.pipeline = pipeline;
    this.graph = new PipelineGraph(pipeline);
  }

  /** All errors of a pipeline. */
  public static List<Diagnostic> validate(Pipeline pipeline) {
    Validator v = new Validator(pipeline);
    v.run();
    return List.copyOf(v.out);
  }

  private void run() {
    settings();
    ids();
    for (int i = 0; i < pipeline.components().size(); i++) {
      component("components[" + i + "]", pipeline.components().get(i));
    }
    connections();
    inputsAndOutputs();
    cycles();
    for (int i = 0; i < pipeline.faults().size(); i++) {
      fault("faults[" + i + "]", pipeline.faults().get(i));
    }
    constraints();
    layout();
  }

  // ---------------------------------------------------------------- settings and ids

  private void settings() {
    Duration d = pipeline.duration();
    if (!d.isPositive() || d.micros() > MAX_DURATION_MICROS) {
      error("bad-parameter", "duration", "expected a run length between 1us and 7d, got " + d);
    }
  }

  private void ids() {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < pipeline.components().size(); i++) {
      Component c = pipeline.components().get(i);
      String path = "components[" + i + "].id";
      if (!ID.matcher(c.id()).matches()) {
        error(
            "bad-id",
            path,
            "expected an id of letters, digits, '.', '_' or '-' (at most 64, starting with a"
                + " letter or digit), got \""
                + c.id()
                + "\"");
      }
      Integer previous = first.putIfAbsent(c.id(), i);
      if (previous != null) {
        error(
            "duplicate-id",
            path,
            "duplicate id \"" + c.id() + "\": components[" + previous + "] already has it",
            c.id());
      } else {
        byId.put(c.id(), c);
      }
    }
  }

  /** Checks that {@code id} names a component, suggesting the nearest id when it does not. */
  private Optional<Component> ref(String path, String id, String what) {
    if (id == null) {
      return Optional.empty();
    }
    Component c = byId.get(id);
    if (c == null) {
      String near = Spelling.closest(id, byId.keySet());
      error(
          "dangling-id",
          path,
          what
              + " \""
              + id
              + "\" does not exist"
              + (near == null ? "" : " (did you mean \"" + near + "\"?)"));
    }
    return Optional.ofNullable(c);
  }

  private void refKind(
      String path, String id, String what, Set<ComponentKind> kinds, String expected) {
    ref(path, id, what)
        .ifPresent(
            c -> {
              if (!kinds.contains(c.kind())) {
                error(
                    "wrong-kind",
                    path,
                    what + " \"" + id + "\" must be " + expected + ", but it is a " + c.kind(),
                    id);
              }
            });
  }

  // ---------------------------------------------------------------- components

  private void component(String at, Component c) {
    if (c instanceof Producer p) {
      producer(at, p);
    } else if (c instanceof Topic t) {
      topic(at, t);
    } else if (c instanceof Queue q) {
      queue(at, q);
    } else if (c instanceof Processor p) {
      processor(at, p);
    } else if (c instanceof Service s) {
      service(at, s);
    } else if (c instanceof Database d) {
      database(at, d);
    } else if (c instanceof Cache k) {
      positive(at + ".ttl", k.ttl(), c.id());
    } else if (c instanceof Reader r) {
      reader(at, r);
    }
  }

  private void producer(String at, Producer p) {
    rate(at + ".rate", p.rate(), p.id());
    keys(at + ".keys", p.keys(), p.id());
    if (Math.abs(p.clock().driftPpm()) > 100_000) {
      error(
          "bad-parameter",
          at + ".clock.driftPpm",
          "expected a drift within ±100000 ppm, got " + p.clock().driftPpm(),
          p.id());
    }
    if (p.retry() != null) {
      positive(at + ".retry.timeout", p.retry().timeout(), p.id());
      range(at + ".retry.maxAttempts", p.retry().maxAttempts(), 1, 100, p.id());
    }
    if (p.limit() != null && p.limit() < 1) {
      error("bad-parameter", at + ".limit", "expected at least 1 event, got " + p.limit(), p.id());
    }
    if (p.dependsOn() != null) {
      if (p.dependsOn().equals(p.id())) {
        error("bad-parameter", at + ".dependsOn", "a producer cannot depend on itself", p.id());
      } else {
        refKind(
            at + ".dependsOn",
            p.dependsOn(),
            "dependsOn",
            Set.of(ComponentKind.PRODUCER),
            "a producer");
      }
    }
  }

  private void keys(String at, KeySpace k, String id) {
    if (k.distribution() == KeySpace.Shape.FIXED) {
      if (k.values().isEmpty()) {
        error(
            "bad-parameter",
            at + ".values",
            "a fixed key distribution needs a non-empty list of values",
            id);
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < k.values().size(); i++) {
        String v = k.values().get(i);
        if (v == null || v.isBlank()) {
          error("bad-parameter", at + ".values[" + i + "]", "a key name cannot be empty", id);
        } else if (!seen.add(v)) {
          error("bad-parameter", at + ".values[" + i + "]", "duplicate key \"" + v + "\"", id);
        }
      }
    } else {
      if (!k.values().isEmpty()) {
        error(
            "bad-parameter",
            at + ".values",
            "values apply only to \"distribution\": \"fixed\"; this key space is "
                + k.distribution().name().toLowerCase(java.util.Locale.ROOT),
            id);
      }
      range(at + ".count", k.count(), 1, 10_000_000, id);
    }
    if (!(k.zipfExponent() > 0) || k.zipfExponent() > 10) {
      error(
          "bad-parameter",
          at + ".zipfExponent",
          "expected a Zipf exponent in (0, 10], got " + k.zipfExponent(),
          id);
    }
    if (k.prefix().isEmpty()) {
      error("bad-parameter", at + ".prefix", "the key prefix cannot be empty", id);
    }
  }

  private void topic(String at, Topic t) {
    range(at + ".partitions", t.partitions(), 1, 10_000, t.id());
    retention(at + ".retention", t.retention(), t.id());
    if (t.broker().isBlank()) {
      error("bad-parameter", at + ".broker", "the broker name cannot be empty", t.id());
    }
  }

  private void retention(String at, Retention r, String id) {
    if (r.count() != null && r.count() < 1) {
      error(
          "bad-parameter",
          at + ".count",
          "expected a retention of at least 1 entry, got " + r.count(),
          id);
    }
    positive(at + ".time", r.time(), id);
  }

  private void queue(String at, Queue q) {
    range(at + ".prefetch", q.prefetch(), 1, 10_000, q.id());
    positive(at + ".ackTimeout", q.ackTimeout(), q.id());
    if (q.capacity() != null) {
      range(at + ".capacity", q.capacity(), 1, 100_000_000, q.id());
    }
    if (q.broker().isBlank()) {
      error("bad-parameter", at + ".broker", "the broker name cannot be empty", q.id());
    }
  }

  private void processor(String at, Processor p) {
    range(at + ".parallelism", p.parallelism(), 1, 1024, p.id());
    positive(at + ".checkpointInterval", p.checkpointInterval(), p.id());
    String op = at + ".operator";
    Operator o = p.operator();
    if (o instanceof Operator.Filter f) {
      probability(op + ".keep", f.keep(), p.id());
    } else if (o instanceof Operator.Window w) {
      positive(op + ".size", w.size(), p.id());
      positive(op + ".gap", w.gap(), p.id());
      nonNegative(op + ".watermarkDelay", w.watermarkDelay(), p.id());
      nonNegative(op + ".allowedLateness", w.allowedLateness(), p.id());
      if (w.advance() != null) {
        if (w.window() != Operator.WindowType.HOPPING) {
          error(
              "bad-parameter",
              op + ".advance",
              "advance applies only to hopping windows; this window is "
                  + w.window().name().toLowerCase(java.util.Locale.ROOT),
              p.id());
        } else if (!w.advance().isPositive() || w.advance().compareTo(w.size()) > 0) {
          error(
              "bad-parameter",
              op + ".advance",
              "expected a hop above 0 and at most the window size "
                  + w.size()
                  + ", got "
                  + w.advance(),
              p.id());
        }
      }
    } else if (o instanceof Operator.Join j) {
      join(op, p, j);
    } else if (o instanceof Operator.Dedupe d) {
      positive(op + ".retention", d.retention(), p.id());
    }
  }

  private void join(String op, Processor p, Operator.Join j) {
    positive(op + ".window", j.window(), p.id());
    nonNegative(op + ".maxWait", j.maxWait(), p.id());
    List<String> inputs = graph.inputs(p.id()).stream().map(Component::id).toList();
    if (inputs.size() != 2) {
      error(
          "missing-input",
          op,
          "a "
              + j.join().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
              + " join needs exactly 2 inputs, "
              + p.id()
              + " has "
              + inputs.size(),
          p.id());
    }
    if (j.join() == Operator.JoinType.STREAM_TABLE) {
      if (j.table() == null) {
        error(
            "bad-parameter",
            op + ".table",
            "a stream-table join must name which input is the table, one of "
                + String.join(", ", inputs),
            p.id());
      } else if (ref(op + ".table", j.table(), "table").isPresent()
          && !inputs.contains(j.table())) {
        error(
            "bad-parameter",
            op + ".table",
            "the table \"" + j.table() + "\" is not an input of " + p.id(),
            p.id());
      }
    } else if (j.table() != null) {
      error("bad-parameter", op + ".table", "table applies only to stream-table joins", p.id());
    }
  }

  private void service(String at, Service s) {
    probability(at + ".failureProbability", s.failureProbability(), s.id());
    range(at + ".retries", s.retries(), 0, 100, s.id());
    List<Component> outs = graph.outputs(s.id());
    long stores = outs.stream().filter(c -> c.kind().isStore()).count();
    long databases = outs.stream().filter(c -> c.kind() == ComponentKind.DATABASE).count();
    long logs = outs.stream().filter(c -> c.kind() == ComponentKind.TOPIC).count();
    String path = at + ".writeStrategy";
    switch (s.writeStrategy()) {
      case DUAL_WRITE -> {
        if (stores < 2) {
          error(
              "bad-parameter",
              path,
              "a dual-write service writes two stores itself, but "
                  + s.id()
                  + " is connected to "
                  + stores
                  + "; connect it to a database and a derived store",
              s.id());
        }
      }
      case SINGLE_WRITE -> {
        if (databases != 1 || stores != 1) {
          error(
              "bad-parameter",
              path,
              "a single-write service writes exactly one database (derived stores follow it by"
                  + " CDC), but "
                  + s.id()
                  + " writes "
                  + stores
                  + (stores == 1 ? " store" : " stores")
                  + (databases == 1 ? "" : " of which " + databases + " databases"),
              s.id());
        }
      }
      case EVENT_SOURCING -> {
        if (logs < 1 || stores > 0) {
          error(
              "bad-parameter",
              path,
              "an event-sourcing service appends to a topic and writes no store itself, but "
                  + s.id()
                  + " writes "
                  + logs
                  + " topics and "
                  + stores
                  + " stores",
              s.id());
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  private void database(String at, Database d) {
    range(at + ".followers", d.followers(), 0, 16, d.id());
    if (d.replication() != Database.Replication.ASYNC && d.followers() < 1) {
      error(
          "bad-parameter",
          at + ".replication",
          (d.replication() == Database.Replication.SYNC ? "sync" : "semi-sync")
              + " replication needs at least one follower, "
              + d.id()
              + " has none",
          d.id());
    }
    positive(at + ".failoverAfter", d.failoverAfter(), d.id());
  }

  private void reader(String at, Reader r) {
    rate(at + ".rate", r.rate(), r.id());
    keys(at + ".keys", r.keys(), r.id());
    positive(at + ".recentWindow", r.recentWindow(), r.id());
    if (r.sameUsersAs() != null) {
      refKind(
          at + ".sameUsersAs",
          r.sameUsersAs(),
          "sameUsersAs",
          Set.of(ComponentKind.PRODUCER),
          "a producer");
    }
    if (r.routing() != Reader.Routing.LEADER) {
      for (Component in : graph.inputs(r.id())) {
        if (!(in instanceof Database d) || d.followers() < 1) {
          error(
              "bad-parameter",
              at + ".routing",
              "routing "
                  + enumText(r.routing())
                  + " chooses among database replicas, but "
                  + in.id()
                  + (in instanceof Database ? " has no followers" : " is a " + in.kind()),
              r.id(),
              in.id());
        }
      }
    }
  }

  // ---------------------------------------------------------------- connections

  private void connections() {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < pipeline.connections().size(); i++) {
      Connection c = pipeline.connections().get(i);
      String at = "connections[" + i + "]";
      Optional<Component> from = ref(at + ".from", c.from(), "from");
      Optional<Component> to = ref(at + ".to", c.to(), "to");
      probability(at + ".loss", c.loss(), c.from());
      probability(at + ".duplication", c.duplication(), c.from());
      if (c.loss() >= 1.0 && c.loss() <= 1.0) {
        error("bad-parameter", at + ".loss", "a link that loses every message carries nothing");
      }
      if (c.from().equals(c.to())) {
        error("self-connection", at, c.from() + " cannot send to itself", c.from());
        continue;
      }
      Integer previous = seen.putIfAbsent(c.from() + "\u0000" + c.to(), i);
      if (previous != null) {
        error(
            "duplicate-connection",
            at,
            "connections[" + previous + "] already connects " + c.label(),
            c.from(),
            c.to());
      }
      if (from.isPresent() && to.isPresent()) {
        ConnectionRules.refusal(from.get().kind(), to.get().kind())
            .ifPresent(
                why ->
                    error(
                        "forbidden-connection",
                        at,
                        c.label() + " is not allowed: " + why,
                        c.from(),
                        c.to()));
        if (c.consumer() != null) {
          if (!from.get().kind().isBroker()) {
            error(
                "bad-parameter",
                at + ".consumer",
                "consumer settings apply only to connections out of a topic or queue; "
                    + c.from()
                    + " is a "
                    + from.get().kind(),
                c.from(),
                c.to());
          }
          positive(at + ".consumer.autoCommitInterval", c.consumer().autoCommitInterval());
          if (c.consumer().group() != null && !ID.matcher(c.consumer().group()).matches()) {
            error(
                "bad-id",
                at + ".consumer.group",
                "expected a group name of letters, digits, '.', '_' or '-', got \""
                    + c.consumer().group()
                    + "\"");
          }
        }
      }
    }
  }

  private void inputsAndOutputs() {
    for (int i = 0; i < pipeline.components().size(); i++) {
      Component c = pipeline.components().get(i);
      if (byId.get(c.id()) != c) {
        continue; // a duplicate: already reported
      }
      String at = "components[" + i + "]";
      int ins = graph.inputs(c.id()).size();
      int outs = graph.outputs(c.id()).size();
      Role role = c.kind().role();
      boolean needsInput = role != Role.SOURCE;
      boolean needsOutput = role == Role.SOURCE || role == Role.PROCESSOR;
      if (needsInput && ins == 0) {
        error(
            "missing-input",
            at,
            c.kind() + " " + c.id() + " has no input: " + inputAdvice(c.kind()),
            c.id());
      }
      if (needsOutput && outs == 0) {
        error(
            "missing-output",
            at,
            c.kind() + " " + c.id() + " has no output: " + outputAdvice(c.kind()),
            c.id());
      }
      if (c.kind() == ComponentKind.READER && ins > 1) {
        error(
            "bad-parameter",
            at,
            "a reader reads one store, but " + c.id() + " has " + ins + " inputs",
            c.id());
      }
    }
  }

  private static String inputAdvice(ComponentKind k) {
    return switch (k) {
      case TOPIC, QUEUE -> "connect a producer, service or processor that sends to it";
      case READER -> "connect the store it reads from to it";
      default -> "connect something that sends to it";
    };
  }

  private static String outputAdvice(ComponentKind k) {
    return switch (k) {
      case PRODUCER -> "connect it to a topic, queue, service, processor or database";
      case SERVICE -> "connect it to the stores or topic it writes";
      default -> "connect it to a topic, queue or store it writes";
    };
  }

  /** A cycle is reported at the connection that closes it (the last one of the cycle). */
  private void cycles() {
    graph
        .findCycle()
        .ifPresent(
            cycle -> {
              int closing = -1;
              for (int k = 0; k + 1 < cycle.size(); k++) {
                String from = cycle.get(k);
                String to = cycle.get(k + 1);
                for (int i = 0; i < pipeline.connections().size(); i++) {
                  Connection c = pipeline.connections().get(i);
                  if (c.from().equals(from) && c.to().equals(to)) {
                    closing = Math.max(closing, i);
                  }
                }
              }
              error(
                  "cycle",
                  closing < 0 ? "connections" : "connections[" + closing + "]",
                  "the dataflow has a cycle "
                      + String.join(" -> ", cycle)
                      + "; events would circulate forever: break it",
                  cycle.subList(0, cycle.size() - 1).toArray(String[]::new));
            });
  }

  // ---------------------------------------------------------------- faults, constraints, layout

  private void fault(String at, Fault f) {
    if (f.at().isNegative()) {
      error("bad-parameter", at + ".at", "a fault cannot start before time 0, got " + f.at());
    }
    Set<ComponentKind> producers = Set.of(ComponentKind.PRODUCER);
    if (f instanceof Fault.Crash c) {
      Optional<Component> target = ref(at + ".component", c.component(), "component");
      positive(at + ".restartAfter", c.restartAfter());
      if (c.replica() != null && target.isPresent()) {
        if (!(target.get() instanceof Database d)) {
          error(
              "bad-parameter",
              at + ".replica",
              "replica applies only to databases; "
                  + c.component()
                  + " is a "
                  + target.get().kind(),
              c.component());
        } else if (c.replica() < 1 || c.replica() > d.followers()) {
          error(
              "bad-parameter",
              at + ".replica",
              d.followers() == 0
                  ? d.id() + " has no followers to crash"
                  : "expected a follower from 1 to " + d.followers() + ", got " + c.replica(),
              c.component());
        }
      }
    } else if (f instanceof Fault.Partition p) {
      Optional<Component> a = ref(at + ".from", p.from(), "from");
      Optional<Component> b = ref(at + ".to", p.to(), "to");
      positive(at + ".duration", p.duration());
      if (a.isPresent() && b.isPresent()) {
        // a one-way cut against a connection's direction cuts its replies (acks, read answers)
        boolean linked =
            pipeline.connections().stream()
                .anyMatch(
                    c ->
                        (c.from().equals(p.from()) && c.to().equals(p.to()))
                            || (c.from().equals(p.to()) && c.to().equals(p.from())));
        if (!linked) {
          error(
              "bad-parameter",
              at,
              "there is no connection between " + p.from() + " and " + p.to() + " to cut",
              p.from(),
              p.to());
        }
      }
    } else if (f instanceof Fault.Slow s) {
      positive(at + ".duration", s.duration());
      factor(at + ".factor", s.factor());
      refKind(
          at + ".component",
          s.component(),
          "component",
          Set.of(
              ComponentKind.PROCESSOR,
              ComponentKind.SERVICE,
              ComponentKind.DATABASE,
              ComponentKind.SEARCH_INDEX,
              ComponentKind.CACHE,
              ComponentKind.WAREHOUSE,
              ComponentKind.MATERIALIZED_VIEW),
          "a processor, service or store (something with a service time)");
    } else if (f instanceof Fault.ClockChange c) {
      refKind(at + ".component", c.component(), "component", producers, "a producer");
    } else if (f instanceof Fault.Burst b) {
      positive(at + ".duration", b.duration());
      factor(at + ".factor", b.factor());
      refKind(at + ".component", b.component(), "component", producers, "a producer");
    } else if (f instanceof Fault.Offline o) {
      positive(at + ".duration", o.duration());
      refKind(at + ".component", o.component(), "component", producers, "a producer");
    } else if (f instanceof Fault.Rewind r) {
      positive(at + ".by", r.by());
      refKind(
          at + ".component", r.component(), "component", Set.of(ComponentKind.TOPIC), "a topic");
      if (r.group() != null && pipeline.component(r.component()).isPresent()) {
        List<String> groups = new ArrayList<>();
        for (Connection c : pipeline.connectionsFrom(r.component())) {
          String g = c.consumerOrDefault().group() != null ? c.consumerOrDefault().group() : c.to();
          if (!groups.contains(g)) {
            groups.add(g);
          }
        }
        if (!groups.contains(r.group())) {
          error(
              "dangling-id",
              at + ".group",
              r.component()
                  + " has no consumer group \""
                  + r.group()
                  + "\"; its groups: "
                  + (groups.isEmpty() ? "none" : String.join(", ", groups)),
              r.component());
        }
      }
    } else if (f instanceof Fault.RetentionShrink r) {
      retention(at + ".retention", r.retention(), r.component());
      if (r.retention().isForever()) {
        error("bad-parameter", at + ".retention", "give the new retention a count or a time");
      }
      refKind(
          at + ".component", r.component(), "component", Set.of(ComponentKind.TOPIC), "a topic");
    }
  }

  private void constraints() {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < pipeline.constraints().size(); i++) {
      Constraint c = pipeline.constraints().get(i);
      String at = "constraints[" + i + "]";
      if (!ID.matcher(c.id()).matches()) {
        error("bad-id", at + ".id", "expected a simple name, got \"" + c.id() + "\"");
      }
      Integer previous = seen.putIfAbsent(c.id(), i);
      if (previous != null) {
        error(
            "duplicate-id",
            at + ".id",
            "duplicate constraint \"" + c.id() + "\": constraints[" + previous + "] has it");
      }
      ref(at + ".store", c.store(), "store")
          .ifPresent(
              s -> {
                if (!s.kind().isStore()) {
                  error(
                      "wrong-kind",
                      at + ".store",
                      "a constraint is judged on a store, but " + s.id() + " is a " + s.kind(),
                      s.id());
                }
              });
      if (c.enforcedBy() != null) {
        refKind(
            at + ".enforcedBy",
            c.enforcedBy(),
            "enforcedBy",
            Set.of(ComponentKind.PROCESSOR, ComponentKind.DATABASE),
            "a processor or a database (a single ordering point)");
      }
    }
  }

  private void layout() {
    for (String id : pipeline.layout().keySet()) {
      if (!byId.containsKey(id)) {
        error(
            "dangling-id", "layout." + id, "layout names \"" + id + "\", which is not a component");
      }
    }
  }

  // ---------------------------------------------------------------- parameter helpers

  private void rate(String at, Rate r, String id) {
    double perSecond = r.perSecond();
    if (!(perSecond > 0) || perSecond > MAX_RATE_PER_SECOND) {
      error("bad-parameter", at, "expected a rate above 0 and at most 10000000/s, got " + r, id);
    }
  }

  private void range(String at, int value, int min, int max, String... ids) {
    if (value < min || value > max) {
      error(
          "bad-parameter",
          at,
          "expected a whole number from " + min + " to " + max + ", got " + value,
          ids);
    }
  }

  private void probability(String at, double p, String... ids) {
    if (!(p >= 0 && p <= 1)) {
      error("bad-parameter", at, "expected a probability from 0 to 1, got " + p, ids);
    }
  }

  private void factor(String at, double f) {
    if (!(f > 0) || f > 1_000_000) {
      error("bad-parameter", at, "expected a factor above 0 and at most 1000000, got " + f);
    }
  }

  private void positive(String at, Duration d, String... ids) {
    if (d != null && !d.isPositive()) {
      error("bad-parameter", at, "expected a duration above 0, got " + d, ids);
    }
  }

  private void nonNegative(String at, Duration d, String... ids) {
    if (d != null && d.isNegative()) {
      error("bad-parameter", at, "expected a duration of 0 or more, got " + d, ids);
    }
  }

  private void error(String code, String path, String message, String... ids) {
    out.add(Diagnostic.error(code, path, message, ids));
  }

  static String enumText(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
