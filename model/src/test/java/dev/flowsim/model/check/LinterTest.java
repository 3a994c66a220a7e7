package dev.flowsim.model.check;

import static dev.flowsim.model.check.Specs.codes;
import static dev.flowsim.model.check.Specs.describe;
import static dev.flowsim.model.check.Specs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowsim.model.Pipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinterTest {

  private static List<String> lint(String body) {
    Pipeline p = spec(body);
    List<Diagnostic> errors = Validator.validate(p);
    assertEquals(List.of(), errors, describe(errors));
    return codes(Linter.lint(p));
  }

  private static final String DUAL_WRITE =
      "'components': [{'id': 'users', 'type': 'producer'},"
          + " {'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write'},"
          + " {'id': 'db', 'type': 'database'}, {'id': 'index', 'type': 'search-index'}],"
          + " 'connections': [{'from': 'users', 'to': 'app'}, {'from': 'app', 'to': 'db'},"
          + " {'from': 'app', 'to': 'index'}]";

  private static final String CDC =
      "'components': [{'id': 'users', 'type': 'producer'},"
          + " {'id': 'app', 'type': 'service', 'writeStrategy': 'single-write'},"
          + " {'id': 'db', 'type': 'database'}, {'id': 'changes', 'type': 'topic'},"
          + " {'id': 'index', 'type': 'search-index'}],"
          + " 'connections': [{'from': 'users', 'to': 'app'}, {'from': 'app', 'to': 'db'},"
          + " {'from': 'db', 'to': 'changes'}, {'from': 'changes', 'to': 'index'}]";

  @Test
  void dualWriteIsNamedAndCdcIsClean() {
    assertEquals(List.of("dual-write"), lint(DUAL_WRITE));
    assertEquals(List.of(), lint(CDC));
    Diagnostic d = Linter.lint(spec(DUAL_WRITE)).get(0);
    assertEquals("app writes db and index itself (dual write)", d.message());
    assertEquals("components[1].writeStrategy", d.path());
    assertEquals(List.of("app", "db", "index"), d.components());
  }

  @Test
  void derivedStoreWithTwoWritersIsADualWrite() {
    String body =
        CDC.replace(
                "{'id': 'index', 'type': 'search-index'}]",
                "{'id': 'index', 'type': 'search-index'}, {'id': 'admin', 'type': 'service',"
                    + " 'writeStrategy': 'single-write'}, {'id': 'ops', 'type': 'producer'},"
                    + " {'id': 'db2', 'type': 'database'}, {'id': 'job', 'type': 'processor'},"
                    + " {'id': 'jobs', 'type': 'topic'}]")
            .replace(
                "{'from': 'changes', 'to': 'index'}]",
                "{'from': 'changes', 'to': 'index'}, {'from': 'ops', 'to': 'jobs'},"
                    + " {'from': 'jobs', 'to': 'job'}, {'from': 'job', 'to': 'index'},"
                    + " {'from': 'ops', 'to': 'admin'}, {'from': 'admin', 'to': 'db2'}]");
    assertEquals(List.of("dual-write"), lint(body));
  }

  private static final String QUEUE =
      "'components': [{'id': 'orders', 'type': 'producer'},"
          + " {'id': 'q', 'type': 'queue'},"
          + " {'id': 'worker', 'type': 'processor', 'parallelism': 3},"
          + " {'id': 'view', 'type': 'materialized-view'}],"
          + " 'connections': [{'from': 'orders', 'to': 'q'}, {'from': 'q', 'to': 'worker'},"
          + " {'from': 'worker', 'to': 'view'}]";

  @Test
  void loadBalancedQueueIntoAnOrderSensitiveStore() {
    assertEquals(List.of("load-balanced-ordering"), lint(QUEUE));
    assertEquals(
        List.of(),
        lint(
            QUEUE.replace(
                "'materialized-view'}", "'materialized-view', 'writeMode': 'version-checked'}")));
    assertEquals(
        List.of(),
        lint(
            QUEUE.replace(
                "{'id': 'q', 'type': 'queue'}",
                "{'id': 'q', 'type': 'queue', 'delivery': 'fan-out'}")));
  }

  @Test
  void multiPartitionTopicWithoutKeys() {
    String body =
        "'components': [{'id': 'p', 'type': 'producer'}, {'id': 't', 'type': 'topic',"
            + " 'partitions': 6, 'partitioner': 'round-robin'}, {'id': 'v', 'type': 'cache'}],"
            + " 'connections': [{'from': 'p', 'to': 't'}, {'from': 't', 'to': 'v'}]";
    assertEquals(List.of("unkeyed-partitioning"), lint(body));
    assertEquals(List.of(), lint(body.replace("round-robin", "key-hash")));
    assertEquals(List.of(), lint(body.replace("'partitions': 6", "'partitions': 1")));
  }

  @Test
  void slowConsumerBehindRetention() {
    String body =
        "'components': [{'id': 'p', 'type': 'producer', 'rate': '500/s'}, {'id': 't', 'type':"
            + " 'topic', 'retention': {'count': 1000}}, {'id': 'c', 'type': 'processor',"
            + " 'serviceTime': 'exp(5ms)'}, {'id': 'v', 'type': 'warehouse'}],"
            + " 'connections': [{'from': 'p', 'to': 't'}, {'from': 't', 'to': 'c'},"
            + " {'from': 'c', 'to': 'v'}]";
    assertEquals(List.of("retention-risk"), lint(body));
    assertEquals(List.of(), lint(body.replace("'serviceTime': 'exp(5ms)'", "'parallelism': 4")));
    assertEquals(List.of(), lint(body.replace("'retention': {'count': 1000}", "'partitions': 1")));
  }

  @Test
  void asyncFollowerReadsAndFailover() {
    String body =
        "'components': [{'id': 'users', 'type': 'producer'}, {'id': 'db', 'type': 'database',"
            + " 'followers': 2}, {'id': 'profile', 'type': 'reader', 'routing':"
            + " 'random-follower', 'sameUsersAs': 'users'}],"
            + " 'connections': [{'from': 'users', 'to': 'db'}, {'from': 'db', 'to': 'profile'}]";
    assertEquals(List.of("async-follower-reads"), lint(body));
    assertEquals(List.of(), lint(body.replace("random-follower", "read-your-writes")));
    String crash = ", 'faults': [{'type': 'crash', 'component': 'db', 'at': '10s'}]";
    assertEquals(
        List.of("async-failover"), lint(body.replace("random-follower", "leader") + crash));
    assertEquals(
        List.of(),
        lint(
            body.replace("random-follower", "leader")
                    .replace("'followers': 2", "'followers': 2, 'replication': 'semi-sync'")
                + crash));
  }

  @Test
  void eventTimeWindowsWithSkewedProducers() {
    String body =
        "'components': [{'id': 'phones', 'type': 'producer', 'clock': {'skew': '-3s'}},"
            + " {'id': 'web', 'type': 'producer'},"
            + " {'id': 't', 'type': 'topic'}, {'id': 'w', 'type': 'processor', 'operator':"
            + " {'type': 'window', 'size': '10s'}}, {'id': 'v', 'type': 'materialized-view'}],"
            + " 'connections': [{'from': 'phones', 'to': 't'}, {'from': 'web', 'to': 't'},"
            + " {'from': 't', 'to': 'w'}, {'from': 'w', 'to': 'v'}]";
    assertEquals(List.of("short-watermark-delay"), lint(body));
    Diagnostic d = Linter.lint(spec(body)).get(0);
    assertEquals(
        "w tolerates 0s of lateness (watermark delay, plus allowed lateness when late events"
            + " correct), but phones can stamp events up to 3s behind the fastest clock (skew,"
            + " drift or time offline)",
        d.message());
    // a delay above the spread of the clocks absorbs it
    assertEquals(
        List.of(), lint(body.replace("'size': '10s'", "'size': '10s', 'watermarkDelay': '4s'")));
    // a delay below it does not
    assertEquals(
        List.of("short-watermark-delay"),
        lint(body.replace("'size': '10s'", "'size': '10s', 'watermarkDelay': '2s'")));
    // allowed lateness helps only when late events correct their window
    String lateness = "'size': '10s', 'watermarkDelay': '2s', 'allowedLateness': '5s'";
    assertEquals(List.of("short-watermark-delay"), lint(body.replace("'size': '10s'", lateness)));
    assertEquals(
        List.of(), lint(body.replace("'size': '10s'", lateness + ", 'latePolicy': 'correction'")));
    // one producer alone is consistent with itself
    String alone =
        body.replace(" {'id': 'web', 'type': 'producer'},", "")
            .replace(" {'from': 'web', 'to': 't'},", "");
    assertEquals(List.of(), lint(alone));
    String offline =
        alone
            + ", 'faults': [{'type': 'offline', 'component': 'phones', 'at': '5s', 'duration':"
            + " '20s'}]";
    assertEquals(List.of("short-watermark-delay"), lint(offline));
  }

  @Test
  void dependentEventsThroughDifferentTopics() {
    String body =
        "'components': [{'id': 'unfriend', 'type': 'producer'}, {'id': 'message', 'type':"
            + " 'producer', 'dependsOn': 'unfriend'}, {'id': 'friends', 'type': 'topic'},"
            + " {'id': 'messages', 'type': 'topic'}, {'id': 'inbox', 'type': 'processor'},"
            + " {'id': 'feed', 'type': 'materialized-view'}],"
            + " 'connections': [{'from': 'unfriend', 'to': 'friends'}, {'from': 'message', 'to':"
            + " 'messages'}, {'from': 'friends', 'to': 'inbox'}, {'from': 'messages', 'to':"
            + " 'inbox'}, {'from': 'inbox', 'to': 'feed'}]";
    assertEquals(List.of("causal-split"), lint(body));
  }

  @Test
  void constraintsNeedASingleOrderingPoint() {
    String body =
        "'components': [{'id': 'eu', 'type': 'producer', 'operation': 'claim'}, {'id': 'us',"
            + " 'type': 'producer', 'operation': 'claim'}, {'id': 'claims', 'type': 'topic',"
            + " 'partitions': 4, 'partitioner': 'key-hash'}, {'id': 'decide', 'type':"
            + " 'processor'}, {'id': 'names', 'type': 'database'}],"
            + " 'connections': [{'from': 'eu', 'to': 'claims'}, {'from': 'us', 'to': 'claims'},"
            + " {'from': 'claims', 'to': 'decide'}, {'from': 'decide', 'to': 'names'}],"
            + " 'constraints': [{'id': 'unique-name', 'type': 'unique', 'store': 'names',"
            + " 'enforcedBy': 'decide'}]";
    assertEquals(List.of(), lint(body));
    assertEquals(
        List.of("unenforced-constraint"), lint(body.replace(", 'enforcedBy': 'decide'", "")));
  }

  @Test
  void nonIdempotentEffectsAndRetries() {
    String body =
        "'components': [{'id': 'clicks', 'type': 'producer', 'operation': 'increment'},"
            + " {'id': 't', 'type': 'topic'}, {'id': 'counter', 'type': 'materialized-view'}],"
            + " 'connections': [{'from': 'clicks', 'to': 't'}, {'from': 't', 'to': 'counter'}]";
    assertEquals(List.of("non-idempotent-redelivery"), lint(body));
    assertEquals(
        List.of(),
        lint(
            body.replace(
                "'materialized-view'}", "'materialized-view', 'writeMode': 'version-checked'}")));
    assertEquals(
        List.of("retries-without-ids"),
        lint(body.replace("'increment'", "'set', 'retry': {'timeout': '200ms'}")));
    assertEquals(
        List.of(),
        lint(
            body.replace(
                "'increment'", "'set', 'requestIds': true, 'retry': {'timeout': '200ms'}")));
  }

  @Test
  void faultsAfterTheEndNeverHappen() {
    String body =
        CDC
            + ", 'duration': '30s', 'faults': [{'type': 'crash', 'component': 'index', 'at': '45s'}]";
    assertEquals(List.of("fault-after-end"), lint(body));
  }

  @Test
  void everyWarningCarriesWhyAndFixAndACodeFromTheList() {
    for (String body : List.of(DUAL_WRITE, QUEUE)) {
      for (Diagnostic d : Linter.lint(spec(body))) {
        assertEquals(Diagnostic.Severity.WARNING, d.severity());
        assertEquals(true, Linter.CODES.contains(d.code()), d.code());
        assertEquals(false, d.why().isEmpty());
        assertEquals(false, d.fix().isEmpty());
      }
    }
  }

  @Test
  void lineageFollowsTheChangeStream() {
    assertEquals(
        List.of(
            "db <- users via users -> app -> db",
            "index <- users via users -> app -> db -> changes -> index"),
        Lineage.of(spec(CDC)).stream().map(Lineage.Entry::toString).toList());
  }
}
