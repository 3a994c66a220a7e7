package dev.flowsim.simulator.check;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Service;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checkers of what replicas, stores and readers hold: REPLICATION_LAG,
 * READ_YOUR_WRITES_VIOLATION, MONOTONIC_READ_VIOLATION, STALE_READ, DIVERGENCE, LOST_WRITE,
 * CONSTRAINT_VIOLATION and LATE_EVENT.
 *
 * <p>Most of them need to know what the databases and derived stores hold. {@link Stores} rebuilds
 * that from the trace alone (APPLY, REPLICATE, ACK, FAILOVER, CRASH and DROP steps) once for all of
 * them; it is registered after the checkers, so while a checker handles a step it sees the stores
 * as they were just before it.
 */
final class StateChecks {
  private StateChecks() {}

  static List<Checker> create(CheckContext ctx) {
    Stores stores = new Stores(ctx);
    return List.of(
        new ReplicationLagChecker(ctx, stores),
        new ReadYourWritesChecker(ctx, stores),
        new MonotonicReadChecker(ctx, stores),
        new StaleReadChecker(ctx, stores),
        new LostWriteChecker(ctx, stores),
        new DivergenceChecker(ctx, stores),
        new ConstraintChecker(ctx, stores),
        new LateEventChecker(ctx),
        stores);
  }

  // ---------------------------------------------------------------- wording

  /**
   * Counts a finding without its details when the findings of {@code kind} are beyond the kept cap
   * (nobody will read them), so a long run does not build millions of explanations.
   *
   * @return true when counted so; the caller reports nothing more
   */
  static boolean countOnly(CheckContext ctx, AnomalyKind kind, long at, long durationMicros) {
    if (ctx.findings().count(kind) < ctx.findings().cap()) {
      return false;
    }
    ctx.report(kind, at, List.of(), List.of(), List.of(), "", kind.usualFix(), durationMicros);
    return true;
  }

  /** A point in time for explanations: {@code 12.300 s}. */
  static String at(long micros) {
    return millis(Math.round(micros / 1e3)) + " s";
  }

  /** Thousandths as a decimal: {@code 12300} is {@code 12.300}. */
  private static String millis(long thousandths) {
    long abs = Math.abs(thousandths);
    long frac = abs % 1000;
    return (thousandths < 0 ? "-" : "")
        + abs / 1000
        + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".")
        + frac;
  }

  /**
   * A span of time for explanations: {@code 850 us}, {@code 2.5 ms}, {@code 20 ms}, {@code 1.2 s}.
   */
  static String span(long micros) {
    long abs = Math.abs(micros);
    if (abs < 1_000) {
      return micros + " us";
    }
    if (abs < 10_000) {
      long tenths = Math.round(micros / 100.0);
      return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10 + " ms";
    }
    if (abs < 1_000_000) {
      return Math.round(micros / 1e3) + " ms";
    }
    return at(micros);
  }

  /** A component or link in explanations: {@code `profiles-db`}. */
  static String quote(String name) {
    return "`" + name + "`";
  }

  /** A stored value in explanations (none when absent). */
  static String value(long v) {
    return v == TraceStep.NO_VALUE ? "nothing" : Long.toString(v);
  }

  // ---------------------------------------------------------------- topology

  /** Whether data passes {@code c} unchanged towards a store (brokers, services, map-like ops). */
  static boolean passesValues(Component c) {
    if (c == null) {
      return false;
    }
    if (c.kind().isBroker() || c instanceof Service) {
      return true;
    }
    if (c instanceof Processor p) {
      Operator op = p.operator();
      return op instanceof Operator.Map
          || op instanceof Operator.Enrich
          || op instanceof Operator.Dedupe;
    }
    return false;
  }

  /**
   * The databases whose change stream (CDC: a connection from the database to a broker) reaches
   * {@code target} through brokers, services and value-preserving processors (map, enrich, dedupe),
   * in component order. Windows, joins and filters change what flows, so a store behind them is not
   * a copy of the database.
   */
  static List<String> cdcSources(Pipeline p, String target) {
    boolean[] seen = new boolean[p.components().size()];
    boolean[] found = new boolean[seen.length];
    ArrayDeque<String> todo = new ArrayDeque<>();
    todo.add(target);
    seen[p.indexOf(target)] = true;
    while (!todo.isEmpty()) {
      String c = todo.poll();
      Component here = p.component(c).orElse(null);
      for (Connection in : p.connectionsTo(c)) {
        Component from = p.component(in.from()).orElse(null);
        int i = p.indexOf(in.from());
        if (from == null || i < 0) {
          continue;
        }
        if (from instanceof Database) {
          if (here != null && here.kind().isBroker()) {
            found[i] = true;
          }
        } else if (passesValues(from) && !seen[i]) {
          seen[i] = true;
          todo.add(in.from());
        }
      }
    }
    return inOrder(p, found);
  }

  /**
   * The databases that share a writer with {@code store}: a service, processor or producer with
   * connections to both (a dual write), in component order.
   */
  static List<String> writerSources(Pipeline p, String store) {
    boolean[] found = new boolean[p.components().size()];
    for (Connection toStore : p.connectionsTo(store)) {
      Component writer = p.component(toStore.from()).orElse(null);
      if (writer == null || writer.kind().isBroker() || writer.kind().isStore()) {
        continue;
      }
      for (Connection out : p.connectionsFrom(writer.id())) {
        if (p.component(out.to()).orElse(null) instanceof Database) {
          found[p.indexOf(out.to())] = true;
        }
      }
    }
    return inOrder(p, found);
  }

  /** The component that writes both {@code db} and {@code store} itself, or null. */
  static String sharedWriter(Pipeline p, String db, String store) {
    for (Connection toStore : p.connectionsTo(store)) {
      for (Connection out : p.connectionsFrom(toStore.from())) {
        if (out.to().equals(db)) {
          Component w = p.component(toStore.from()).orElse(null);
          if (w != null && !w.kind().isBroker() && !w.kind().isStore()) {
            return w.id();
          }
        }
      }
    }
    return null;
  }

  /**
   * Whether a sequential dual write of {@code writer} writes {@code db} before {@code store}, so
   * the store's writes carry the database's commit versions.
   */
  static boolean passesVersion(Pipeline p, String writer, String db, String store) {
    if (!(p.component(writer).orElse(null) instanceof Service s)
        || s.writeStrategy() != Service.WriteStrategy.DUAL_WRITE
        || s.writeOrder() != Service.WriteOrder.SEQUENTIAL) {
      return false;
    }
    List<Connection> out = p.connectionsFrom(writer);
    int d = -1;
    int st = -1;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).to().equals(db) && d < 0) {
        d = i;
      }
      if (out.get(i).to().equals(store) && st < 0) {
        st = i;
      }
    }
    return d >= 0 && st > d;
  }

  private static List<String> inOrder(Pipeline p, boolean[] found) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < found.length; i++) {
      if (found[i]) {
        out.add(p.components().get(i).id());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- columns

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }

  /** A column of longs indexed by key, growing on demand; unset cells read as {@code absent}. */
  static final class Column {
    private final long absent;
    private long[] cells;

    Column(long absent) {
      this.absent = absent;
      this.cells = new long[16];
      if (absent != 0) {
        Arrays.fill(cells, absent);
      }
    }

    long get(int k) {
      return k >= 0 && k < cells.length ? cells[k] : absent;
    }

    void set(int k, long v) {
      if (k >= cells.length) {
        int n = Math.max(k + 1, cells.length * 2);
        int old = cells.length;
        cells = Arrays.copyOf(cells, n);
        if (absent != 0) {
          Arrays.fill(cells, old, n, absent);
        }
      }
      cells[k] = v;
    }

    /** One more than the largest key that may have been set. */
    int limit() {
      return cells.length;
    }
  }

  /**
   * The last {@link #H} commits of each key at a database leader: version, commit time, value and
   * event, oldest first, and whether older ones were forgotten.
   */
  static final class KeyHistory {
    static final int H = 8;
    private long[] versions = new long[16 * H];
    private long[] times = new long[16 * H];
    private long[] values = new long[16 * H];
    private long[] events = new long[16 * H];
    private byte[] counts = new byte[16];
    private boolean[] truncated = new boolean[16];

    void push(int k, long version, long time, long value, long event) {
      if (k >= counts.length) {
        int n = Math.max(k + 1, counts.length * 2);
        counts = Arrays.copyOf(counts, n);
        truncated = Arrays.copyOf(truncated, n);
        versions = Arrays.copyOf(versions, n * H);
        times = Arrays.copyOf(times, n * H);
        values = Arrays.copyOf(values, n * H);
        events = Arrays.copyOf(events, n * H);
      }
      int base = k * H;
      int n = counts[k];
      if (n == H) {
        System.arraycopy(versions, base + 1, versions, base, H - 1);
        System.arraycopy(times, base + 1, times, base, H - 1);
        System.arraycopy(values, base + 1, values, base, H - 1);
        System.arraycopy(events, base + 1, events, base, H - 1);
        truncated[k] = true;
        n--;
      }
      versions[base + n] = version;
      times[base + n] = time;
      values[base + n] = value;
      events[base + n] = event;
      counts[k] = (byte) (n + 1);
    }

    int count(int k) {
      return k >= 0 && k < counts.length ? counts[k] : 0;
    }

    /** Whether commits of {@code k} older than the kept ones were forgotten. */
    boolean truncated(int k) {
      return k >= 0 && k < truncated.length && truncated[k];
    }

    long version(int k, int i) {
      return versions[k * H + i];
    }

    long time(int k, int i) {
      return times[k * H + i];
    }

    long value(int k, int i) {
      return values[k * H + i];
    }

    long event(int k, int i) {
      return events[k * H + i];
    }

    /** The oldest kept commit of {@code k} with a version above {@code v}, or -1. */
    int firstAbove(int k, long v) {
      int n = count(k);
      for (int i = 0; i < n; i++) {
        if (version(k, i) > v) {
          return i;
        }
      }
      return -1;
    }

    /** The newest kept commit of {@code k} made at or before {@code t}, or -1. */
    int asOf(int k, long t) {
      for (int i = count(k) - 1; i >= 0; i--) {
        if (time(k, i) <= t) {
          return i;
        }
      }
      return -1;
    }

    /** The newest kept commit of {@code k} with value {@code v}, or -1. */
    int withValue(int k, long v) {
      for (int i = count(k) - 1; i >= 0; i--) {
        if (value(k, i) == v) {
          return i;
        }
      }
      return -1;
    }

    /** The kept commit of {@code k} of event {@code e}, or -1. */
    int ofEvent(int k, long e) {
      for (int i = count(k) - 1; i >= 0; i--) {
        if (event(k, i) == e) {
          return i;
        }
      }
      return -1;
    }

    /** The kept commit of {@code k} with version {@code v}, or -1. */
    int ofVersion(int k, long v) {
      for (int i = count(k) - 1; i >= 0; i--) {
        if (version(k, i) == v) {
          return i;
        }
      }
      return -1;
    }

    /** Forgets the commits of {@code k} above version {@code v} (lost in a failover). */
    void dropAbove(int k, long v) {
      int n = count(k);
      while (n > 0 && version(k, n - 1) > v) {
        n--;
      }
      if (k < counts.length) {
        counts[k] = (byte) n;
      }
    }
  }

  /**
   * The versions a database leader committed that some follower has not applied yet (so in flight):
   * commit time, event, key and acknowledgement time of each, by version, in a ring.
   *
   * <p><b>Bounded.</b> The log is trimmed as the followers that may still apply more catch up; a
   * follower that crashed alone and never restarts would pin it for the rest of the run, so it
   * keeps at most {@link #MAX_VERSIONS} versions and forgets the oldest beyond that (about 3.5 MB
   * per database). The trade-off: a version more than that many commits behind the leader is no
   * longer known, so the lag of a follower that far behind is not measured for it, and a read or
   * failover that names it finds no commit time, event or acknowledgement for it.
   */
  static final class VersionLog {
    /** The most versions kept: 2^17, far more than any follower lags in a working system. */
    static final int MAX_VERSIONS = 1 << 17;

    private long first = 1;
    private int head;
    private int size;
    private long[] times = new long[256];
    private long[] events = new long[256];
    private long[] acks = new long[256];
    private int[] keys = new int[256];

    void append(long version, long time, long event, int key) {
      if (size == 0 || version != first + size) {
        size = 0;
        head = 0;
        first = version;
      }
      if (size == MAX_VERSIONS) {
        // a follower that stopped (crashed, never restarted) pins the log: forget the oldest
        head = (head + 1) & (times.length - 1);
        first++;
        size--;
      }
      if (size == times.length) {
        grow();
      }
      int i = (head + size) & (times.length - 1);
      times[i] = time;
      events[i] = event;
      acks[i] = -1;
      keys[i] = key;
      size++;
    }

    private void grow() {
      int n = times.length * 2;
      long[] t = new long[n];
      long[] e = new long[n];
      long[] a = new long[n];
      int[] k = new int[n];
      for (int j = 0; j < size; j++) {
        int i = (head + j) & (times.length - 1);
        t[j] = times[i];
        e[j] = events[i];
        a[j] = acks[i];
        k[j] = keys[i];
      }
      times = t;
      events = e;
      acks = a;
      keys = k;
      head = 0;
    }

    /** The slot of {@code version}, or -1 when it is not kept. */
    int slot(long version) {
      if (version < first || version >= first + size) {
        return -1;
      }
      return (int) ((head + (version - first)) & (times.length - 1));
    }

    long time(int slot) {
      return times[slot];
    }

    long event(int slot) {
      return events[slot];
    }

    int key(int slot) {
      return keys[slot];
    }

    /** When the version in {@code slot} was acknowledged, or -1. */
    long ackTime(int slot) {
      return acks[slot];
    }

    void acked(long version, long time) {
      int s = slot(version);
      if (s >= 0) {
        acks[s] = time;
      }
    }

    /** Forgets versions up to {@code version} (every follower has them). */
    void trimTo(long version) {
      while (size > 0 && first <= version) {
        head = (head + 1) & (times.length - 1);
        first++;
        size--;
      }
    }

    /** How many versions the log keeps. */
    int size() {
      return size;
    }

    /** Forgets versions above {@code version} (lost in a failover). */
    void truncateAbove(long version) {
      if (version < first) {
        size = 0;
      } else if (version - first + 1 < size) {
        size = (int) (version - first + 1);
      }
    }
  }

  // ---------------------------------------------------------------- the stores

  /** What one database holds, replica by replica, as the trace tells it. */
  static final class Db {
    final int component;
    final Database spec;
    final int replicas;
    int leader;
    final boolean[] gone;
    final long[] applied;
    final Column[] values;
    final Column[] versions;
    final Column[] events;
    final KeyHistory history = new KeyHistory();
    final VersionLog log = new VersionLog();
    final Column ackVersion = new Column(0);
    final Column ackEvent = new Column(0);
    final Column ackTime = new Column(-1);
    final Column lostEvent = new Column(0);
    final Column lostVersion = new Column(0);
    final Column lostAt = new Column(-1);
    final Column dropEvent = new Column(0);
    final Column dropTime = new Column(-1);
    final Column dropBy = new Column(-1);
    long crashedAt = -1;
    long failoverAt = -1;

    Db(int component, Database spec) {
      this.component = component;
      this.spec = spec;
      this.replicas = spec.followers() + 1;
      this.gone = new boolean[replicas];
      this.applied = new long[replicas];
      this.values = new Column[replicas];
      this.versions = new Column[replicas];
      this.events = new Column[replicas];
      for (int r = 0; r < replicas; r++) {
        values[r] = new Column(TraceStep.NO_VALUE);
        versions[r] = new Column(0);
        events[r] = new Column(0);
      }
    }

    String id() {
      return spec.id();
    }

    /** Whether the current leader holds {@code k}. */
    boolean holds(int k) {
      return versions[leader].get(k) > 0;
    }

    long value(int k) {
      return values[leader].get(k);
    }

    long version(int k) {
      return versions[leader].get(k);
    }

    long event(int k) {
      return events[leader].get(k);
    }

    /** The lowest version applied by a follower that may still apply more. */
    long minFollowerApplied() {
      long min = applied[leader];
      for (int r = 0; r < replicas; r++) {
        if (r != leader && !gone[r]) {
          min = Math.min(min, applied[r]);
        }
      }
      return min;
    }

    /** How the database replicates, for explanations. */
    String replication() {
      return switch (spec.replication()) {
        case ASYNC -> "async replication, lag " + spec.replicationLag();
        case SEMI_SYNC -> "semi-sync replication, lag " + spec.replicationLag();
        case SYNC -> "sync replication, lag " + spec.replicationLag();
      };
    }
  }

  /** What one derived store holds, and where its data comes from. */
  static final class Derived {
    final int component;
    final DerivedStore spec;
    final Column values = new Column(TraceStep.NO_VALUE);
    final Column versions = new Column(0);
    final Column events = new Column(0);
    final Column times = new Column(-1);
    final Column prevEvents = new Column(0);
    final Column prevTimes = new Column(-1);
    final Column dropEvent = new Column(0);
    final Column dropTime = new Column(-1);
    final Column dropBy = new Column(-1);

    /** Databases it derives from (CDC) or shares a writer with, in component order. */
    final List<String> sources;

    /** Databases whose commit versions its writes carry (CDC, or a sequential dual write). */
    final List<String> versionSources;

    Derived(int component, DerivedStore spec, Pipeline p) {
      this.component = component;
      this.spec = spec;
      List<String> cdc = cdcSources(p, spec.id());
      List<String> writers = writerSources(p, spec.id());
      List<String> all = new ArrayList<>();
      List<String> versioned = new ArrayList<>();
      for (Component c : p.components()) {
        String id = c.id();
        boolean viaCdc = cdc.contains(id);
        boolean viaWriter = writers.contains(id);
        if (viaCdc || viaWriter) {
          all.add(id);
        }
        String w = viaWriter ? sharedWriter(p, id, spec.id()) : null;
        if (viaCdc || (w != null && passesVersion(p, w, id, spec.id()))) {
          versioned.add(id);
        }
      }
      this.sources = List.copyOf(all);
      this.versionSources = List.copyOf(versioned);
    }

    String id() {
      return spec.id();
    }

    boolean holds(int k) {
      return times.get(k) >= 0;
    }
  }

  /**
   * The model of every database and derived store, rebuilt from the trace. Registered after the
   * checkers that consult it, so they see the state before the step they handle.
   */
  static final class Stores extends Checker {
    private static final Object NOT_A_STORE = new Object();
    private static final int[] NO_TARGETS = new int[0];
    private Object[] byComponent = new Object[32];
    private int[][] targets = new int[32][];
    private int[] linkTargets = filled(32, -2);

    Stores(CheckContext ctx) {
      super(ctx);
    }

    private Object resolve(int component) {
      if (component < 0) {
        return NOT_A_STORE;
      }
      if (component >= byComponent.length) {
        byComponent = Arrays.copyOf(byComponent, Math.max(component + 1, byComponent.length * 2));
      }
      Object o = byComponent[component];
      if (o == null) {
        Component c = ctx.component(component);
        if (c instanceof Database d) {
          o = new Db(component, d);
        } else if (c instanceof DerivedStore s) {
          o = new Derived(component, s, ctx.pipeline());
        } else {
          o = NOT_A_STORE;
        }
        byComponent[component] = o;
      }
      return o;
    }

    /** The database with trace index {@code component}, or null. */
    Db db(int component) {
      return resolve(component) instanceof Db d ? d : null;
    }

    /** The database named {@code id}, or null. */
    Db db(String id) {
      return db(ctx.index(id));
    }

    /** The databases of the given ids, in the same order (unknown ids left out). */
    List<Db> dbs(List<String> ids) {
      List<Db> out = new ArrayList<>();
      for (String id : ids) {
        Db d = db(id);
        if (d != null) {
          out.add(d);
        }
      }
      return List.copyOf(out);
    }

    /** The derived store with trace index {@code component}, or null. */
    Derived derived(int component) {
      return resolve(component) instanceof Derived d ? d : null;
    }

    /** How many versions the databases' logs keep in all (bounded: see {@link VersionLog}). */
    long retainedVersions() {
      long n = 0;
      for (Object o : byComponent) {
        if (o instanceof Db d) {
          n += d.log.size();
        }
      }
      return n;
    }

    /** Every database and derived store, in component order. */
    List<Object> all() {
      List<Object> out = new ArrayList<>();
      for (Component c : ctx.pipeline().components()) {
        Object o = resolve(ctx.index(c.id()));
        if (o != NOT_A_STORE) {
          out.add(o);
        }
      }
      return out;
    }

    @Override
    public void onStep(TraceStep s) {
      switch (s.kind()) {
        case APPLY -> apply(s);
        case REPLICATE -> replicate(s);
        case ACK -> ack(s);
        case FAILOVER -> failover(s);
        case CRASH -> {
          Db d = db(s.component());
          if (d != null && s.partition() == TraceStep.NONE) {
            d.crashedAt = s.timeMicros();
          }
        }
        case DROP -> drop(s);
        default -> {}
      }
    }

    private void apply(TraceStep s) {
      Object o = resolve(s.component());
      int k = s.key();
      if (o instanceof Db d) {
        int r = s.partition() >= 0 && s.partition() < d.replicas ? s.partition() : d.leader;
        long v = s.offset();
        d.values[r].set(k, s.value());
        d.versions[r].set(k, v);
        d.events[r].set(k, s.eventId());
        d.applied[r] = v;
        d.history.push(k, v, s.timeMicros(), s.value(), s.eventId());
        d.log.append(v, s.timeMicros(), s.eventId(), k);
        d.log.trimTo(d.minFollowerApplied());
      } else if (o instanceof Derived st) {
        st.prevEvents.set(k, st.events.get(k));
        st.prevTimes.set(k, st.times.get(k));
        st.values.set(k, s.value());
        if (s.offset() > 0) {
          st.versions.set(k, s.offset());
        }
        st.events.set(k, s.eventId());
        st.times.set(k, s.timeMicros());
      }
    }

    private void replicate(TraceStep s) {
      Db d = db(s.component());
      int r = s.partition();
      if (d == null || r < 0 || r >= d.replicas) {
        return;
      }
      int k = s.key();
      d.values[r].set(k, s.value());
      d.versions[r].set(k, s.offset());
      d.events[r].set(k, s.eventId());
      d.applied[r] = s.offset();
      d.log.trimTo(d.minFollowerApplied());
    }

    private void ack(TraceStep s) {
      Db d = db(s.component());
      if (d == null) {
        return;
      }
      int k = s.key();
      if (s.offset() >= d.ackVersion.get(k)) {
        d.ackVersion.set(k, s.offset());
        d.ackEvent.set(k, s.eventId());
        d.ackTime.set(k, s.timeMicros());
      }
      d.log.acked(s.offset(), s.timeMicros());
    }

    private void failover(TraceStep s) {
      Db d = db(s.component());
      if (d == null) {
        return;
      }
      long kept = s.offset();
      for (long v = kept + 1; v <= s.oldValue(); v++) {
        int slot = d.log.slot(v);
        if (slot < 0) {
          continue;
        }
        int k = d.log.key(slot);
        d.lostEvent.set(k, d.log.event(slot));
        d.lostVersion.set(k, v);
        d.lostAt.set(k, s.timeMicros());
        d.history.dropAbove(k, kept);
      }
      d.log.truncateAbove(kept);
      d.gone[d.leader] = true;
      if (s.partition() >= 0 && s.partition() < d.replicas) {
        d.leader = s.partition();
      }
      d.failoverAt = s.timeMicros();
      d.log.trimTo(d.minFollowerApplied());
    }

    /** A write that did not reach a store: by a service whose write failed, or on a link. */
    private void drop(TraceStep s) {
      int target = -1;
      int by = s.component();
      if (s.oldValue() == TraceStep.NO_VALUE) {
        int[] out = serviceTargets(s.component());
        if (s.offset() >= 0 && s.offset() < out.length) {
          target = out[(int) s.offset()];
        }
      } else if (s.oldValue() >= 0 && s.oldValue() < Integer.MAX_VALUE) {
        by = (int) s.oldValue();
        target = linkTarget(by);
      }
      Object o = target < 0 ? NOT_A_STORE : resolve(target);
      int k = s.key();
      if (o instanceof Db d) {
        d.dropEvent.set(k, s.eventId());
        d.dropTime.set(k, s.timeMicros());
        d.dropBy.set(k, by);
      } else if (o instanceof Derived st) {
        st.dropEvent.set(k, s.eventId());
        st.dropTime.set(k, s.timeMicros());
        st.dropBy.set(k, by);
      }
    }

    /** The trace indices of a service's write targets, in connection order (empty if none). */
    private int[] serviceTargets(int component) {
      if (component < 0) {
        return NO_TARGETS;
      }
      if (component >= targets.length) {
        targets = Arrays.copyOf(targets, Math.max(component + 1, targets.length * 2));
      }
      int[] t = targets[component];
      if (t == null) {
        t = NO_TARGETS;
        if (ctx.component(component) instanceof Service svc) {
          List<Connection> out = ctx.pipeline().connectionsFrom(svc.id());
          t = new int[out.size()];
          for (int i = 0; i < t.length; i++) {
            t[i] = ctx.index(out.get(i).to());
          }
        }
        targets[component] = t;
      }
      return t;
    }

    /** The trace index of the component link {@code link} delivers to, or -1. */
    private int linkTarget(int link) {
      if (link >= linkTargets.length) {
        int old = linkTargets.length;
        linkTargets = Arrays.copyOf(linkTargets, Math.max(link + 1, old * 2));
        Arrays.fill(linkTargets, old, linkTargets.length, -2);
      }
      if (linkTargets[link] == -2) {
        Connection c = ctx.connection(link);
        linkTargets[link] = c == null ? -1 : ctx.index(c.to());
      }
      return linkTargets[link];
    }
  }

  // ---------------------------------------------------------------- readers

  /** What a reader reads from, resolved once per reader. */
  static final class ReaderSource {
    final Reader spec;
    final Db db;
    final Derived derived;

    /** Databases whose versions the reads can be compared with. */
    final List<Db> versionSources;

    /** For a derived store: the databases it derives from or shares a writer with. */
    final List<Db> sources;

    ReaderSource(Reader spec, Db db, Derived derived, List<Db> versionSources, List<Db> sources) {
      this.spec = spec;
      this.db = db;
      this.derived = derived;
      this.versionSources = versionSources;
      this.sources = sources;
    }

    String store() {
      return db != null ? db.id() : derived.id();
    }
  }

  /** Resolves readers to their stores, by trace index, caching the answer. */
  static final class Readers {
    private static final ReaderSource NONE =
        new ReaderSource(null, null, null, List.of(), List.of());
    private final CheckContext ctx;
    private final Stores stores;
    private ReaderSource[] byComponent = new ReaderSource[32];

    Readers(CheckContext ctx, Stores stores) {
      this.ctx = ctx;
      this.stores = stores;
    }

    /** The store reader {@code component} reads, or null when it is not a reader of a store. */
    ReaderSource of(int component) {
      if (component < 0) {
        return null;
      }
      if (component >= byComponent.length) {
        byComponent = Arrays.copyOf(byComponent, Math.max(component + 1, byComponent.length * 2));
      }
      ReaderSource r = byComponent[component];
      if (r == null) {
        r = resolve(component);
        byComponent[component] = r;
      }
      return r == NONE ? null : r;
    }

    private ReaderSource resolve(int component) {
      if (!(ctx.component(component) instanceof Reader reader)) {
        return NONE;
      }
      List<Connection> in = ctx.pipeline().connectionsTo(reader.id());
      if (in.isEmpty()) {
        return NONE;
      }
      int source = ctx.index(in.get(0).from());
      Db db = stores.db(source);
      if (db != null) {
        return new ReaderSource(reader, db, null, List.of(db), List.of(db));
      }
      Derived d = stores.derived(source);
      if (d == null) {
        return NONE;
      }
      return new ReaderSource(reader, null, d, stores.dbs(d.versionSources), stores.dbs(d.sources));
    }
  }

  /** How the reader routes, for explanations. */
  static String routing(Reader r) {
    return switch (r.routing()) {
      case LEADER -> "leader routing";
      case RANDOM_FOLLOWER -> "random-follower routing";
      case STICKY_FOLLOWER -> "sticky-follower routing";
      case READ_YOUR_WRITES -> "read-your-writes routing (recent window " + r.recentWindow() + ")";
      case WAIT_FOR_VERSION -> "wait-for-version routing";
    };
  }

  /** A replica in explanations: {@code the leader (replica 0)} or {@code follower replica 2}. */
  static String replica(Db d, int r) {
    return r == d.leader ? "the leader (replica " + r + ")" : "follower replica " + r;
  }
}
