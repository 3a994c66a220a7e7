package dev.flowsim.app.gui.props;

import dev.flowsim.model.Cache;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Constraint;
import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.DerivedStore.WriteMode;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Fault;
import dev.flowsim.model.KeySpace;
import dev.flowsim.model.MaterializedView;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Retention;
import dev.flowsim.model.SearchIndex;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.model.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The property table of the spec model: for each kind of element, its fields in the order and
 * grouping the sheet shows them, with their editors and the "with" functions that copy an immutable
 * record with one value changed. Fields that only apply in some configurations (a window's advance,
 * a fixed key list, retry settings) appear only when every selected element is in that
 * configuration.
 */
final class Fields {

  /** The order of the sheet's groups. */
  static final List<String> CATEGORIES =
      List.of(
          "General",
          "Traffic",
          "Keys",
          "Operator",
          "Processing",
          "Writes",
          "Partitioning",
          "Replication",
          "Delivery",
          "Consumer",
          "Reads",
          "Timing",
          "Retention",
          "Reliability",
          "Clock",
          "Causality",
          "Run",
          "Summary",
          "Faults",
          "Constraints");

  private Fields() {}

  /** A connection's groups read in the order of its life: how long, how reliable, how consumed. */
  static final List<String> CONNECTION_CATEGORIES =
      List.of("General", "Timing", "Reliability", "Delivery", "Consumer", "Faults");

  static int categoryOrder(String category) {
    int i = CATEGORIES.indexOf(category);
    return i < 0 ? CATEGORIES.size() : i;
  }

  static int connectionCategoryOrder(String category) {
    int i = CONNECTION_CATEGORIES.indexOf(category);
    return i < 0 ? CONNECTION_CATEGORIES.size() : i;
  }

  // ---------------------------------------------------------------- common

  static <C extends Component> List<Field<C>> general(ComponentKind kind) {
    List<Field<C>> out = new ArrayList<>();
    out.add(
        Field.readOnly(
            "id", "Id", "General", "The unique name (rename it on the canvas)", Component::id));
    out.add(
        Field.readOnly("type", "Type", "General", "The kind of component", c -> kind.typeName()));
    return out;
  }

  private static <T> boolean all(List<T> items, Predicate<T> test) {
    return !items.isEmpty() && items.stream().allMatch(test);
  }

  private static List<String> idsOf(Pipeline p, ComponentKind kind) {
    return p.components().stream().filter(c -> c.kind() == kind).map(Component::id).toList();
  }

  // ---------------------------------------------------------------- producer and reader keys

  private static <T> void keys(
      List<Field<T>> out,
      List<KeySpace> spaces,
      java.util.function.Function<T, KeySpace> get,
      BiFunction<T, KeySpace, T> set) {
    out.add(
        Field.of(
            "keys.distribution",
            "Key distribution",
            "Keys",
            "How keys are drawn: uniform, zipf (a few hot keys) or a fixed list (default uniform)",
            ValueType.choice(KeySpace.Shape.class),
            t -> get.apply(t).distribution(),
            (T t, KeySpace.Shape v) -> {
              KeySpace k = get.apply(t);
              List<String> values = v == KeySpace.Shape.FIXED ? k.values() : List.of();
              return set.apply(t, new KeySpace(k.count(), v, k.zipfExponent(), values, k.prefix()));
            }));
    if (all(spaces, k -> k.distribution() == KeySpace.Shape.FIXED)) {
      out.add(
          Field.of(
              "keys.values",
              "Key names",
              "Keys",
              "The fixed key names, separated by commas",
              ValueType.names("e.g. alice, bob"),
              t -> get.apply(t).values(),
              (T t, List<String> v) -> {
                KeySpace k = get.apply(t);
                return set.apply(
                    t, new KeySpace(k.count(), k.distribution(), k.zipfExponent(), v, k.prefix()));
              }));
    } else {
      out.add(
          Field.of(
              "keys.count",
              "Key count",
              "Keys",
              "How many distinct keys (default 100)",
              ValueType.integer("keys"),
              t -> get.apply(t).count(),
              (T t, Integer v) -> {
                KeySpace k = get.apply(t);
                return set.apply(
                    t, new KeySpace(v, k.distribution(), k.zipfExponent(), k.values(), k.prefix()));
              }));
      if (all(spaces, k -> k.distribution() == KeySpace.Shape.ZIPF)) {
        out.add(
            Field.of(
                "keys.zipfExponent",
                "Zipf exponent",
                "Keys",
                "Skew of the Zipf law: higher means hotter hot keys (default 1.0)",
                ValueType.decimal(""),
                t -> get.apply(t).zipfExponent(),
                (T t, Double v) -> {
                  KeySpace k = get.apply(t);
                  return set.apply(
                      t, new KeySpace(k.count(), k.distribution(), v, k.values(), k.prefix()));
                }));
      }
      out.add(
          Field.of(
              "keys.prefix",
              "Key prefix",
              "Keys",
              "Generated keys are named prefix-0, prefix-1, … (default key)",
              ValueType.name("key"),
              t -> get.apply(t).prefix(),
              (T t, String v) -> {
                KeySpace k = get.apply(t);
                return set.apply(
                    t, new KeySpace(k.count(), k.distribution(), k.zipfExponent(), k.values(), v));
              }));
    }
  }

  // ---------------------------------------------------------------- producer

  static Producer withKeys(Producer p, KeySpace k) {
    return new Producer(
        p.id(),
        p.rate(),
        p.arrivals(),
        k,
        p.operation(),
        p.clock(),
        p.requestIds(),
        p.retry(),
        p.dependsOn(),
        p.limit());
  }

  static Producer withClock(Producer p, Producer.Clock c) {
    return new Producer(
        p.id(),
        p.rate(),
        p.arrivals(),
        p.keys(),
        p.operation(),
        c,
        p.requestIds(),
        p.retry(),
        p.dependsOn(),
        p.limit());
  }

  static Producer withRetry(Producer p, Producer.Retry r) {
    return new Producer(
        p.id(),
        p.rate(),
        p.arrivals(),
        p.keys(),
        p.operation(),
        p.clock(),
        p.requestIds(),
        r,
        p.dependsOn(),
        p.limit());
  }

  static List<Field<Producer>> producer(List<Producer> ps, Pipeline pipeline) {
    List<Field<Producer>> out = general(ComponentKind.PRODUCER);
    out.add(
        Field.of(
            "rate",
            "Rate",
            "Traffic",
            "Events per unit of time, e.g. 200/s (default 100/s)",
            ValueType.rate(),
            Producer::rate,
            (p, v) ->
                new Producer(
                    p.id(),
                    v,
                    p.arrivals(),
                    p.keys(),
                    p.operation(),
                    p.clock(),
                    p.requestIds(),
                    p.retry(),
                    p.dependsOn(),
                    p.limit())));
    out.add(
        Field.of(
            "arrivals",
            "Arrivals",
            "Traffic",
            "Constant gaps or a Poisson process (default poisson)",
            ValueType.choice(Producer.Arrivals.class),
            Producer::arrivals,
            (p, v) ->
                new Producer(
                    p.id(),
                    p.rate(),
                    v,
                    p.keys(),
                    p.operation(),
                    p.clock(),
                    p.requestIds(),
                    p.retry(),
                    p.dependsOn(),
                    p.limit())));
    out.add(
        Field.of(
            "operation",
            "Operation",
            "Traffic",
            "What each event does to its key: set, increment, claim or transfer (default set)",
            ValueType.choice(Producer.Operation.class),
            Producer::operation,
            (p, v) ->
                new Producer(
                    p.id(),
                    p.rate(),
                    p.arrivals(),
                    p.keys(),
                    v,
                    p.clock(),
                    p.requestIds(),
                    p.retry(),
                    p.dependsOn(),
                    p.limit())));
    out.add(
        Field.of(
            "limit",
            "Limit",
            "Traffic",
            "Stop after this many events (empty: no limit)",
            ValueType.optional(ValueType.longNumber("events"), "no limit"),
            Producer::limit,
            (p, v) ->
                new Producer(
                    p.id(),
                    p.rate(),
                    p.arrivals(),
                    p.keys(),
                    p.operation(),
                    p.clock(),
                    p.requestIds(),
                    p.retry(),
                    p.dependsOn(),
                    v)));
    keys(out, ps.stream().map(Producer::keys).toList(), Producer::keys, Fields::withKeys);
    out.add(
        Field.of(
            "clock.skew",
            "Clock skew",
            "Clock",
            "Fixed offset of the producer's clock from true time; may be negative (default 0s)",
            ValueType.duration(),
            p -> p.clock().skew(),
            (p, v) -> withClock(p, new Producer.Clock(v, p.clock().driftPpm()))));
    out.add(
        Field.of(
            "clock.driftPpm",
            "Clock drift",
            "Clock",
            "Rate error of the clock in parts per million; positive runs fast (default 0)",
            ValueType.decimal("ppm"),
            p -> p.clock().driftPpm(),
            (p, v) -> withClock(p, new Producer.Clock(p.clock().skew(), v))));
    out.add(
        Field.of(
            "requestIds",
            "Request ids",
            "Reliability",
            "Events carry a request id that consumers can deduplicate on (default off)",
            ValueType.CHECK,
            Producer::requestIds,
            (p, v) ->
                new Producer(
                    p.id(),
                    p.rate(),
                    p.arrivals(),
                    p.keys(),
                    p.operation(),
                    p.clock(),
                    v,
                    p.retry(),
                    p.dependsOn(),
                    p.limit())));
    out.add(
        Field.of(
            "retry",
            "Retry on timeout",
            "Reliability",
            "Resend an unacknowledged event after a timeout (default off)",
            ValueType.CHECK,
            p -> p.retry() != null,
            (Producer p, Boolean v) ->
                withRetry(
                    p,
                    v ? (p.retry() == null ? new Producer.Retry(null, null) : p.retry()) : null)));
    if (all(ps, p -> p.retry() != null)) {
      out.add(
          Field.of(
              "retry.timeout",
              "Retry timeout",
              "Reliability",
              "How long to wait for an acknowledgement (default 1s)",
              ValueType.duration(),
              p -> p.retry().timeout(),
              (p, v) -> withRetry(p, new Producer.Retry(v, p.retry().maxAttempts()))));
      out.add(
          Field.of(
              "retry.maxAttempts",
              "Max attempts",
              "Reliability",
              "Total attempts including the first (default 3)",
              ValueType.integer("attempts"),
              p -> p.retry().maxAttempts(),
              (p, v) -> withRetry(p, new Producer.Retry(p.retry().timeout(), v))));
    }
    List<String> producers = idsOf(pipeline, ComponentKind.PRODUCER);
    out.add(
        Field.of(
            "dependsOn",
            "Depends on",
            "Causality",
            "A producer whose latest event of the same key each event depends on",
            ValueType.reference(producers),
            Producer::dependsOn,
            (p, v) ->
                new Producer(
                    p.id(),
                    p.rate(),
                    p.arrivals(),
                    p.keys(),
                    p.operation(),
                    p.clock(),
                    p.requestIds(),
                    p.retry(),
                    v,
                    p.limit())));
    return out;
  }

  // ---------------------------------------------------------------- brokers

  static Topic withRetention(Topic t, Retention r) {
    return new Topic(t.id(), t.broker(), t.partitions(), t.partitioner(), r, t.compaction());
  }

  static List<Field<Topic>> topic(List<Topic> ts) {
    List<Field<Topic>> out = general(ComponentKind.TOPIC);
    out.add(
        Field.of(
            "broker",
            "Broker",
            "General",
            "The broker cluster this topic lives on (default kafka)",
            ValueType.name("kafka"),
            Topic::broker,
            (t, v) ->
                new Topic(
                    t.id(), v, t.partitions(), t.partitioner(), t.retention(), t.compaction())));
    out.add(
        Field.of(
            "partitions",
            "Partitions",
            "Partitioning",
            "Number of partitions; order holds within a partition only (default 1)",
            ValueType.integer("partitions"),
            Topic::partitions,
            (t, v) ->
                new Topic(t.id(), t.broker(), v, t.partitioner(), t.retention(), t.compaction())));
    out.add(
        Field.of(
            "partitioner",
            "Partitioner",
            "Partitioning",
            "How a message picks its partition (default key-hash)",
            ValueType.choice(Topic.Partitioner.class),
            Topic::partitioner,
            (t, v) ->
                new Topic(t.id(), t.broker(), t.partitions(), v, t.retention(), t.compaction())));
    out.add(
        Field.of(
            "retention.time",
            "Retention time",
            "Retention",
            "Entries older than this are deleted (empty: forever)",
            ValueType.optional(ValueType.duration(), "forever"),
            t -> t.retention().time(),
            (t, v) -> withRetention(t, new Retention(t.retention().count(), v))));
    out.add(
        Field.of(
            "retention.count",
            "Retention count",
            "Retention",
            "At most this many entries per partition are kept (empty: no limit)",
            ValueType.optional(ValueType.longNumber("entries"), "no limit"),
            t -> t.retention().count(),
            (t, v) -> withRetention(t, new Retention(v, t.retention().time()))));
    out.add(
        Field.of(
            "compaction",
            "Compaction",
            "Retention",
            "Keep only the latest entry per key (default off)",
            ValueType.CHECK,
            Topic::compaction,
            (t, v) ->
                new Topic(t.id(), t.broker(), t.partitions(), t.partitioner(), t.retention(), v)));
    return out;
  }

  static List<Field<Queue>> queue(List<Queue> qs) {
    List<Field<Queue>> out = general(ComponentKind.QUEUE);
    out.add(
        Field.of(
            "broker",
            "Broker",
            "General",
            "The broker cluster this queue lives on (default amqp)",
            ValueType.name("amqp"),
            Queue::broker,
            (q, v) ->
                new Queue(
                    q.id(),
                    v,
                    q.delivery(),
                    q.prefetch(),
                    q.ackTimeout(),
                    q.capacity(),
                    q.overflow(),
                    q.durability())));
    out.add(
        Field.of(
            "delivery",
            "Delivery",
            "Delivery",
            "Each message to one consumer (load-balanced) or to every consumer (fan-out)",
            ValueType.choice(Queue.Delivery.class),
            Queue::delivery,
            (q, v) ->
                new Queue(
                    q.id(),
                    q.broker(),
                    v,
                    q.prefetch(),
                    q.ackTimeout(),
                    q.capacity(),
                    q.overflow(),
                    q.durability())));
    out.add(
        Field.of(
            "prefetch",
            "Prefetch",
            "Delivery",
            "Unacknowledged messages a consumer may hold (default 1)",
            ValueType.integer("messages"),
            Queue::prefetch,
            (q, v) ->
                new Queue(
                    q.id(),
                    q.broker(),
                    q.delivery(),
                    v,
                    q.ackTimeout(),
                    q.capacity(),
                    q.overflow(),
                    q.durability())));
    out.add(
        Field.of(
            "ackTimeout",
            "Ack timeout",
            "Reliability",
            "Redeliver when no acknowledgement arrives in time (default 30s)",
            ValueType.duration(),
            Queue::ackTimeout,
            (q, v) ->
                new Queue(
                    q.id(),
                    q.broker(),
                    q.delivery(),
                    q.prefetch(),
                    v,
                    q.capacity(),
                    q.overflow(),
                    q.durability())));
    out.add(
        Field.of(
            "capacity",
            "Capacity",
            "Delivery",
            "The most messages held (empty: unbounded)",
            ValueType.optional(ValueType.integer("messages"), "unbounded"),
            Queue::capacity,
            (q, v) ->
                new Queue(
                    q.id(),
                    q.broker(),
                    q.delivery(),
                    q.prefetch(),
                    q.ackTimeout(),
                    v,
                    q.overflow(),
                    q.durability())));
    out.add(
        Field.of(
            "overflow",
            "Overflow",
            "Delivery",
            "What a full queue does with one more message (default backpressure)",
            ValueType.choice(Queue.Overflow.class),
            Queue::overflow,
            (q, v) ->
                new Queue(
                    q.id(),
                    q.broker(),
                    q.delivery(),
                    q.prefetch(),
                    q.ackTimeout(),
                    q.capacity(),
                    v,
                    q.durability())));
    out.add(
        Field.of(
            "durability",
            "Durability",
            "Reliability",
            "Persistent messages survive a broker crash; in-memory ones do not",
            ValueType.choice(Queue.Durability.class),
            Queue::durability,
            (q, v) ->
                new Queue(
                    q.id(),
                    q.broker(),
                    q.delivery(),
                    q.prefetch(),
                    q.ackTimeout(),
                    q.capacity(),
                    q.overflow(),
                    v)));
    return out;
  }

  // ---------------------------------------------------------------- processor

  /** The operator type names in the order the spec lists them. */
  static final List<String> OPERATORS =
      List.of("map", "filter", "enrich", "window", "join", "dedupe");

  static String operatorName(Operator o) {
    if (o instanceof Operator.Filter) {
      return "filter";
    } else if (o instanceof Operator.Enrich) {
      return "enrich";
    } else if (o instanceof Operator.Window) {
      return "window";
    } else if (o instanceof Operator.Join) {
      return "join";
    } else if (o instanceof Operator.Dedupe) {
      return "dedupe";
    }
    return "map";
  }

  static Operator defaultOperator(String name) {
    return switch (name) {
      case "filter" -> new Operator.Filter(null);
      case "enrich" -> new Operator.Enrich();
      case "window" -> new Operator.Window(null, null, null, null, null, null, null, null, null);
      case "join" -> new Operator.Join(null, null, null, null, null);
      case "dedupe" -> new Operator.Dedupe(null);
      default -> Operator.Map.INSTANCE;
    };
  }

  static Processor withOperator(Processor p, Operator o) {
    return new Processor(p.id(), o, p.parallelism(), p.serviceTime(), p.checkpointInterval());
  }

  private static Operator.Window window(Processor p) {
    return (Operator.Window) p.operator();
  }

  private static Operator.Join join(Processor p) {
    return (Operator.Join) p.operator();
  }

  /** A copy of a window with one value changed, by its JSON name. */
  static Operator.Window withWindow(Operator.Window w, String key, Object v) {
    return new Operator.Window(
        key.equals("window") ? (Operator.WindowType) v : w.window(),
        key.equals("size") ? (Duration) v : w.size(),
        key.equals("advance")
            ? (Duration) v
            : key.equals("window") && v != Operator.WindowType.HOPPING ? null : w.advance(),
        key.equals("gap") ? (Duration) v : w.gap(),
        key.equals("time") ? (Operator.TimeSemantics) v : w.time(),
        key.equals("watermarkDelay") ? (Duration) v : w.watermarkDelay(),
        key.equals("allowedLateness") ? (Duration) v : w.allowedLateness(),
        key.equals("latePolicy") ? (Operator.LatePolicy) v : w.latePolicy(),
        key.equals("aggregate") ? (Operator.Aggregate) v : w.aggregate());
  }

  static Operator.Join withJoin(Operator.Join j, String key, Object v) {
    Operator.JoinType type = key.equals("join") ? (Operator.JoinType) v : j.join();
    return new Operator.Join(
        type,
        key.equals("window") ? (Duration) v : j.window(),
        key.equals("table")
            ? (String) v
            : type == Operator.JoinType.STREAM_TABLE ? j.table() : null,
        key.equals("versioned") ? (Boolean) v : j.versioned(),
        key.equals("maxWait") ? (Duration) v : j.maxWait());
  }

  private static Field<Processor> windowField(
      String key, String name, String description, ValueType type) {
    return Field.of(
        "operator." + key,
        name,
        "Operator",
        description,
        type,
        p ->
            switch (key) {
              case "window" -> window(p).window();
              case "size" -> window(p).size();
              case "advance" -> window(p).advance();
              case "gap" -> window(p).gap();
              case "time" -> window(p).time();
              case "watermarkDelay" -> window(p).watermarkDelay();
              case "allowedLateness" -> window(p).allowedLateness();
              case "latePolicy" -> window(p).latePolicy();
              default -> window(p).aggregate();
            },
        (Processor p, Object v) -> withOperator(p, withWindow(window(p), key, v)));
  }

  private static Field<Processor> joinField(
      String key, String name, String description, ValueType type) {
    return Field.of(
        "operator." + key,
        name,
        "Operator",
        description,
        type,
        p ->
            switch (key) {
              case "join" -> join(p).join();
              case "window" -> join(p).window();
              case "table" -> join(p).table();
              case "versioned" -> join(p).versioned();
              default -> join(p).maxWait();
            },
        (Processor p, Object v) -> withOperator(p, withJoin(join(p), key, v)));
  }

  static List<Field<Processor>> processor(List<Processor> ps, Pipeline pipeline) {
    List<Field<Processor>> out = general(ComponentKind.PROCESSOR);
    out.add(
        Field.of(
            "operator",
            "Operator",
            "Operator",
            "What it does to each event: map, filter, enrich, window, join or dedupe",
            ValueType.strings(OPERATORS),
            p -> operatorName(p.operator()),
            (Processor p, String v) ->
                operatorName(p.operator()).equals(v) ? p : withOperator(p, defaultOperator(v))));
    String op = operatorName(ps.get(0).operator());
    if (all(ps, p -> operatorName(p.operator()).equals(op))) {
      switch (op) {
        case "filter" ->
            out.add(
                Field.of(
                    "operator.keep",
                    "Keep",
                    "Operator",
                    "Fraction of events kept, from 0 to 1 (default 0.5)",
                    ValueType.probability(),
                    p -> ((Operator.Filter) p.operator()).keep(),
                    (Processor p, Double v) -> withOperator(p, new Operator.Filter(v))));
        case "dedupe" ->
            out.add(
                Field.of(
                    "operator.retention",
                    "Remember ids for",
                    "Operator",
                    "How long a seen request id is remembered (default 1h)",
                    ValueType.duration(),
                    p -> ((Operator.Dedupe) p.operator()).retention(),
                    (Processor p, Duration v) -> withOperator(p, new Operator.Dedupe(v))));
        case "window" -> {
          out.add(
              windowField(
                  "window",
                  "Window",
                  "Tumbling, hopping, sliding or session (default tumbling)",
                  ValueType.choice(Operator.WindowType.class)));
          out.add(windowField("size", "Size", "Window length (default 10s)", ValueType.duration()));
          if (all(ps, p -> window(p).window() == Operator.WindowType.HOPPING)) {
            out.add(
                windowField(
                    "advance",
                    "Advance",
                    "Hop between window starts (empty: the size)",
                    ValueType.optional(ValueType.duration(), "the size")));
          }
          if (all(ps, p -> window(p).window() == Operator.WindowType.SESSION)) {
            out.add(
                windowField(
                    "gap",
                    "Session gap",
                    "Inactivity that ends a session (default 5s)",
                    ValueType.duration()));
          }
          out.add(
              windowField(
                  "time",
                  "Time",
                  "Event time (producer clocks) or processing time (default event)",
                  ValueType.choice(Operator.TimeSemantics.class)));
          out.add(
              windowField(
                  "watermarkDelay",
                  "Watermark delay",
                  "How far the watermark trails the largest event time seen (default 0s)",
                  ValueType.duration()));
          out.add(
              windowField(
                  "allowedLateness",
                  "Allowed lateness",
                  "How long a fired window is kept for corrections (default 0s)",
                  ValueType.duration()));
          out.add(
              windowField(
                  "latePolicy",
                  "Late events",
                  "What happens to an event behind the watermark (default drop)",
                  ValueType.choice(Operator.LatePolicy.class)));
          out.add(
              windowField(
                  "aggregate",
                  "Aggregate",
                  "What is computed per window (default count)",
                  ValueType.choice(Operator.Aggregate.class)));
        }
        case "join" -> {
          out.add(
              joinField(
                  "join",
                  "Join",
                  "Stream-stream, stream-table or table-table (default stream-table)",
                  ValueType.choice(Operator.JoinType.class)));
          out.add(
              joinField(
                  "window",
                  "Join window",
                  "How far apart two stream events may be to join (default 10s)",
                  ValueType.duration()));
          if (all(ps, p -> join(p).join() == Operator.JoinType.STREAM_TABLE)) {
            List<String> inputs =
                ps.size() == 1
                    ? pipeline.connectionsTo(ps.get(0).id()).stream().map(Connection::from).toList()
                    : List.of();
            out.add(
                joinField(
                    "table",
                    "Table input",
                    "Which input is the table (kept from its changelog)",
                    ValueType.reference(inputs)));
          }
          out.add(
              joinField(
                  "versioned",
                  "Versioned",
                  "Join each event with the table as of its own time (default off)",
                  ValueType.CHECK));
          out.add(
              joinField(
                  "maxWait",
                  "Max wait",
                  "Longest wait for the table to reach the event's version (default 1s)",
                  ValueType.duration()));
        }
        default -> {
          // map and enrich have no settings
        }
      }
    }
    out.add(
        Field.of(
            "parallelism",
            "Parallelism",
            "Processing",
            "Number of instances, members of one consumer group (default 1)",
            ValueType.integer("instances"),
            Processor::parallelism,
            (p, v) ->
                new Processor(p.id(), p.operator(), v, p.serviceTime(), p.checkpointInterval())));
    out.add(
        Field.of(
            "serviceTime",
            "Service time",
            "Timing",
            "Time to process one event (default 1ms)",
            ValueType.distribution(),
            Processor::serviceTime,
            (p, v) ->
                new Processor(p.id(), p.operator(), p.parallelism(), v, p.checkpointInterval())));
    out.add(
        Field.of(
            "checkpointInterval",
            "Checkpoint every",
            "Reliability",
            "How often state is checkpointed (default 10s)",
            ValueType.duration(),
            Processor::checkpointInterval,
            (p, v) -> new Processor(p.id(), p.operator(), p.parallelism(), p.serviceTime(), v)));
    return out;
  }

  // ---------------------------------------------------------------- service and database

  static List<Field<Service>> service(List<Service> ss) {
    List<Field<Service>> out = general(ComponentKind.SERVICE);
    out.add(
        Field.of(
            "writeStrategy",
            "Write strategy",
            "Writes",
            "Dual-write (writes every store itself), single-write (one database, CDC feeds the"
                + " rest) or event-sourcing (appends to a log)",
            ValueType.choice(Service.WriteStrategy.class),
            Service::writeStrategy,
            (s, v) ->
                new Service(
                    s.id(),
                    v,
                    s.writeOrder(),
                    s.failureProbability(),
                    s.retries(),
                    s.serviceTime())));
    out.add(
        Field.of(
            "writeOrder",
            "Write order",
            "Writes",
            "For dual write: one store after the other, or both at once (default sequential)",
            ValueType.choice(Service.WriteOrder.class),
            Service::writeOrder,
            (s, v) ->
                new Service(
                    s.id(),
                    s.writeStrategy(),
                    v,
                    s.failureProbability(),
                    s.retries(),
                    s.serviceTime())));
    out.add(
        Field.of(
            "failureProbability",
            "Failure probability",
            "Reliability",
            "Chance that any single write fails, from 0 to 1 (default 0)",
            ValueType.probability(),
            Service::failureProbability,
            (s, v) ->
                new Service(
                    s.id(), s.writeStrategy(), s.writeOrder(), v, s.retries(), s.serviceTime())));
    out.add(
        Field.of(
            "retries",
            "Retries",
            "Reliability",
            "How often a failed write is retried (default 0)",
            ValueType.integer("retries"),
            Service::retries,
            (s, v) ->
                new Service(
                    s.id(),
                    s.writeStrategy(),
                    s.writeOrder(),
                    s.failureProbability(),
                    v,
                    s.serviceTime())));
    out.add(
        Field.of(
            "serviceTime",
            "Service time",
            "Timing",
            "Time to handle one request (default 1ms)",
            ValueType.distribution(),
            Service::serviceTime,
            (s, v) ->
                new Service(
                    s.id(),
                    s.writeStrategy(),
                    s.writeOrder(),
                    s.failureProbability(),
                    s.retries(),
                    v)));
    return out;
  }

  static List<Field<Database>> database(List<Database> ds) {
    List<Field<Database>> out = general(ComponentKind.DATABASE);
    out.add(
        Field.of(
            "followers",
            "Followers",
            "Replication",
            "Number of follower replicas (default 0)",
            ValueType.integer("replicas"),
            Database::followers,
            (d, v) ->
                new Database(
                    d.id(),
                    v,
                    d.replication(),
                    d.replicationLag(),
                    d.failoverAfter(),
                    d.writeLatency())));
    out.add(
        Field.of(
            "replication",
            "Replication",
            "Replication",
            "Sync (every follower before the ack), semi-sync (one) or async (after the ack)",
            ValueType.choice(Database.Replication.class),
            Database::replication,
            (d, v) ->
                new Database(
                    d.id(),
                    d.followers(),
                    v,
                    d.replicationLag(),
                    d.failoverAfter(),
                    d.writeLatency())));
    out.add(
        Field.of(
            "replicationLag",
            "Replication lag",
            "Replication",
            "Delay before a follower applies a write (default exp(10ms))",
            ValueType.distribution(),
            Database::replicationLag,
            (d, v) ->
                new Database(
                    d.id(),
                    d.followers(),
                    d.replication(),
                    v,
                    d.failoverAfter(),
                    d.writeLatency())));
    out.add(
        Field.of(
            "failoverAfter",
            "Failover after",
            "Reliability",
            "How long after a leader crash a follower takes over (default 5s)",
            ValueType.duration(),
            Database::failoverAfter,
            (d, v) ->
                new Database(
                    d.id(),
                    d.followers(),
                    d.replication(),
                    d.replicationLag(),
                    v,
                    d.writeLatency())));
    out.add(
        Field.of(
            "writeLatency",
            "Write latency",
            "Timing",
            "Time for the leader to commit one write (default 1ms)",
            ValueType.distribution(),
            Database::writeLatency,
            (d, v) ->
                new Database(
                    d.id(),
                    d.followers(),
                    d.replication(),
                    d.replicationLag(),
                    d.failoverAfter(),
                    v)));
    return out;
  }

  // ---------------------------------------------------------------- derived stores

  /** A copy of a derived store with a new apply latency and/or write mode (null keeps). */
  static DerivedStore withDerived(DerivedStore s, Distribution latency, WriteMode mode) {
    Distribution l = latency == null ? s.applyLatency() : latency;
    WriteMode m = mode == null ? s.writeMode() : mode;
    if (s instanceof Cache c) {
      return new Cache(c.id(), l, m, c.ttl());
    } else if (s instanceof SearchIndex) {
      return new SearchIndex(s.id(), l, m);
    } else if (s instanceof Warehouse) {
      return new Warehouse(s.id(), l, m);
    } else if (s instanceof MaterializedView) {
      return new MaterializedView(s.id(), l, m);
    }
    throw new IllegalStateException(s.toString());
  }

  @SuppressWarnings("unchecked")
  static <D extends DerivedStore> List<Field<D>> derived(ComponentKind kind) {
    List<Field<D>> out = general(kind);
    out.add(
        Field.of(
            "applyLatency",
            "Apply latency",
            "Timing",
            "Time from a write's arrival to its visibility (default 1ms)",
            ValueType.distribution(),
            DerivedStore::applyLatency,
            (D s, Distribution v) -> (D) withDerived(s, v, null)));
    out.add(
        Field.of(
            "writeMode",
            "Write mode",
            "Writes",
            "Last-arrival-wins (a late, older write overwrites) or version-checked (older"
                + " versions are ignored)",
            ValueType.choice(WriteMode.class),
            DerivedStore::writeMode,
            (D s, WriteMode v) -> (D) withDerived(s, null, v)));
    if (kind == ComponentKind.CACHE) {
      out.add(
          (Field<D>)
              (Field<?>)
                  Field.of(
                      "ttl",
                      "Time to live",
                      "Retention",
                      "How long an entry lives (empty: forever)",
                      ValueType.optional(ValueType.duration(), "forever"),
                      Cache::ttl,
                      (Cache c, Duration v) ->
                          new Cache(c.id(), c.applyLatency(), c.writeMode(), v)));
    }
    return out;
  }

  // ---------------------------------------------------------------- reader

  static Reader withKeys(Reader r, KeySpace k) {
    return new Reader(r.id(), r.rate(), k, r.routing(), r.sameUsersAs(), r.recentWindow());
  }

  static List<Field<Reader>> reader(List<Reader> rs, Pipeline pipeline) {
    List<Field<Reader>> out = general(ComponentKind.READER);
    out.add(
        Field.of(
            "rate",
            "Rate",
            "Traffic",
            "Reads per unit of time, e.g. 50/s (default 50/s)",
            ValueType.rate(),
            Reader::rate,
            (r, v) ->
                new Reader(r.id(), v, r.keys(), r.routing(), r.sameUsersAs(), r.recentWindow())));
    out.add(
        Field.of(
            "routing",
            "Routing",
            "Reads",
            "Which replica answers: leader, random-follower, sticky-follower, read-your-writes or"
                + " wait-for-version (default leader)",
            ValueType.choice(Reader.Routing.class),
            Reader::routing,
            (r, v) ->
                new Reader(r.id(), r.rate(), r.keys(), v, r.sameUsersAs(), r.recentWindow())));
    out.add(
        Field.of(
            "sameUsersAs",
            "Same users as",
            "Reads",
            "A producer whose users do these reads: each read is of a key that user recently wrote",
            ValueType.reference(idsOf(pipeline, ComponentKind.PRODUCER)),
            Reader::sameUsersAs,
            (r, v) -> new Reader(r.id(), r.rate(), r.keys(), r.routing(), v, r.recentWindow())));
    out.add(
        Field.of(
            "recentWindow",
            "Recent window",
            "Reads",
            "How long a write counts as recent for read-your-writes routing (default 5s)",
            ValueType.duration(),
            Reader::recentWindow,
            (r, v) -> new Reader(r.id(), r.rate(), r.keys(), r.routing(), r.sameUsersAs(), v)));
    if (all(rs, r -> r.sameUsersAs() == null)) {
      keys(out, rs.stream().map(Reader::keys).toList(), Reader::keys, Fields::withKeys);
    }
    return out;
  }

  // ---------------------------------------------------------------- connection

  static Connection withConsumer(Connection c, Connection.Consumer consumer) {
    if (c.consumer() == null && consumer.equals(Connection.Consumer.DEFAULT)) {
      return c; // nothing was written and nothing needs to be
    }
    return new Connection(
        c.from(), c.to(), c.latency(), c.loss(), c.duplication(), c.fifo(), consumer);
  }

  static List<Field<Connection>> connection(List<Connection> cs, Pipeline pipeline) {
    List<Field<Connection>> out = new ArrayList<>();
    out.add(Field.readOnly("from", "From", "General", "The sending component", Connection::from));
    out.add(Field.readOnly("to", "To", "General", "The receiving component", Connection::to));
    out.add(
        Field.of(
            "latency",
            "Latency",
            "Timing",
            "Delay of each message: 5ms, exp(20ms), uniform(1ms,30ms), lognormal(5ms,50ms)"
                + " (default 1ms)",
            ValueType.distribution(),
            Connection::latency,
            (c, v) ->
                new Connection(
                    c.from(), c.to(), v, c.loss(), c.duplication(), c.fifo(), c.consumer())));
    out.add(
        Field.of(
            "loss",
            "Loss",
            "Reliability",
            "Probability a message is lost, from 0 to 1 (default 0)",
            ValueType.probability(),
            Connection::loss,
            (c, v) ->
                new Connection(
                    c.from(), c.to(), c.latency(), v, c.duplication(), c.fifo(), c.consumer())));
    out.add(
        Field.of(
            "duplication",
            "Duplication",
            "Reliability",
            "Probability a message is delivered twice, from 0 to 1 (default 0)",
            ValueType.probability(),
            Connection::duplication,
            (c, v) ->
                new Connection(
                    c.from(), c.to(), c.latency(), c.loss(), v, c.fifo(), c.consumer())));
    out.add(
        Field.of(
            "fifo",
            "In order (FIFO)",
            "Delivery",
            "Deliver in sending order; off lets jitter reorder messages (default on)",
            ValueType.CHECK,
            Connection::fifo,
            (c, v) ->
                new Connection(
                    c.from(), c.to(), c.latency(), c.loss(), c.duplication(), v, c.consumer())));
    boolean fromBroker =
        all(cs, c -> pipeline.component(c.from()).map(x -> x.kind().isBroker()).orElse(false));
    if (fromBroker) {
      out.add(
          Field.of(
              "consumer.group",
              "Consumer group",
              "Consumer",
              "Members of one group share partitions (empty: the consumer's own id)",
              ValueType.optional(ValueType.name(""), cs.size() == 1 ? cs.get(0).to() : "own id"),
              c -> c.consumerOrDefault().group(),
              (Connection c, String v) -> {
                Connection.Consumer k = c.consumerOrDefault();
                return withConsumer(
                    c,
                    new Connection.Consumer(v, k.commit(), k.autoCommitInterval(), k.startFrom()));
              }));
      out.add(
          Field.of(
              "consumer.commit",
              "Commit",
              "Consumer",
              "When offsets are committed: auto, after-processing (at-least-once) or"
                  + " before-processing (at-most-once)",
              ValueType.choice(Connection.CommitPolicy.class),
              c -> c.consumerOrDefault().commit(),
              (Connection c, Connection.CommitPolicy v) -> {
                Connection.Consumer k = c.consumerOrDefault();
                return withConsumer(
                    c,
                    new Connection.Consumer(k.group(), v, k.autoCommitInterval(), k.startFrom()));
              }));
      if (all(cs, c -> c.consumerOrDefault().commit() == Connection.CommitPolicy.AUTO)) {
        out.add(
            Field.of(
                "consumer.autoCommitInterval",
                "Auto-commit every",
                "Consumer",
                "Interval of auto commits (default 5s)",
                ValueType.duration(),
                c -> c.consumerOrDefault().autoCommitInterval(),
                (Connection c, Duration v) -> {
                  Connection.Consumer k = c.consumerOrDefault();
                  return withConsumer(
                      c, new Connection.Consumer(k.group(), k.commit(), v, k.startFrom()));
                }));
      }
      out.add(
          Field.of(
              "consumer.startFrom",
              "Start from",
              "Consumer",
              "Where a new group starts reading (default earliest)",
              ValueType.choice(Connection.StartFrom.class),
              c -> c.consumerOrDefault().startFrom(),
              (Connection c, Connection.StartFrom v) -> {
                Connection.Consumer k = c.consumerOrDefault();
                return withConsumer(
                    c, new Connection.Consumer(k.group(), k.commit(), k.autoCommitInterval(), v));
              }));
    }
    return out;
  }

  // ---------------------------------------------------------------- pipeline settings

  static List<Field<Pipeline>> settings(Supplier<String> problems) {
    List<Field<Pipeline>> out = new ArrayList<>();
    out.add(
        Field.of(
            "name",
            "Name",
            "General",
            "A title for the scenario",
            ValueType.name("Untitled"),
            Pipeline::name,
            (p, v) -> p.withSettings(v, p.description(), p.seed(), p.duration())));
    out.add(
        Field.of(
            "description",
            "Description",
            "General",
            "What the scenario shows and what to look for",
            ValueType.paragraph("what this scenario shows and what to look for"),
            Pipeline::description,
            (p, v) -> p.withSettings(p.name(), v, p.seed(), p.duration())));
    out.add(
        Field.of(
            "seed",
            "Seed",
            "Run",
            "The random seed of a run: the same seed gives the same run (default 1)",
            ValueType.longNumber(""),
            Pipeline::seed,
            (Pipeline p, Long v) -> p.withSettings(p.name(), p.description(), v, p.duration())));
    out.add(
        Field.of(
            "duration",
            "Duration",
            "Run",
            "Simulated time of a run, e.g. 60s or 5m (default 60s)",
            ValueType.duration(),
            Pipeline::duration,
            (Pipeline p, Duration v) -> p.withSettings(p.name(), p.description(), p.seed(), v)));
    out.add(
        Field.readOnly(
            "summary.components",
            "Components",
            "Summary",
            "Components by kind",
            p -> countByKind(p.components())));
    out.add(
        Field.readOnly(
            "summary.connections",
            "Connections",
            "Summary",
            "Links between components",
            p -> Integer.toString(p.connections().size())));
    out.add(
        Field.readOnly(
            "summary.problems",
            "Problems",
            "Summary",
            "Errors and warnings (see the Diagnostics tab)",
            p -> problems.get()));
    return out;
  }

  /** "7: 2 producers, 1 topic, …" */
  static String countByKind(List<? extends Component> components) {
    Map<ComponentKind, Integer> counts = new TreeMap<>();
    for (Component c : components) {
      counts.merge(c.kind(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, n) -> parts.add(n + " " + plural(k.typeName(), n)));
    return components.size() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
  }

  static String plural(String word, int n) {
    if (n == 1) {
      return word;
    }
    return word.endsWith("x") ? word + "es" : word + "s";
  }

  // ---------------------------------------------------------------- faults and constraints

  /** Read-only rows for the faults naming one of {@code ids} (all faults when ids is null). */
  static <T> List<Field<T>> faults(Pipeline p, java.util.Collection<String> ids) {
    List<Field<T>> out = new ArrayList<>();
    for (int i = 0; i < p.faults().size(); i++) {
      Fault f = p.faults().get(i);
      if (ids != null && f.componentIds().stream().noneMatch(ids::contains)) {
        continue;
      }
      String text = describe(f);
      out.add(
          Field.readOnly(
              "faults[" + i + "]",
              faultType(f),
              "Faults",
              "A scheduled fault (faults[" + i + "])",
              t -> text));
    }
    return out;
  }

  /** Read-only rows for the constraints judged on or enforced by one of {@code ids}. */
  static <T> List<Field<T>> constraints(Pipeline p, java.util.Collection<String> ids) {
    List<Field<T>> out = new ArrayList<>();
    for (int i = 0; i < p.constraints().size(); i++) {
      Constraint c = p.constraints().get(i);
      if (ids != null && !ids.contains(c.store()) && !ids.contains(c.enforcedBy())) {
        continue;
      }
      String text =
          Values.enumName(c.type())
              + " on "
              + c.store()
              + (c.enforcedBy() == null ? ", not enforced" : ", enforced by " + c.enforcedBy());
      out.add(
          Field.readOnly(
              "constraints[" + i + "]",
              c.id(),
              "Constraints",
              "An invariant the data must keep",
              t -> text));
    }
    return out;
  }

  static String faultType(Fault f) {
    if (f instanceof Fault.Crash) {
      return "Crash";
    } else if (f instanceof Fault.Partition) {
      return "Network partition";
    } else if (f instanceof Fault.Slow) {
      return "Slow down";
    } else if (f instanceof Fault.ClockChange) {
      return "Clock change";
    } else if (f instanceof Fault.Burst) {
      return "Burst";
    } else if (f instanceof Fault.Offline) {
      return "Offline";
    } else if (f instanceof Fault.RetentionShrink) {
      return "Retention shrink";
    }
    return "Rewind";
  }

  /** A one-line account of a fault with its times, e.g. "db at 10s, restarts after 5s". */
  static String describe(Fault f) {
    if (f instanceof Fault.Crash c) {
      return c.component()
          + (c.replica() == null ? "" : " follower " + c.replica())
          + " at "
          + Values.duration(c.at())
          + (c.restartAfter() == null
              ? ", no restart"
              : ", restarts after " + Values.duration(c.restartAfter()));
    } else if (f instanceof Fault.Partition n) {
      return n.from()
          + (n.oneWay() ? " -> " : " <-> ")
          + n.to()
          + " cut at "
          + Values.duration(n.at())
          + " for "
          + Values.duration(n.duration());
    } else if (f instanceof Fault.Slow s) {
      return s.component()
          + " ×"
          + Values.formatDecimal(s.factor())
          + " slower at "
          + Values.duration(s.at())
          + " for "
          + Values.duration(s.duration());
    } else if (f instanceof Fault.ClockChange k) {
      return k.component()
          + " at "
          + Values.duration(k.at())
          + ": skew "
          + Values.duration(k.skew())
          + ", drift "
          + Values.formatDecimal(k.driftPpm())
          + " ppm";
    } else if (f instanceof Fault.Burst b) {
      return b.component()
          + " ×"
          + Values.formatDecimal(b.factor())
          + " rate at "
          + Values.duration(b.at())
          + " for "
          + Values.duration(b.duration());
    } else if (f instanceof Fault.Offline o) {
      return o.component()
          + " offline at "
          + Values.duration(o.at())
          + " for "
          + Values.duration(o.duration());
    } else if (f instanceof Fault.RetentionShrink r) {
      Retention kept = r.retention();
      return r.component()
          + " at "
          + Values.duration(r.at())
          + " keeps "
          + (kept.time() != null ? Values.duration(kept.time()) : "")
          + (kept.time() != null && kept.count() != null ? " / " : "")
          + (kept.count() != null ? kept.count() + " entries" : "");
    } else if (f instanceof Fault.Rewind w) {
      return (w.group() == null ? "every group" : "group " + w.group())
          + " of "
          + w.component()
          + " rewound at "
          + Values.duration(w.at())
          + (w.by() == null ? " to the oldest entry" : " by " + Values.duration(w.by()));
    }
    return f.toString();
  }
}
