package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.Runs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.Runs;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The flow checkers on purpose-built pipelines: each anomaly appears where its mechanism is, and
 * not in a control that differs only in the knob that removes the mechanism. Every finding is
 * re-verified against the trace ({@link FlowWitness}).
 */
class FlowChecksTest {

  /** Runs a spec, re-verifies every flow finding, and returns the result. */
  static SimulationResult run(Pipeline p) {
    SimulationResult r = Runs.run(p);
    FlowWitness.verify(r);
    return r;
  }

  static long count(SimulationResult r, AnomalyKind kind) {
    return r.findings().count(kind);
  }

  static Finding first(SimulationResult r, AnomalyKind kind) {
    List<Finding> all = r.findings().of(kind);
    assertFalse(all.isEmpty(), "no " + kind + " finding");
    return all.get(0);
  }

  // ---------------------------------------------------------------- OUT_OF_ORDER

  private static String direct(String link) {
    return "'seed': 7, 'duration': '10s', 'components': ["
        + "{'id': 'clicks', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 5}},"
        + "{'id': 'events', 'type': 'processor'},"
        + "{'id': 'view', 'type': 'materialized-view'}],"
        + "'connections': [{'from': 'clicks', 'to': 'events'},"
        + " {'from': 'events', 'to': 'view', 'latency': 'uniform(1ms,30ms)'"
        + link
        + "}]";
  }

  @Test
  void aNonFifoLinkReordersAKeysWritesAndAFifoLinkDoesNot() {
    SimulationResult broken = run(spec(direct(", 'fifo': false")));
    assertTrue(count(broken, AnomalyKind.OUT_OF_ORDER) > 0);
    Finding f = first(broken, AnomalyKind.OUT_OF_ORDER);
    assertEquals("view", f.components().get(0));
    assertTrue(f.components().contains("events -> view"), f.components().toString());
    assertEquals(2, f.events().size());
    assertTrue(f.explanation().contains("`events -> view`"), f.explanation());
    assertTrue(f.explanation().contains("not FIFO"), f.explanation());
    assertTrue(f.fix().contains("FIFO"), f.fix());

    SimulationResult fifo = run(spec(direct("")));
    assertEquals(0, count(fifo, AnomalyKind.OUT_OF_ORDER));
  }

  @Test
  void incrementsCommuteAndAreNeverOutOfOrder() {
    String body =
        direct(", 'fifo': false")
            .replace("'keys': {'count': 5}", "'keys': {'count': 5}, 'operation': 'increment'");
    SimulationResult r = run(spec(body));
    assertEquals(0, count(r, AnomalyKind.OUT_OF_ORDER));
  }

  private static String viaTopic(String writeMode) {
    return "'seed': 3, 'duration': '10s', 'components': ["
        + "{'id': 'events', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 5}},"
        + "{'id': 'log', 'type': 'topic'},"
        + "{'id': 'view', 'type': 'materialized-view', 'writeMode': '"
        + writeMode
        + "'}],"
        + "'connections': [{'from': 'events', 'to': 'log'},"
        + "{'from': 'log', 'to': 'view', 'latency': 'uniform(1ms,30ms)', 'fifo': false}]";
  }

  @Test
  void aVersionCheckedStoreIgnoresTheOlderWriteInsteadOfApplyingIt() {
    SimulationResult lastArrival = run(spec(viaTopic("last-arrival-wins")));
    assertTrue(count(lastArrival, AnomalyKind.OUT_OF_ORDER) > 0);
    SimulationResult versioned = run(spec(viaTopic("version-checked")));
    assertEquals(0, count(versioned, AnomalyKind.OUT_OF_ORDER));
    assertTrue(versioned.trace().count(StepKind.SKIP) > 0);
  }

  @Test
  void aStoreFollowingADatabaseIsJudgedByTheCommitOrderTheDatabaseIsByProductionOrder() {
    // the database commits a key's writes out of order (non-FIFO link); the index follows its
    // change stream faithfully, so only the database is out of order
    String body =
        "'seed': 5, 'duration': '10s', 'components': ["
            + "{'id': 'users', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 5}},"
            + "{'id': 'db', 'type': 'database'},"
            + "{'id': 'changes', 'type': 'topic', 'partitions': 2},"
            + "{'id': 'index', 'type': 'search-index'}],"
            + "'connections': [{'from': 'users', 'to': 'db', 'latency': 'uniform(1ms,30ms)',"
            + " 'fifo': false}, {'from': 'db', 'to': 'changes'}, {'from': 'changes', 'to': 'index'}]";
    SimulationResult r = run(spec(body));
    assertTrue(count(r, AnomalyKind.OUT_OF_ORDER) > 0);
    for (Finding f : r.findings().of(AnomalyKind.OUT_OF_ORDER)) {
      assertEquals("db", f.components().get(0), f.explanation());
    }

    // the database commits in order; its change stream is spread over partitions that are
    // consumed at different speeds, so the index deviates from the commit order
    String spread =
        "'seed': 5, 'duration': '10s', 'components': ["
            + "{'id': 'users', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 5}},"
            + "{'id': 'db', 'type': 'database'},"
            + "{'id': 'changes', 'type': 'topic', 'partitions': 3, 'partitioner': 'round-robin'},"
            + "{'id': 'indexer', 'type': 'processor', 'parallelism': 3,"
            + " 'serviceTime': 'uniform(1ms,20ms)'},"
            + "{'id': 'index', 'type': 'search-index'}],"
            + "'connections': [{'from': 'users', 'to': 'db'}, {'from': 'db', 'to': 'changes'},"
            + " {'from': 'changes', 'to': 'indexer'}, {'from': 'indexer', 'to': 'index'}]";
    SimulationResult s = run(spec(spread));
    assertTrue(count(s, AnomalyKind.OUT_OF_ORDER) > 0);
    for (Finding f : s.findings().of(AnomalyKind.OUT_OF_ORDER)) {
      assertEquals("index", f.components().get(0), f.explanation());
      assertTrue(f.explanation().contains("although `db` committed"), f.explanation());
      assertTrue(f.components().contains("changes"), f.components().toString());
    }
  }

  @Test
  void aLoadBalancedQueueWithRedeliveryReordersAndIsNamed() {
    String body =
        "'seed': 11, 'duration': '20s', 'components': ["
            + "{'id': 'updates', 'type': 'producer', 'rate': '60/s', 'keys': {'count': 10}},"
            + "{'id': 'jobs', 'type': 'queue', 'ackTimeout': '200ms'},"
            + "{'id': 'worker', 'type': 'processor', 'parallelism': 4,"
            + " 'serviceTime': 'lognormal(10ms,300ms)'},"
            + "{'id': 'status', 'type': 'materialized-view'}],"
            + "'connections': [{'from': 'updates', 'to': 'jobs'}, {'from': 'jobs', 'to': 'worker'},"
            + " {'from': 'worker', 'to': 'status'}]";
    SimulationResult r = run(spec(body));
    assertTrue(count(r, AnomalyKind.OUT_OF_ORDER) > 0);
    boolean redelivery = false;
    for (Finding f : r.findings().of(AnomalyKind.OUT_OF_ORDER)) {
      assertTrue(f.components().contains("jobs"), f.components().toString());
      redelivery |= f.explanation().contains("redelivered");
    }
    assertTrue(redelivery, "some finding names the redelivery");
  }

  // ---------------------------------------------------------------- DUPLICATE_EFFECT

  private static String crashReplay(String operation, String writeMode, String limit) {
    return crashReplay(operation, writeMode, limit, "7.5s");
  }

  private static String crashReplay(
      String operation, String writeMode, String limit, String crashAt) {
    return "'seed': 9, 'duration': '12s', 'components': ["
        + "{'id': 'views', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 20},"
        + " 'operation': '"
        + operation
        + "'"
        + limit
        + "},"
        + "{'id': 'view-events', 'type': 'topic', 'partitions': 3},"
        + "{'id': 'counts', 'type': 'materialized-view', 'writeMode': '"
        + writeMode
        + "'}],"
        + "'connections': [{'from': 'views', 'to': 'view-events'},"
        + "{'from': 'view-events', 'to': 'counts', 'consumer': {'commit': 'auto',"
        + " 'autoCommitInterval': '5s'}}],"
        + "'faults': [{'type': 'crash', 'component': 'counts', 'at': '"
        + crashAt
        + "', 'restartAfter': '1s'}]";
  }

  @Test
  void aCrashedConsumerReplaysIncrementsUnlessTheSinkIsVersionChecked() {
    SimulationResult broken = run(spec(crashReplay("increment", "last-arrival-wins", "")));
    assertTrue(count(broken, AnomalyKind.DUPLICATE_EFFECT) > 0);
    Finding f = first(broken, AnomalyKind.DUPLICATE_EFFECT);
    assertEquals("counts", f.components().get(0));
    assertEquals(1, f.events().size());
    assertTrue(f.explanation().contains("crashed at 7.500 s"), f.explanation());
    assertTrue(f.explanation().contains("every 5s"), f.explanation());
    assertTrue(f.atMicros() >= 8_500_000L, "after the restart");

    SimulationResult fixed = run(spec(crashReplay("increment", "version-checked", "")));
    assertEquals(0, count(fixed, AnomalyKind.DUPLICATE_EFFECT));
  }

  @Test
  void aRepeatedSetOfTheSameValueHasNoSecondEffect() {
    // one event, applied, then replayed after the crash: the value does not change
    // (before the first automatic commit, at 5 s)
    SimulationResult set = run(spec(crashReplay("set", "last-arrival-wins", ", 'limit': 1", "3s")));
    assertEquals(2, set.trace().count(StepKind.APPLY));
    assertEquals(0, count(set, AnomalyKind.DUPLICATE_EFFECT));
    SimulationResult increment =
        run(spec(crashReplay("increment", "last-arrival-wins", ", 'limit': 1", "3s")));
    assertEquals(1, count(increment, AnomalyKind.DUPLICATE_EFFECT));
  }

  private static String retries(String producer, String operator) {
    return "'seed': 4, 'duration': '10s', 'components': ["
        + "{'id': 'payments', 'type': 'producer', 'rate': '50/s', 'keys': {'count': 20},"
        + " 'operation': 'transfer', 'retry': {'timeout': '100ms', 'maxAttempts': 3}"
        + producer
        + "},"
        + "{'id': 'requests', 'type': 'topic'},"
        + "{'id': 'ledger', 'type': 'processor', 'operator': "
        + operator
        + "},"
        + "{'id': 'balances', 'type': 'materialized-view'}],"
        + "'connections': [{'from': 'payments', 'to': 'requests', 'latency':"
        + " 'lognormal(20ms,400ms)'}, {'from': 'requests', 'to': 'ledger'},"
        + " {'from': 'ledger', 'to': 'balances'}]";
  }

  @Test
  void producerRetriesDuplicateTransfersUnlessRequestIdsAreDeduplicated() {
    SimulationResult broken = run(spec(retries("", "{'type': 'map'}")));
    assertTrue(count(broken, AnomalyKind.DUPLICATE_EFFECT) > 0);
    Finding f = first(broken, AnomalyKind.DUPLICATE_EFFECT);
    assertTrue(f.components().contains("payments"), f.components().toString());
    assertTrue(f.explanation().contains("retry timeout"), f.explanation());
    assertTrue(f.explanation().contains("without request ids"), f.explanation());

    SimulationResult fixed = run(spec(retries(", 'requestIds': true", "{'type': 'dedupe'}")));
    assertEquals(0, count(fixed, AnomalyKind.DUPLICATE_EFFECT));
    assertEquals(0, count(fixed, AnomalyKind.MESSAGE_LOSS), "deduplicated copies are not lost");
  }

  private static String processorCrash(String guard) {
    return "'seed': 10, 'duration': '12s', 'components': ["
        + "{'id': 'views', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 20},"
        + " 'operation': 'increment', 'requestIds': true},"
        + "{'id': 'requests', 'type': 'topic', 'partitions': 2},"
        + "{'id': 'counter', 'type': 'processor', 'parallelism': 2},"
        + "{'id': 'counted', 'type': 'topic', 'partitions': 2},"
        + "{'id': 'guard', 'type': 'processor', 'operator': {'type': '"
        + guard
        + "'}},"
        + "{'id': 'counts', 'type': 'materialized-view'}],"
        + "'connections': [{'from': 'views', 'to': 'requests'},"
        + " {'from': 'requests', 'to': 'counter', 'consumer': {'commit': 'auto'}},"
        + " {'from': 'counter', 'to': 'counted'}, {'from': 'counted', 'to': 'guard'},"
        + " {'from': 'guard', 'to': 'counts'}],"
        + "'faults': [{'type': 'crash', 'component': 'counter', 'at': '7.5s',"
        + " 'restartAfter': '1s'}]";
  }

  @Test
  void aCrashedConsumerReplaysIntoTheStoreUnlessADedupeDownstreamDropsTheCopies() {
    SimulationResult broken = run(spec(processorCrash("map")));
    assertTrue(count(broken, AnomalyKind.DUPLICATE_EFFECT) > 0);
    Finding f = first(broken, AnomalyKind.DUPLICATE_EFFECT);
    assertTrue(f.components().contains("counter"), f.components().toString());
    assertTrue(f.explanation().contains("`counter` crashed at 7.500 s"), f.explanation());
    assertTrue(f.explanation().contains("passed on"), f.explanation());

    SimulationResult fixed = run(spec(processorCrash("dedupe")));
    assertEquals(0, count(fixed, AnomalyKind.DUPLICATE_EFFECT));
    assertEquals(0, count(fixed, AnomalyKind.MESSAGE_LOSS), "dropped copies are not lost");
  }

  // ---------------------------------------------------------------- MESSAGE_LOSS

  private static String slowConsumer(String retention) {
    return "'seed': 2, 'duration': '20s', 'components': ["
        + "{'id': 'clicks', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 100}},"
        + "{'id': 'stream', 'type': 'topic'"
        + retention
        + "},"
        + "{'id': 'enricher', 'type': 'processor', 'operator': {'type': 'enrich'},"
        + " 'serviceTime': '8ms'},"
        + "{'id': 'warehouse', 'type': 'warehouse'}],"
        + "'connections': [{'from': 'clicks', 'to': 'stream'}, {'from': 'stream', 'to': 'enricher'},"
        + " {'from': 'enricher', 'to': 'warehouse'}]";
  }

  @Test
  void aConsumerBehindRetentionLosesMessagesAndWithoutRetentionNone() {
    SimulationResult broken = run(spec(slowConsumer(", 'retention': {'time': '2s'}")));
    assertTrue(count(broken, AnomalyKind.MESSAGE_LOSS) > 0);
    Finding f = first(broken, AnomalyKind.MESSAGE_LOSS);
    assertEquals(List.of("warehouse", "stream", "enricher"), f.components());
    assertTrue(f.explanation().contains("retention"), f.explanation());
    assertTrue(f.fix().contains("lag"), f.fix());

    SimulationResult fixed = run(spec(slowConsumer("")));
    assertTrue(fixed.drained());
    assertEquals(0, count(fixed, AnomalyKind.MESSAGE_LOSS));
  }

  private static String queueCrash(String durability) {
    return "'seed': 6, 'duration': '10s', 'components': ["
        + "{'id': 'orders', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 50}},"
        + "{'id': 'inbox', 'type': 'queue', 'durability': '"
        + durability
        + "', 'prefetch': 5},"
        + "{'id': 'worker', 'type': 'processor', 'serviceTime': '6ms'},"
        + "{'id': 'orders-view', 'type': 'materialized-view'}],"
        + "'connections': [{'from': 'orders', 'to': 'inbox'}, {'from': 'inbox', 'to': 'worker'},"
        + " {'from': 'worker', 'to': 'orders-view'}],"
        + "'faults': [{'type': 'crash', 'component': 'inbox', 'at': '5s', 'restartAfter': '1s'}]";
  }

  @Test
  void anInMemoryQueueLosesWhatItHeldInACrashAndAPersistentOneDoesNot() {
    SimulationResult broken = run(spec(queueCrash("in-memory")));
    assertTrue(count(broken, AnomalyKind.MESSAGE_LOSS) > 0);
    Finding f = first(broken, AnomalyKind.MESSAGE_LOSS);
    assertTrue(f.components().contains("inbox"), f.components().toString());
    assertTrue(f.explanation().contains("in-memory"), f.explanation());
    assertEquals(5_000_000L, f.atMicros());

    SimulationResult fixed = run(spec(queueCrash("persistent")));
    assertEquals(0, count(fixed, AnomalyKind.MESSAGE_LOSS));
  }

  private static String commitPolicy(String commit) {
    return "'seed': 8, 'duration': '10s', 'components': ["
        + "{'id': 'events', 'type': 'producer', 'rate': '200/s', 'keys': {'count': 50},"
        + " 'operation': 'increment'},"
        + "{'id': 'log', 'type': 'topic', 'partitions': 2},"
        + "{'id': 'totals', 'type': 'materialized-view', 'applyLatency': 'uniform(5ms,50ms)'}],"
        + "'connections': [{'from': 'events', 'to': 'log'},"
        + " {'from': 'log', 'to': 'totals', 'consumer': {'commit': '"
        + commit
        + "'}}],"
        + "'faults': [{'type': 'crash', 'component': 'totals', 'at': '5s', 'restartAfter': '1s'}]";
  }

  @Test
  void committingBeforeProcessingLosesWhatACrashInterruptsAndAfterProcessingDoesNot() {
    SimulationResult broken = run(spec(commitPolicy("before-processing")));
    assertTrue(count(broken, AnomalyKind.MESSAGE_LOSS) > 0);
    Finding f = first(broken, AnomalyKind.MESSAGE_LOSS);
    assertTrue(f.explanation().contains("commits before processing"), f.explanation());
    assertEquals(5_000_000L, f.atMicros());

    SimulationResult fixed = run(spec(commitPolicy("after-processing")));
    assertEquals(0, count(fixed, AnomalyKind.MESSAGE_LOSS));
  }

  @Test
  void aLossyLinkAfterTheBrokerLosesMessagesButAFilterDropsThemOnPurpose() {
    String lossy =
        "'seed': 12, 'duration': '10s', 'components': ["
            + "{'id': 'events', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 50}},"
            + "{'id': 'log', 'type': 'topic'},"
            + "{'id': 'view', 'type': 'materialized-view'}],"
            + "'connections': [{'from': 'events', 'to': 'log'},"
            + " {'from': 'log', 'to': 'view', 'loss': 0.02}]";
    SimulationResult broken = run(spec(lossy));
    assertTrue(count(broken, AnomalyKind.MESSAGE_LOSS) > 0);
    Finding f = first(broken, AnomalyKind.MESSAGE_LOSS);
    assertTrue(f.components().contains("log -> view"), f.components().toString());
    assertTrue(f.explanation().contains("2% loss"), f.explanation());

    String filtered =
        "'seed': 12, 'duration': '10s', 'components': ["
            + "{'id': 'events', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 50}},"
            + "{'id': 'log', 'type': 'topic'},"
            + "{'id': 'keep-half', 'type': 'processor', 'operator': {'type': 'filter',"
            + " 'keep': 0.5}},"
            + "{'id': 'view', 'type': 'materialized-view'}],"
            + "'connections': [{'from': 'events', 'to': 'log'}, {'from': 'log', 'to': 'keep-half'},"
            + " {'from': 'keep-half', 'to': 'view'}]";
    SimulationResult r = run(spec(filtered));
    assertTrue(r.trace().count(StepKind.SKIP) > 0);
    assertEquals(0, count(r, AnomalyKind.MESSAGE_LOSS));
  }

  private static String serviceWrites(String strategy) {
    boolean dual = strategy.equals("dual-write");
    return "'seed': 14, 'duration': '10s', 'components': ["
        + "{'id': 'users', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 50}},"
        + "{'id': 'app', 'type': 'service', 'writeStrategy': '"
        + strategy
        + "', 'failureProbability': 0.05},"
        + "{'id': 'db', 'type': 'database'}"
        + (dual ? ", {'id': 'index', 'type': 'search-index'}" : "")
        + "], 'connections': [{'from': 'users', 'to': 'app'}, {'from': 'app', 'to': 'db'}"
        + (dual ? ", {'from': 'app', 'to': 'index'}" : "")
        + "]";
  }

  @Test
  void aDualWriteGivenUpForOneStoreIsLostThereButAWriteThatNoStoreTookIsNot() {
    SimulationResult dual = run(spec(serviceWrites("dual-write")));
    assertTrue(count(dual, AnomalyKind.MESSAGE_LOSS) > 0);
    for (Finding f : dual.findings().of(AnomalyKind.MESSAGE_LOSS)) {
      assertEquals(List.of("index", "app"), f.components(), f.explanation());
      assertTrue(f.explanation().contains("while its write to `db` had taken effect"));
    }
    // single write: a failed write reaches no store and its requester is not acknowledged
    SimulationResult single = run(spec(serviceWrites("single-write")));
    assertTrue(single.trace().count(StepKind.DROP) > 0);
    assertEquals(0, count(single, AnomalyKind.MESSAGE_LOSS));
  }

  @Test
  void writesToADownDatabaseWereNeverAcceptedAndAreNotLost() {
    // the client is not acknowledged: unavailability it is told about, not a silent loss
    String body =
        "'seed': 1, 'duration': '10s', 'components': ["
            + "{'id': 'orders', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 50}},"
            + "{'id': 'db', 'type': 'database'}],"
            + "'connections': [{'from': 'orders', 'to': 'db'}],"
            + "'faults': [{'type': 'crash', 'component': 'db', 'at': '3s', 'restartAfter': '2s'}]";
    SimulationResult r = run(spec(body));
    assertTrue(r.trace().count(StepKind.DROP) > 0);
    assertEquals(0, count(r, AnomalyKind.MESSAGE_LOSS));
  }

  // ---------------------------------------------------------------- causality and prefix

  private static String causal(boolean oneTopic, boolean reader) {
    String components =
        "{'id': 'friendships', 'type': 'producer', 'rate': '10/s', 'keys': {'count': 20,"
            + " 'prefix': 'pair'}},"
            + "{'id': 'messages', 'type': 'producer', 'rate': '100/s', 'keys': {'count': 20,"
            + " 'prefix': 'pair'}, 'dependsOn': 'friendships'},"
            + (oneTopic
                ? "{'id': 'social', 'type': 'topic', 'partitions': 4},"
                : "{'id': 'friendship-events', 'type': 'topic', 'partitions': 4},"
                    + "{'id': 'message-events', 'type': 'topic', 'partitions': 4},")
            + "{'id': 'delivery', 'type': 'processor', 'parallelism': 4},"
            + "{'id': 'inboxes', 'type': 'materialized-view'}"
            + (reader
                ? ", {'id': 'inbox-page', 'type': 'reader', 'rate': '400/s', 'keys': {'count': 20,"
                    + " 'prefix': 'pair'}}"
                : "");
    String connections =
        oneTopic
            ? "{'from': 'friendships', 'to': 'social', 'latency': '2ms'},"
                + "{'from': 'messages', 'to': 'social', 'latency': '2ms'},"
                + "{'from': 'social', 'to': 'delivery', 'latency': 'uniform(200ms,2s)'},"
            : "{'from': 'friendships', 'to': 'friendship-events', 'latency': '2ms'},"
                + "{'from': 'messages', 'to': 'message-events', 'latency': '2ms'},"
                + "{'from': 'friendship-events', 'to': 'delivery', 'latency':"
                + " 'uniform(200ms,2s)'},"
                + "{'from': 'message-events', 'to': 'delivery', 'latency': 'uniform(1ms,10ms)'},";
    return "'seed': 21, 'duration': '20s', 'components': ["
        + components
        + "], 'connections': ["
        + connections
        + "{'from': 'delivery', 'to': 'inboxes'}"
        + (reader ? ", {'from': 'inboxes', 'to': 'inbox-page'}" : "")
        + "]";
  }

  @Test
  void aMessageOvertakesTheUnfriendItFollowsOnAFasterTopicButNotInOneKeyedTopic() {
    SimulationResult broken = run(spec(causal(false, false)));
    assertTrue(count(broken, AnomalyKind.CAUSALITY_VIOLATION) > 0);
    Finding f = first(broken, AnomalyKind.CAUSALITY_VIOLATION);
    assertEquals("inboxes", f.components().get(0));
    assertTrue(f.components().contains("friendship-events -> delivery"), f.components().toString());
    assertTrue(f.explanation().contains("different routes"), f.explanation());
    assertTrue(f.explanation().contains("uniform(200ms,2s)"), f.explanation());
    assertEquals(0, count(broken, AnomalyKind.OUT_OF_ORDER), "each route keeps its own order");

    SimulationResult fixed = run(spec(causal(true, false)));
    assertEquals(0, count(fixed, AnomalyKind.CAUSALITY_VIOLATION));
  }

  @Test
  void aReaderSeesAMessageWithoutTheUnfriendItFollowsOnlyWhenTheStoreAppliedThemOutOfOrder() {
    SimulationResult broken = run(spec(causal(false, true)));
    assertTrue(count(broken, AnomalyKind.CONSISTENT_PREFIX_VIOLATION) > 0);
    Finding f = first(broken, AnomalyKind.CONSISTENT_PREFIX_VIOLATION);
    assertEquals(List.of("inbox-page", "inboxes"), f.components());
    assertEquals(2, f.events().size());
    assertTrue(f.explanation().contains("`inbox-page` read"), f.explanation());

    SimulationResult fixed = run(spec(causal(true, true)));
    assertEquals(0, count(fixed, AnomalyKind.CONSISTENT_PREFIX_VIOLATION));
  }

  // ---------------------------------------------------------------- determinism

  @Test
  void findingsAreTheSameInEveryRunOfTheSameSeed() {
    Pipeline p = spec(causal(false, true));
    SimulationResult a = Runs.run(p);
    SimulationResult b = Runs.run(p);
    assertEquals(a.findings().all(), b.findings().all());
    assertEquals(a.findings().counts(), b.findings().counts());
  }
}
