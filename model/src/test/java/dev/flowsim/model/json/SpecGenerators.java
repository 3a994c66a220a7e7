package dev.flowsim.model.json;

import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.flowsim.model.Cache;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Constraint;
import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Fault;
import dev.flowsim.model.KeySpace;
import dev.flowsim.model.MaterializedView;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Rate;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Retention;
import dev.flowsim.model.SearchIndex;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.model.Warehouse;
import dev.flowsim.model.check.ConnectionRules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of spec values: whole pipelines with components of every kind, each
 * setting either left out or given a valid value, connections that {@link ConnectionRules} allows,
 * faults and constraints on components of the right kinds, and a layout; and the value types
 * (durations, rates, distributions) on their own.
 */
final class SpecGenerators {
  private SpecGenerators() {}

  /** Pipelines of up to 12 components (every kind appears across examples). */
  static Gen<Pipeline> pipelines() {
    Gen<Pipeline> gen = in -> new Draw(in).pipeline();
    return gen.describedAs(SpecWriter::write);
  }

  /** Any duration that can be written: |micros| up to a quarter of a long. */
  static Gen<Duration> durations() {
    return in -> new Draw(in).anyDuration();
  }

  static Gen<Distribution> distributions() {
    return in -> new Draw(in).distribution();
  }

  /** Rates of any sign, amount (up to 4 decimals) and unit. */
  static Gen<Rate> rates() {
    return in -> {
      Draw d = new Draw(in);
      BigDecimal amount =
          BigDecimal.valueOf(
              d.longBetween(-1_000_000_000_000L, 1_000_000_000_000L), d.between(0, 4));
      return new Rate(amount, d.pick(Rate.Unit.values()));
    };
  }

  /** One example's draws from the randomness source, with the spec's rules for valid values. */
  private static final class Draw {
    private static final long[] UNITS = {1L, 1_000L, 1_000_000L, 60_000_000L, 3_600_000_000L};

    private final RandomnessSource in;

    Draw(RandomnessSource in) {
      this.in = in;
    }

    // ------------------------------------------------------------ primitives

    int between(int min, int max) {
      return Generate.range(min, max).generate(in);
    }

    long longBetween(long min, long max) {
      return Generate.longRange(min, max).generate(in);
    }

    double between(double min, double max) {
      return doubles().between(min, max).generate(in);
    }

    boolean chance(int percent) {
      return between(1, 100) <= percent;
    }

    @SafeVarargs
    final <T> T pick(T... values) {
      return values[between(0, values.length - 1)];
    }

    <T> T pick(List<T> values) {
      return values.get(between(0, values.size() - 1));
    }

    /** Half the time nothing (the field is left out for its default), else a value. */
    <T> T maybe(Supplier<T> value) {
      return chance(50) ? null : value.get();
    }

    /** Any text: control characters, quotes, backslashes, accents, CJK (no lone surrogates). */
    String text(int maxLength) {
      return strings().betweenCodePoints(0, 0xD7FF).ofLengthBetween(0, maxLength).generate(in);
    }

    /** A name such as ids, brokers and groups have: letters, digits, '.', '_', '-'. */
    String simpleName(int maxLength) {
      String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
      String rest = first + "._-";
      StringBuilder b = new StringBuilder().append(first.charAt(between(0, first.length() - 1)));
      int n = between(0, maxLength - 1);
      for (int i = 0; i < n; i++) {
        b.append(rest.charAt(between(0, rest.length() - 1)));
      }
      return b.toString();
    }

    // ------------------------------------------------------------ value types

    /** A positive duration at a random scale, from 1us to 1000h. */
    Duration positiveDuration() {
      return Duration.ofMicros(between(1, 1000) * UNITS[between(0, UNITS.length - 1)]);
    }

    Duration nonNegativeDuration() {
      return chance(10) ? Duration.ZERO : positiveDuration();
    }

    Duration signedDuration() {
      Duration d = nonNegativeDuration();
      return chance(50) ? Duration.ofMicros(-d.micros()) : d;
    }

    Duration anyDuration() {
      long limit = Long.MAX_VALUE / 4;
      return switch (between(0, 2)) {
        case 0 -> Duration.ofMicros(longBetween(-limit, limit));
        case 1 -> signedDuration();
        default -> Duration.ofMicros(pick(0L, 1L, -1L, limit, -limit, 999L, 1_001L));
      };
    }

    /** A distribution with sound parameters. */
    Distribution distribution() {
      return switch (between(0, 3)) {
        case 0 -> new Distribution.Const(nonNegativeDuration());
        case 1 -> {
          Duration low = nonNegativeDuration();
          yield new Distribution.Uniform(
              low, Duration.ofMicros(low.micros() + nonNegativeDuration().micros()));
        }
        case 2 -> new Distribution.Exp(positiveDuration());
        default -> {
          Duration median = positiveDuration();
          yield new Distribution.LogNormal(
              median, Duration.ofMicros(median.micros() + positiveDuration().micros()));
        }
      };
    }

    /** A rate above 0 and at most 10000000/s: up to 10000 per unit, with up to 2 decimals. */
    Rate rate() {
      int scale = between(0, 2);
      long unscaled = longBetween(1, 10_000 * (long) Math.pow(10, scale));
      return new Rate(BigDecimal.valueOf(unscaled, scale), pick(Rate.Unit.values()));
    }

    double probability() {
      return pick(0.0, 1.0, 0.5, between(0.0, 1.0));
    }

    KeySpace keys() {
      KeySpace.Shape shape = maybe(() -> pick(KeySpace.Shape.values()));
      List<String> values = null;
      if (shape == KeySpace.Shape.FIXED) {
        Set<String> distinct = new LinkedHashSet<>();
        int n = between(1, 5);
        for (int i = 0; i < n; i++) {
          distinct.add(simpleName(8));
        }
        values = List.copyOf(distinct);
      }
      return new KeySpace(
          shape == KeySpace.Shape.FIXED ? null : maybe(() -> between(1, 10_000_000)),
          shape,
          maybe(() -> between(0.01, 10.0)),
          values,
          maybe(() -> simpleName(10)));
    }

    Retention retention() {
      return new Retention(
          maybe(() -> longBetween(1, Long.MAX_VALUE)), maybe(this::positiveDuration));
    }

    // ------------------------------------------------------------ components

    Component component(ComponentKind kind, String id, List<String> producers, List<String> ids) {
      return switch (kind) {
        case PRODUCER ->
            new Producer(
                id,
                maybe(this::rate),
                maybe(() -> pick(Producer.Arrivals.values())),
                maybe(this::keys),
                maybe(() -> pick(Producer.Operation.values())),
                maybe(
                    () ->
                        new Producer.Clock(
                            maybe(this::signedDuration),
                            maybe(() -> between(-100_000.0, 100_000.0)))),
                maybe(() -> chance(50)),
                maybe(
                    () ->
                        new Producer.Retry(
                            maybe(this::positiveDuration), maybe(() -> between(1, 100)))),
                others(producers, id),
                maybe(() -> longBetween(1, Long.MAX_VALUE)));
        case TOPIC ->
            new Topic(
                id,
                maybe(() -> simpleName(12)),
                maybe(() -> between(1, 10_000)),
                maybe(() -> pick(Topic.Partitioner.values())),
                maybe(this::retention),
                maybe(() -> chance(50)));
        case QUEUE ->
            new Queue(
                id,
                maybe(() -> simpleName(12)),
                maybe(() -> pick(Queue.Delivery.values())),
                maybe(() -> between(1, 10_000)),
                maybe(this::positiveDuration),
                maybe(() -> between(1, 100_000_000)),
                maybe(() -> pick(Queue.Overflow.values())),
                maybe(() -> pick(Queue.Durability.values())));
        case PROCESSOR ->
            new Processor(
                id,
                maybe(() -> operator(ids)),
                maybe(() -> between(1, 1024)),
                maybe(this::distribution),
                maybe(this::positiveDuration));
        case SERVICE ->
            new Service(
                id,
                maybe(() -> pick(Service.WriteStrategy.values())),
                maybe(() -> pick(Service.WriteOrder.values())),
                maybe(this::probability),
                maybe(() -> between(0, 100)),
                maybe(this::distribution));
        case DATABASE -> {
          Database.Replication replication = maybe(() -> pick(Database.Replication.values()));
          Integer followers =
              replication == null || replication == Database.Replication.ASYNC
                  ? maybe(() -> between(0, 16))
                  : between(1, 16);
          yield new Database(
              id,
              followers,
              replication,
              maybe(this::distribution),
              maybe(this::positiveDuration),
              maybe(this::distribution));
        }
        case SEARCH_INDEX -> new SearchIndex(id, maybe(this::distribution), maybe(this::writeMode));
        case CACHE ->
            new Cache(
                id,
                maybe(this::distribution),
                maybe(this::writeMode),
                maybe(this::positiveDuration));
        case WAREHOUSE -> new Warehouse(id, maybe(this::distribution), maybe(this::writeMode));
        case MATERIALIZED_VIEW ->
            new MaterializedView(id, maybe(this::distribution), maybe(this::writeMode));
        case READER ->
            new Reader(
                id,
                maybe(this::rate),
                maybe(this::keys),
                maybe(() -> pick(Reader.Routing.values())),
                producers.isEmpty() ? null : maybe(() -> pick(producers)),
                maybe(this::positiveDuration));
      };
    }

    private String others(List<String> ids, String self) {
      List<String> others = ids.stream().filter(i -> !i.equals(self)).toList();
      return others.isEmpty() ? null : maybe(() -> pick(others));
    }

    DerivedStore.WriteMode writeMode() {
      return pick(DerivedStore.WriteMode.values());
    }

    Operator operator(List<String> ids) {
      return switch (between(0, 5)) {
        case 0 -> Operator.Map.INSTANCE;
        case 1 -> new Operator.Filter(maybe(this::probability));
        case 2 -> new Operator.Enrich();
        case 3 -> {
          Operator.WindowType type = maybe(() -> pick(Operator.WindowType.values()));
          Duration size = maybe(this::positiveDuration);
          long sizeMicros = size == null ? 10_000_000L : size.micros();
          Duration advance =
              type == Operator.WindowType.HOPPING
                  ? maybe(() -> Duration.ofMicros(longBetween(1, sizeMicros)))
                  : null;
          yield new Operator.Window(
              type,
              size,
              advance,
              maybe(this::positiveDuration),
              maybe(() -> pick(Operator.TimeSemantics.values())),
              maybe(this::nonNegativeDuration),
              maybe(this::nonNegativeDuration),
              maybe(() -> pick(Operator.LatePolicy.values())),
              maybe(() -> pick(Operator.Aggregate.values())));
        }
        case 4 -> {
          Operator.JoinType type = maybe(() -> pick(Operator.JoinType.values()));
          boolean table = type == null || type == Operator.JoinType.STREAM_TABLE;
          yield new Operator.Join(
              type,
              maybe(this::positiveDuration),
              table ? maybe(() -> pick(ids)) : null,
              maybe(() -> chance(50)),
              maybe(this::nonNegativeDuration));
        }
        default -> new Operator.Dedupe(maybe(this::positiveDuration));
      };
    }

    // ------------------------------------------------------------ the pipeline

    Pipeline pipeline() {
      int n = between(0, 12);
      List<ComponentKind> kinds = new ArrayList<>();
      Set<String> taken = new LinkedHashSet<>();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ComponentKind kind = pick(ComponentKind.values());
        String id = chance(50) ? kind.typeName() + "-" + i : simpleName(16);
        while (!taken.add(id)) {
          id = id + "-" + i;
        }
        kinds.add(kind);
        ids.add(id);
      }
      List<String> producers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (kinds.get(i) == ComponentKind.PRODUCER) {
          producers.add(ids.get(i));
        }
      }
      List<Component> components = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        components.add(component(kinds.get(i), ids.get(i), producers, ids));
      }
      List<Connection> connections = connections(components);
      return new Pipeline(
          maybe(() -> 1),
          maybe(() -> pick("../schema/flowsim-1.schema.json", text(20))),
          maybe(() -> text(30)),
          maybe(() -> text(80)),
          maybe(() -> longBetween(Long.MIN_VALUE, Long.MAX_VALUE)),
          maybe(() -> Duration.ofMicros(longBetween(1, 7L * 24 * 3600 * 1_000_000))),
          components.isEmpty() ? maybe(List::of) : components,
          connections.isEmpty() ? maybe(List::of) : connections,
          maybe(() -> faults(components, connections)),
          maybe(() -> constraints(components)),
          maybe(() -> layout(ids)));
    }

    List<Connection> connections(List<Component> components) {
      List<Connection> out = new ArrayList<>();
      for (Component from : components) {
        for (Component to : components) {
          if (from != to && ConnectionRules.allowed(from.kind(), to.kind()) && chance(25)) {
            out.add(
                new Connection(
                    from.id(),
                    to.id(),
                    maybe(this::distribution),
                    maybe(() -> between(0.0, 0.99)),
                    maybe(this::probability),
                    maybe(() -> chance(50)),
                    from.kind().isBroker() ? maybe(this::consumer) : null));
          }
        }
      }
      return out;
    }

    Connection.Consumer consumer() {
      return new Connection.Consumer(
          maybe(() -> simpleName(12)),
          maybe(() -> pick(Connection.CommitPolicy.values())),
          maybe(this::positiveDuration),
          maybe(() -> pick(Connection.StartFrom.values())));
    }

    List<Fault> faults(List<Component> components, List<Connection> connections) {
      List<Fault> out = new ArrayList<>();
      int n = between(0, 4);
      for (int i = 0; i < n && !components.isEmpty(); i++) {
        Duration at = nonNegativeDuration();
        Fault f =
            switch (between(0, 7)) {
              case 0 -> new Fault.Crash(pick(components).id(), at, maybe(this::positiveDuration));
              case 7 ->
                  of(components, Set.of(ComponentKind.TOPIC))
                      .map(
                          id ->
                              (Fault) new Fault.Rewind(id, null, at, maybe(this::positiveDuration)))
                      .orElse(null);
              case 1 -> {
                if (connections.isEmpty()) {
                  yield null;
                }
                Connection c = pick(connections);
                yield new Fault.Partition(
                    c.from(), c.to(), at, positiveDuration(), maybe(() -> chance(50)));
              }
              case 2 ->
                  of(
                          components,
                          Set.of(
                              ComponentKind.PROCESSOR,
                              ComponentKind.SERVICE,
                              ComponentKind.DATABASE,
                              ComponentKind.CACHE))
                      .map(
                          id ->
                              (Fault)
                                  new Fault.Slow(id, at, positiveDuration(), maybe(this::factor)))
                      .orElse(null);
              case 3 ->
                  of(components, Set.of(ComponentKind.PRODUCER))
                      .map(
                          id ->
                              (Fault)
                                  new Fault.ClockChange(
                                      id,
                                      at,
                                      maybe(this::signedDuration),
                                      maybe(() -> between(-100_000.0, 100_000.0))))
                      .orElse(null);
              case 4 ->
                  of(components, Set.of(ComponentKind.PRODUCER))
                      .map(
                          id ->
                              (Fault)
                                  new Fault.Burst(id, at, positiveDuration(), maybe(this::factor)))
                      .orElse(null);
              case 5 ->
                  of(components, Set.of(ComponentKind.PRODUCER))
                      .map(id -> (Fault) new Fault.Offline(id, at, positiveDuration()))
                      .orElse(null);
              default ->
                  of(components, Set.of(ComponentKind.TOPIC))
                      .map(
                          id ->
                              (Fault)
                                  new Fault.RetentionShrink(
                                      id,
                                      at,
                                      chance(50)
                                          ? new Retention(longBetween(1, 1_000_000), null)
                                          : new Retention(null, positiveDuration())))
                      .orElse(null);
            };
        if (f != null) {
          out.add(f);
        }
      }
      return out;
    }

    double factor() {
      return pick(1.0, 10.0, between(0.001, 1_000_000.0));
    }

    private java.util.Optional<String> of(List<Component> components, Set<ComponentKind> kinds) {
      List<String> ids =
          components.stream().filter(c -> kinds.contains(c.kind())).map(Component::id).toList();
      return ids.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(pick(ids));
    }

    List<Constraint> constraints(List<Component> components) {
      List<String> stores =
          components.stream().filter(c -> c.kind().isStore()).map(Component::id).toList();
      List<String> enforcers =
          components.stream()
              .filter(
                  c -> c.kind() == ComponentKind.PROCESSOR || c.kind() == ComponentKind.DATABASE)
              .map(Component::id)
              .toList();
      List<Constraint> out = new ArrayList<>();
      int n = stores.isEmpty() ? 0 : between(0, 2);
      for (int i = 0; i < n; i++) {
        out.add(
            new Constraint(
                "constraint-" + i,
                pick(Constraint.Type.values()),
                pick(stores),
                enforcers.isEmpty() ? null : maybe(() -> pick(enforcers))));
      }
      return out;
    }

    Map<String, Position> layout(List<String> ids) {
      Map<String, Position> out = new LinkedHashMap<>();
      for (String id : ids) {
        if (chance(70)) {
          out.put(id, new Position(coordinate(), coordinate()));
        }
      }
      return out;
    }

    /** A canvas coordinate: whole (as the designer snaps) or not, within ±1e9. */
    double coordinate() {
      double v = chance(50) ? between(-2000, 2000) : between(-1e9, 1e9);
      return v == 0 ? 0.0 : v; // no -0.0: see SpecProperties
    }
  }
}
