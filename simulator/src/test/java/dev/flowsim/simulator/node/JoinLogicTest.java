package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinLogicTest {

  /** Event time of every produced event (its PRODUCE clock). */
  private static Map<Long, Long> eventTimes(List<Step> all) {
    Map<Long, Long> t = new HashMap<>();
    for (Step s : all) {
      if (s.kind() == StepKind.PRODUCE) {
        t.put(s.event(), s.clock());
      }
    }
    return t;
  }

  // ---------------------------------------------------------------- stream-stream

  private static final String CLICKS_AND_VIEWS =
      "'seed': 13, 'duration': '10s', 'components': ["
          + "{'id': 'ads', 'type': 'producer', 'rate': '30/s', 'keys': {'count': 5}},"
          + "{'id': 'clicks', 'type': 'producer', 'rate': '20/s', 'keys': {'count': 5}},"
          + "{'id': 'impressions', 'type': 'topic', 'partitions': 2},"
          + "{'id': 'click-events', 'type': 'topic', 'partitions': 2},"
          + "{'id': 'matcher', 'type': 'processor', 'parallelism': 2, 'serviceTime': '100us',"
          + " 'operator': {'type': 'join', 'join': 'stream-stream', 'window': '300ms'}},"
          + "{'id': 'matches', 'type': 'warehouse'}],"
          + "'connections': [{'from': 'ads', 'to': 'impressions'},"
          + "{'from': 'clicks', 'to': 'click-events'},"
          + "{'from': 'impressions', 'to': 'matcher'}, {'from': 'click-events', 'to': 'matcher'},"
          + "{'from': 'matcher', 'to': 'matches'}]";

  @Test
  void aStreamStreamJoinPairsExactlyTheEventsWithinTheWindow() {
    SimulationResult r = run(spec(CLICKS_AND_VIEWS));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    Map<Long, Long> times = eventTimes(all);
    Map<Long, String> keys = new HashMap<>();
    all.stream()
        .filter(s -> s.kind() == StepKind.PRODUCE)
        .forEach(s -> keys.put(s.event(), s.key()));
    List<Step> ads = of(all, "ads", StepKind.PRODUCE);
    List<Step> clicks = of(all, "clicks", StepKind.PRODUCE);
    Set<String> truth = new HashSet<>();
    for (Step a : ads) {
      for (Step c : clicks) {
        if (a.key().equals(c.key()) && Math.abs(a.clock() - c.clock()) <= 300_000L) {
          truth.add(a.event() + "+" + c.event());
        }
      }
    }
    assertTrue(truth.size() > 100, "fixture: enough pairs " + truth.size());
    Set<String> joined = new HashSet<>();
    Set<Long> results = new HashSet<>();
    for (Step p : of(all, "matcher", StepKind.PRODUCE)) {
      long ad = p.offset();
      long click = p.value();
      assertEquals(keys.get(ad), p.key());
      assertEquals(keys.get(click), p.key());
      assertTrue(Math.abs(times.get(ad) - times.get(click)) <= 300_000L, "within the window");
      assertEquals(Math.max(times.get(ad), times.get(click)), p.clock());
      assertTrue(joined.add(ad + "+" + click), "each pair once");
      results.add(p.event());
    }
    assertEquals(truth, joined);
    Set<Long> applied = new HashSet<>();
    of(all, "matches", StepKind.APPLY).forEach(s -> applied.add(s.event()));
    assertEquals(results, applied, "every result is a new event that reaches the store");
  }

  // ---------------------------------------------------------------- stream-table

  /** Customers in a database whose change stream lags; orders enriched from the table. */
  private static String enrichment(String join) {
    return "'seed': 17, 'duration': '20s', 'components': ["
        + "{'id': 'profile-edits', 'type': 'producer', 'rate': '10/s', 'keys': {'count': 20}},"
        + "{'id': 'orders', 'type': 'producer', 'rate': '50/s', 'keys': {'count': 20}},"
        + "{'id': 'customers', 'type': 'database'},"
        + "{'id': 'customer-changes', 'type': 'topic', 'partitions': 2},"
        + "{'id': 'order-events', 'type': 'topic', 'partitions': 2},"
        + "{'id': 'enricher', 'type': 'processor', 'parallelism': 2, 'serviceTime': '500us',"
        + " 'operator': {'type': 'join', 'join': 'stream-table', 'table': 'customer-changes'"
        + join
        + "}},"
        + "{'id': 'facts', 'type': 'warehouse'}],"
        + "'connections': [{'from': 'profile-edits', 'to': 'customers'},"
        + "{'from': 'orders', 'to': 'order-events'},"
        + "{'from': 'customers', 'to': 'customer-changes', 'latency': 'lognormal(200ms,2s)'},"
        + "{'from': 'customer-changes', 'to': 'enricher'},"
        + "{'from': 'order-events', 'to': 'enricher'},"
        + "{'from': 'enricher', 'to': 'facts'}]";
  }

  /**
   * Enrichments that met an older customer version than the one in force at the order's event time:
   * the database's latest commit of the key whose change was stamped at or before it.
   */
  private static long staleReads(List<Step> all, String joiner, String db) {
    Map<Long, Long> times = eventTimes(all);
    Map<String, List<Step>> commits = new HashMap<>();
    for (Step s : of(all, db, StepKind.APPLY)) {
      commits.computeIfAbsent(s.key(), k -> new java.util.ArrayList<>()).add(s);
    }
    long stale = 0;
    for (Step read : of(all, joiner, StepKind.READ)) {
      long t = times.get(read.event());
      long truth = 0;
      for (Step c : commits.getOrDefault(read.key(), List.of())) {
        if (times.get(c.event()) <= t) {
          truth = Math.max(truth, c.offset());
        }
      }
      assertTrue(read.offset() <= truth || truth == 0 || read.offset() > 0, read.toString());
      if (read.offset() < truth) {
        stale++;
      }
    }
    return stale;
  }

  @Test
  void anUnversionedJoinMeetsStaleRowsAndAVersionedOneWaitsForTheRightOne() {
    SimulationResult plain = run(spec(enrichment("")));
    List<Step> all = steps(plain);
    assertTrue(plain.drained());
    long stale = staleReads(all, "enricher", "customers");
    assertTrue(stale > 10, "orders placed right after an edit meet the old row: " + stale);
    // the enriched order carries the version it met on to the store
    Map<Long, Long> met = new HashMap<>();
    of(all, "enricher", StepKind.READ).forEach(s -> met.put(s.event(), s.offset()));
    for (Step a : of(all, "facts", StepKind.APPLY)) {
      if (met.get(a.event()) > 0) {
        assertEquals(met.get(a.event()), a.offset());
      }
    }
    assertEquals(
        of(all, "customer-changes", StepKind.APPEND).size(),
        of(all, "enricher", StepKind.APPLY).size(),
        "every change is applied to the join's table");

    SimulationResult versioned = run(spec(enrichment(", 'versioned': true, 'maxWait': '5s'")));
    List<Step> vall = steps(versioned);
    assertTrue(versioned.drained());
    assertEquals(0, staleReads(vall, "enricher", "customers"), "each order meets its version");
    Map<Long, Long> consumed = new HashMap<>();
    of(vall, "enricher", StepKind.CONSUME).forEach(s -> consumed.putIfAbsent(s.event(), s.time()));
    long waited =
        of(vall, "enricher", StepKind.READ).stream()
            .filter(s -> s.time() - consumed.get(s.event()) > 10_000L)
            .count();
    assertTrue(waited > 100, "orders wait for the table to catch up: " + waited);
  }

  @Test
  void theStreamTableJoinExampleRunsAndVersioningRemovesMostStaleReads() throws Exception {
    Pipeline broken =
        SpecReader.read(Path.of("..", "examples", "11-stream-table-join.broken.json"));
    Pipeline fixed = SpecReader.read(Path.of("..", "examples", "11-stream-table-join.fixed.json"));
    SimulationResult b = run(broken);
    SimulationResult f = run(fixed);
    assertTrue(b.drained());
    assertTrue(f.drained());
    long staleBroken = staleReads(steps(b), "order-enricher", "customers-db");
    long staleFixed = staleReads(steps(f), "order-enricher", "customers-db");
    assertTrue(staleBroken > 50, "broken: " + staleBroken);
    assertTrue(staleFixed * 20 < staleBroken, "fixed: " + staleFixed + " vs " + staleBroken);
    assertEquals(f.traceHash(), run(fixed).traceHash(), "same spec, same trace");
  }

  // ---------------------------------------------------------------- table-table

  @Test
  void aTableTableJoinEmitsTheJoinedRowOnEveryChangeOnceBothSidesHaveIt() {
    String spec =
        "'seed': 3, 'duration': '5s', 'components': ["
            + "{'id': 'users', 'type': 'producer', 'rate': '10/s', 'keys': {'count': 30}},"
            + "{'id': 'plans', 'type': 'producer', 'rate': '10/s', 'keys': {'count': 30}},"
            + "{'id': 'user-changes', 'type': 'topic', 'partitions': 3},"
            + "{'id': 'plan-changes', 'type': 'topic', 'partitions': 3},"
            + "{'id': 'view', 'type': 'processor', 'parallelism': 3,"
            + " 'operator': {'type': 'join', 'join': 'table-table'}},"
            + "{'id': 'user-plans', 'type': 'materialized-view', 'writeMode': 'version-checked'}],"
            + "'connections': [{'from': 'users', 'to': 'user-changes'},"
            + "{'from': 'plans', 'to': 'plan-changes'},"
            + "{'from': 'user-changes', 'to': 'view'}, {'from': 'plan-changes', 'to': 'view'},"
            + "{'from': 'view', 'to': 'user-plans'}]";
    SimulationResult r = run(spec(spec));
    List<Step> all = steps(r);
    Set<String> users = new HashSet<>();
    Set<String> plans = new HashSet<>();
    Map<String, String> producerOf = new HashMap<>();
    all.stream()
        .filter(s -> s.kind() == StepKind.PRODUCE)
        .forEach(s -> producerOf.put(s.event() + "", s.component()));
    long expected = 0;
    for (Step a : of(all, "view", StepKind.APPLY)) {
      boolean user = producerOf.get(a.event() + "").equals("users");
      (user ? users : plans).add(a.key());
      if ((user ? plans : users).contains(a.key())) {
        expected++;
      }
    }
    assertTrue(expected > 10);
    assertEquals(expected, of(all, "view", StepKind.READ).size());
    List<Step> applied = of(all, "user-plans", StepKind.APPLY);
    assertEquals(expected, applied.size(), "each joined row change is applied, in order");
    Map<String, Long> version = new HashMap<>();
    for (Step a : applied) {
      long v = version.merge(a.key(), 1L, Long::sum);
      assertEquals(v, a.offset(), "the joined row's change number");
    }
  }
}
