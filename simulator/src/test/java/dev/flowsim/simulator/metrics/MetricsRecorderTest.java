package dev.flowsim.simulator.metrics;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationException;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsRecorderTest {

  private static SimulationResult runWith(Pipeline p, Simulation.Options o) {
    try {
      return Simulation.run(p, o);
    } catch (SimulationException e) {
      throw new AssertionError(e.diagnostics().toString(), e);
    }
  }

  /** Index of the sample at time {@code micros}. */
  private static int at(Series s, long micros) {
    for (int i = 0; i < s.size(); i++) {
      if (s.time(i) == micros) {
        return i;
      }
    }
    throw new AssertionError("no sample at " + micros + " in " + s);
  }

  private static Series only(Metrics m, String name, String component) {
    List<Series> all = m.named(name).stream().filter(s -> s.component().equals(component)).toList();
    assertEquals(1, all.size(), name + " of " + component + ": " + all);
    return all.get(0);
  }

  // ------------------------------------------------------------------ sampling

  private static final String ASYNC_FOLLOWER =
      "'seed': 3, 'duration': '10s', 'components': ["
          + "{'id': 'users', 'type': 'producer', 'rate': '200/s', 'arrivals': 'constant'},"
          + "{'id': 'db', 'type': 'database', 'followers': 1, 'replication': 'async',"
          + " 'replicationLag': 'const(300ms)'}],"
          + "'connections': [{'from': 'users', 'to': 'db', 'latency': 'const(2ms)'}]";

  @Test
  void samplesEveryIntervalAndAtTheEnd() {
    SimulationResult r = run(spec(ASYNC_FOLLOWER));
    Metrics m = r.metrics();
    assertEquals(MetricsRecorder.DEFAULT_INTERVAL_MICROS, m.intervalMicros());
    long[] times = m.times();
    for (int i = 0; i < times.length - 1; i++) {
      assertEquals((i + 1) * 1_000_000L, times[i]);
    }
    assertEquals(r.endMicros(), times[times.length - 1], "the last sample is at the end");
    assertTrue(r.endMicros() > 10_000_000L, "the run drained after its 10 s");
    for (Series s : m.series()) {
      assertEquals(times.length, s.size(), s.label());
      assertArrayEquals(times, s.times());
    }

    SimulationResult half =
        runWith(
            spec(ASYNC_FOLLOWER),
            Simulation.Options.of(spec(ASYNC_FOLLOWER)).withMetricsInterval(500_000));
    assertEquals(500_000, half.metrics().intervalMicros());
    assertEquals(500_000, half.metrics().times()[0]);
    assertEquals(2 * (times.length - 1) + 1, half.metrics().sampleCount());
  }

  @Test
  void metricsChangeNothingInTheRunAndCanBeTurnedOff() {
    Pipeline p = spec(ASYNC_FOLLOWER);
    SimulationResult on = run(p);
    SimulationResult off = runWith(p, Simulation.Options.of(p).withMetrics(false));
    assertEquals(on.traceHash(), off.traceHash());
    assertEquals(on.kernelEvents(), off.kernelEvents());
    assertTrue(off.metrics().isEmpty());
    assertTrue(off.metrics().series().isEmpty());
    assertFalse(on.metrics().isEmpty());
  }

  @Test
  void replayingTheStoredTraceGivesTheSameMetrics() {
    Pipeline p = spec(CRASHING_CONSUMER);
    SimulationResult r = runWith(p, Simulation.Options.of(p).withTraceLimit(Trace.UNBOUNDED));
    // without the ground-truth table: creation times come from the PRODUCE steps
    MetricsRecorder replay = new MetricsRecorder(p, r.trace(), 1_000_000L);
    r.trace().replay(replay);
    Metrics again = replay.finish(r.endMicros());
    assertEquals(r.metrics().series().size(), again.series().size());
    for (int i = 0; i < again.series().size(); i++) {
      Series a = r.metrics().series().get(i);
      Series b = again.series().get(i);
      assertEquals(a.label(), b.label());
      assertArrayEquals(a.values(), b.values(), a.label());
    }
  }

  // ------------------------------------------------------------------ replication lag

  @Test
  void anAsyncFollowerLagsByItsReplicationDelay() {
    Metrics m = run(spec(ASYNC_FOLLOWER)).metrics();
    Series versions = only(m, Metrics.REPLICATION_LAG_VERSIONS, "db");
    Series ms = only(m, Metrics.REPLICATION_LAG_MS, "db");
    assertEquals(1, versions.replica());
    assertEquals("versions", versions.unit());
    assertEquals("ms", ms.unit());
    for (int i = 1; i < 9; i++) {
      // 200 writes/s, each replicated 300 ms after its commit: about 60 versions behind, and the
      // oldest missing version committed about 300 ms ago
      assertTrue(
          versions.value(i) >= 50 && versions.value(i) <= 70, "versions behind: " + versions);
      assertTrue(ms.value(i) > 280 && ms.value(i) <= 300, "time behind: " + ms);
    }
    assertEquals(0, versions.last(), "the follower has caught up after the drain");
    assertEquals(0, ms.last());
  }

  @Test
  void aPromotedFollowerHasNoLagAndTheOthersTrailTheNewLeader() {
    String failover =
        "'seed': 5, 'duration': '10s', 'components': ["
            + "{'id': 'users', 'type': 'producer', 'rate': '100/s'},"
            + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': 'async',"
            + " 'replicationLag': 'uniform(10ms,200ms)', 'failoverAfter': '1s'}],"
            + "'connections': [{'from': 'users', 'to': 'db'}],"
            + "'faults': [{'type': 'crash', 'component': 'db', 'at': '4s'}]";
    SimulationResult r = run(spec(failover));
    List<Series> lag = r.metrics().named(Metrics.REPLICATION_LAG_VERSIONS);
    assertEquals(2, lag.size());
    int promoted = -1;
    var c = r.trace().cursor();
    while (c.next()) {
      if (c.kind() == StepKind.FAILOVER) {
        promoted = c.partition();
      }
    }
    assertTrue(promoted == 1 || promoted == 2, "a follower was promoted");
    for (Series s : lag) {
      int after = at(s, 9_000_000L);
      if (s.replica() == promoted) {
        assertTrue(Double.isNaN(s.value(after)), "the leader has no lag: " + s);
        assertFalse(Double.isNaN(s.value(at(s, 3_000_000L))), "it had lag as a follower");
      } else {
        assertFalse(Double.isNaN(s.value(after)), "the other follower trails the new one: " + s);
      }
    }
  }

  // ------------------------------------------------------------------ consumer lag

  private static final String CRASHING_CONSUMER =
      "'seed': 7, 'duration': '20s', 'components': ["
          + "{'id': 'clicks', 'type': 'producer', 'rate': '100/s', 'arrivals': 'constant'},"
          + "{'id': 'events', 'type': 'topic', 'partitions': 2},"
          + "{'id': 'counter', 'type': 'processor', 'serviceTime': '2ms'},"
          + "{'id': 'view', 'type': 'materialized-view'}],"
          + "'connections': [{'from': 'clicks', 'to': 'events'},"
          + "{'from': 'events', 'to': 'counter', 'consumer': {'group': 'counting'}},"
          + "{'from': 'counter', 'to': 'view'}],"
          + "'faults': [{'type': 'crash', 'component': 'counter', 'at': '5s',"
          + " 'restartAfter': '5s'}]";

  @Test
  void consumerLagGrowsWhileTheConsumerIsDownThenShrinks() {
    Metrics m = run(spec(CRASHING_CONSUMER)).metrics();
    List<Series> lag = m.named(Metrics.CONSUMER_LAG);
    assertEquals(2, lag.size(), "one series per partition of the one group");
    for (Series s : lag) {
      assertEquals("events", s.component());
      assertEquals("counting", s.group());
      assertEquals("records", s.unit());
      double before = s.value(at(s, 4_000_000L));
      double down = s.value(at(s, 9_000_000L));
      double later = s.value(at(s, 15_000_000L));
      assertTrue(before < 10, "a keeping-up consumer has little lag: " + s);
      // 100 records/s over two partitions for the 4 s since the crash
      assertTrue(down > 100, "lag grows while the consumer is down: " + s);
      assertTrue(down > s.value(at(s, 7_000_000L)), "and keeps growing: " + s);
      assertTrue(later < down / 4, "it shrinks once the consumer is back: " + s);
      assertEquals(0, s.last(), "nothing is left after the drain: " + s);
    }
    assertEquals(0, lag.get(0).partition());
    assertEquals(1, lag.get(1).partition());
  }

  @Test
  void everyConsumerGroupOfATopicHasItsLag() {
    String twoGroups =
        "'seed': 1, 'duration': '3s', 'components': ["
            + "{'id': 'p', 'type': 'producer', 'rate': '50/s'},"
            + "{'id': 't', 'type': 'topic', 'partitions': 3},"
            + "{'id': 'a', 'type': 'cache'}, {'id': 'b', 'type': 'warehouse'}],"
            + "'connections': [{'from': 'p', 'to': 't'}, {'from': 't', 'to': 'a'},"
            + " {'from': 't', 'to': 'b'}]";
    List<Series> lag = run(spec(twoGroups)).metrics().named(Metrics.CONSUMER_LAG);
    assertEquals(6, lag.size());
    assertEquals(List.of("a", "a", "a", "b", "b", "b"), lag.stream().map(Series::group).toList());
  }

  // ------------------------------------------------------------------ queue depth

  @Test
  void aQueueInFrontOfASlowConsumerFillsThenDrains() {
    String slow =
        "'seed': 2, 'duration': '10s', 'components': ["
            + "{'id': 'orders', 'type': 'producer', 'rate': '100/s', 'arrivals': 'constant'},"
            + "{'id': 'q', 'type': 'queue', 'prefetch': 1},"
            + "{'id': 'worker', 'type': 'processor', 'serviceTime': 'const(20ms)'},"
            + "{'id': 'view', 'type': 'materialized-view'}],"
            + "'connections': [{'from': 'orders', 'to': 'q'}, {'from': 'q', 'to': 'worker'},"
            + " {'from': 'worker', 'to': 'view'}]";
    SimulationResult r = run(spec(slow));
    Series depth = only(r.metrics(), Metrics.QUEUE_DEPTH, "q");
    assertEquals("messages", depth.unit());
    // 100/s in, at most 50/s out: about 50 more messages wait after every second
    double at2 = depth.value(at(depth, 2_000_000L));
    double at8 = depth.value(at(depth, 8_000_000L));
    assertTrue(at2 > 60 && at2 < 120, "depth after 2 s: " + depth);
    assertTrue(at8 > 300 && at8 < 450, "depth after 8 s: " + depth);
    assertEquals(0, depth.last(), "the queue is empty after the drain: " + depth);
    Series consumed = only(r.metrics(), Metrics.THROUGHPUT, "worker");
    assertEquals("CONSUME/s", consumed.unit());
    double rate = consumed.value(at(consumed, 5_000_000L));
    assertTrue(rate > 40 && rate <= 50, "the worker takes about 50 messages/s: " + consumed);
  }

  // ------------------------------------------------------------------ staleness and latency

  private static final String CDC =
      "'seed': 4, 'duration': '10s', 'components': ["
          + "{'id': 'users', 'type': 'producer', 'rate': '100/s', 'arrivals': 'constant'},"
          + "{'id': 'db', 'type': 'database'},"
          + "{'id': 'changes', 'type': 'topic', 'partitions': 1},"
          + "{'id': 'index', 'type': 'search-index', 'applyLatency': 'const(200ms)'}],"
          + "'connections': [{'from': 'users', 'to': 'db', 'latency': 'uniform(1ms,20ms)'},"
          + "{'from': 'db', 'to': 'changes', 'latency': 'const(50ms)'},"
          + "{'from': 'changes', 'to': 'index'}]";

  @Test
  void aStoreFedByChangeDataCaptureTrailsItsDatabase() {
    Metrics m = run(spec(CDC)).metrics();
    Series versions = only(m, Metrics.STALENESS_VERSIONS, "index");
    Series ms = only(m, Metrics.STALENESS_MS, "index");
    assertEquals("db", versions.source());
    assertEquals("db", ms.source());
    for (int i = 1; i < 9; i++) {
      // about 250 ms from commit to apply at 100 writes/s: some 25 versions behind
      assertTrue(versions.value(i) >= 15 && versions.value(i) <= 35, "versions: " + versions);
      assertTrue(ms.value(i) > 200 && ms.value(i) < 300, "age: " + ms);
    }
    assertEquals(0, versions.last());
    assertEquals(0, ms.last());
    assertTrue(m.named(Metrics.STALENESS_VERSIONS).size() == 1, "a database has no staleness");
  }

  @Test
  void latencyPercentilesAreOrderedAndPlausible() {
    Metrics m = run(spec(CDC)).metrics();
    for (String store : List.of("db", "index")) {
      Series p50 = only(m, Metrics.LATENCY_P50, store);
      Series p95 = only(m, Metrics.LATENCY_P95, store);
      Series p99 = only(m, Metrics.LATENCY_P99, store);
      int defined = 0;
      for (int i = 0; i < p50.size(); i++) {
        if (Double.isNaN(p50.value(i))) {
          assertTrue(Double.isNaN(p99.value(i)), "no applies, no percentiles");
          continue;
        }
        defined++;
        assertTrue(p50.value(i) <= p95.value(i), store + " p50 <= p95 at " + i);
        assertTrue(p95.value(i) <= p99.value(i), store + " p95 <= p99 at " + i);
      }
      assertTrue(defined >= 9, store + ": " + p50);
    }
    // db: link uniform(1ms,20ms) + 1 ms write; index: + 50 ms CDC link + 1 ms + 200 ms apply
    Series db = only(m, Metrics.LATENCY_P50, "db");
    Series index = only(m, Metrics.LATENCY_P50, "index");
    assertTrue(db.value(5) > 5 && db.value(5) < 20, "db p50: " + db);
    assertTrue(index.value(5) > 250 && index.value(5) < 275, "index p50: " + index);
    assertTrue(only(m, Metrics.LATENCY_P99, "db").value(5) <= 22);
  }

  @Test
  void aParallelDualWriteHasNoStalenessButASequentialOneHas() {
    String dual =
        "'seed': 1, 'duration': '3s', 'components': ["
            + "{'id': 'users', 'type': 'producer', 'rate': '50/s'},"
            + "{'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write',"
            + " 'writeOrder': 'ORDER'},"
            + "{'id': 'db', 'type': 'database'}, {'id': 'index', 'type': 'search-index'}],"
            + "'connections': [{'from': 'users', 'to': 'app'}, {'from': 'app', 'to': 'db'},"
            + " {'from': 'app', 'to': 'index'}]";
    Metrics sequential = run(spec(dual.replace("ORDER", "sequential"))).metrics();
    assertEquals("db", only(sequential, Metrics.STALENESS_VERSIONS, "index").source());
    Metrics parallel = run(spec(dual.replace("ORDER", "parallel"))).metrics();
    assertTrue(parallel.named(Metrics.STALENESS_VERSIONS).isEmpty());
    assertFalse(parallel.named(Metrics.LATENCY_P50).isEmpty());
  }

  // ------------------------------------------------------------------ throughput

  @Test
  void throughputCountsEachComponentsMainStep() {
    Metrics m = run(spec(CDC)).metrics();
    assertEquals("PRODUCE/s", only(m, Metrics.THROUGHPUT, "users").unit());
    assertEquals("APPEND/s", only(m, Metrics.THROUGHPUT, "changes").unit());
    assertEquals("APPLY/s", only(m, Metrics.THROUGHPUT, "db").unit());
    assertEquals("APPLY/s", only(m, Metrics.THROUGHPUT, "index").unit());
    for (String c : List.of("users", "db", "changes", "index")) {
      Series s = only(m, Metrics.THROUGHPUT, c);
      assertEquals(100, s.value(at(s, 5_000_000L)), 2, c + ": " + s);
    }
    Series produced = only(m, Metrics.THROUGHPUT, "users");
    assertEquals(0, produced.last(), "nothing is produced during the drain");
    assertNull(produced.group());
  }
}
