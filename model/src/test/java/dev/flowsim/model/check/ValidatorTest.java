package dev.flowsim.model.check;

import static dev.flowsim.model.check.Specs.describe;
import static dev.flowsim.model.check.Specs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorTest {

  /** A sound single-write + CDC pipeline that later tests break one thing at a time. */
  private static final String COMPONENTS =
      "'components': ["
          + "{'id': 'users', 'type': 'producer', 'rate': '120/s'},"
          + "{'id': 'app', 'type': 'service'},"
          + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': 'semi-sync'},"
          + "{'id': 'changes', 'type': 'topic', 'partitions': 4},"
          + "{'id': 'index', 'type': 'search-index', 'writeMode': 'version-checked'},"
          + "{'id': 'search', 'type': 'reader', 'routing': 'leader'}]";

  private static final String CONNECTIONS =
      "'connections': ["
          + "{'from': 'users', 'to': 'app'},"
          + "{'from': 'app', 'to': 'db', 'latency': 'uniform(1ms,30ms)'},"
          + "{'from': 'db', 'to': 'changes'},"
          + "{'from': 'changes', 'to': 'index', 'consumer': {'commit': 'after-processing'}},"
          + "{'from': 'index', 'to': 'search'}]";

  private static List<Diagnostic> validate(String body) {
    return Validator.validate(spec(body));
  }

  private static void assertOnly(String body, String code, String path, String message) {
    List<Diagnostic> found = validate(body);
    assertEquals(1, found.size(), describe(found));
    Diagnostic d = found.get(0);
    assertEquals(code, d.code(), describe(found));
    assertEquals(path, d.path(), describe(found));
    assertEquals(message, d.message());
    assertTrue(d.isError());
  }

  @Test
  void soundPipelineHasNoErrors() {
    assertEquals(List.of(), validate(COMPONENTS + "," + CONNECTIONS));
  }

  @Test
  void duplicateIdIsReportedAtTheSecondComponent() {
    String body =
        COMPONENTS.replace("{'id': 'search', 'type': 'reader'", "{'id': 'index', 'type': 'reader'")
            + ","
            + CONNECTIONS.replace("'to': 'search'", "'to': 'index'");
    List<Diagnostic> found = validate(body);
    assertEquals("duplicate-id", found.get(0).code(), describe(found));
    assertEquals("components[5].id", found.get(0).path());
    assertEquals("duplicate id \"index\": components[4] already has it", found.get(0).message());
  }

  @Test
  void danglingConnectionSuggestsTheNearestId() {
    assertOnly(
        COMPONENTS
            + ","
            + CONNECTIONS
                .replace("'to': 'search'", "'to': 'serch'")
                .replace("]", ", {'from': 'index', 'to': 'search'}]"),
        "dangling-id",
        "connections[4].to",
        "to \"serch\" does not exist (did you mean \"search\"?)");
  }

  @Test
  void forbiddenConnectionSaysWhy() {
    List<Diagnostic> found =
        validate(
            COMPONENTS + "," + CONNECTIONS.replace("]", ", {'from': 'users', 'to': 'index'}]"));
    assertEquals(List.of("forbidden-connection"), Specs.codes(found), describe(found));
    assertEquals(
        "users -> index is not allowed: clients do not write derived stores directly: send"
            + " through a service, a processor or a topic",
        found.get(0).message());
    assertEquals(List.of("users", "index"), found.get(0).components());
  }

  @Test
  void databaseToDerivedStoreIsRefusedWithTheCdcAdvice() {
    assertEquals(
        "a database publishes its changes through CDC into a topic: connect the database to a"
            + " topic and the topic to the search-index",
        ConnectionRules.refusal(
                dev.flowsim.model.ComponentKind.DATABASE,
                dev.flowsim.model.ComponentKind.SEARCH_INDEX)
            .orElseThrow());
  }

  @Test
  void missingInputAndOutputAreErrors() {
    String body =
        "'components': [{'id': 'clicks', 'type': 'producer'}, {'id': 'agg', 'type': 'processor'},"
            + " {'id': 'out', 'type': 'topic'}], 'connections': [{'from': 'clicks', 'to': 'out'}]";
    List<Diagnostic> found = validate(body);
    assertEquals(List.of("missing-input", "missing-output"), Specs.codes(found), describe(found));
    assertEquals("components[1]", found.get(0).path());
  }

  @Test
  void cycleIsReportedWithItsPath() {
    String body =
        "'components': [{'id': 'src', 'type': 'producer'}, {'id': 'a', 'type': 'topic'},"
            + " {'id': 'p', 'type': 'processor'}, {'id': 'b', 'type': 'topic'},"
            + " {'id': 'q', 'type': 'processor'}],"
            + " 'connections': [{'from': 'src', 'to': 'a'}, {'from': 'a', 'to': 'p'},"
            + " {'from': 'p', 'to': 'b'}, {'from': 'b', 'to': 'q'}, {'from': 'q', 'to': 'a'}]";
    List<Diagnostic> found = validate(body);
    assertEquals(List.of("cycle"), Specs.codes(found), describe(found));
    assertEquals(
        "the dataflow has a cycle a -> p -> b -> q -> a; events would circulate forever: break it",
        found.get(0).message());
  }

  @Test
  void impossibleParametersAreLocatedAtTheirField() {
    assertOnly(
        COMPONENTS.replace("'partitions': 4", "'partitions': 0") + "," + CONNECTIONS,
        "bad-parameter",
        "components[3].partitions",
        "expected a whole number from 1 to 10000, got 0");
    assertOnly(
        COMPONENTS.replace("'rate': '120/s'", "'rate': '0/s'") + "," + CONNECTIONS,
        "bad-parameter",
        "components[0].rate",
        "expected a rate above 0 and at most 10000000/s, got 0/s");
    assertOnly(
        COMPONENTS + "," + CONNECTIONS.replace("'latency': 'uniform(1ms,30ms)'", "'loss': 1.5"),
        "bad-parameter",
        "connections[1].loss",
        "expected a probability from 0 to 1, got 1.5");
  }

  @Test
  void syncReplicationNeedsAFollower() {
    assertOnly(
        COMPONENTS.replace("'followers': 2, ", "") + "," + CONNECTIONS,
        "bad-parameter",
        "components[2].replication",
        "semi-sync replication needs at least one follower, db has none");
  }

  @Test
  void followerRoutingNeedsADatabaseWithFollowers() {
    assertOnly(
        COMPONENTS.replace("'routing': 'leader'", "'routing': 'sticky-follower'")
            + ","
            + CONNECTIONS,
        "bad-parameter",
        "components[5].routing",
        "routing sticky-follower chooses among database replicas, but index is a search-index");
  }

  @Test
  void writeStrategyMustMatchTheConnections() {
    assertOnly(
        COMPONENTS.replace(
                "{'id': 'app', 'type': 'service'}",
                "{'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write'}")
            + ","
            + CONNECTIONS,
        "bad-parameter",
        "components[1].writeStrategy",
        "a dual-write service writes two stores itself, but app is connected to 1; connect it to"
            + " a database and a derived store");
  }

  @Test
  void faultsMustNameComponentsOfTheRightKind() {
    String faults =
        ", 'faults': [{'type': 'crash', 'component': 'dbb', 'at': '10s'},"
            + " {'type': 'clock', 'component': 'db', 'at': '1s', 'skew': '-2s'},"
            + " {'type': 'partition', 'from': 'users', 'to': 'db', 'at': '5s', 'duration': '2s'}]";
    List<Diagnostic> found = validate(COMPONENTS + "," + CONNECTIONS + faults);
    assertEquals(
        List.of(
            "faults[0].component: component \"dbb\" does not exist (did you mean \"db\"?)",
            "faults[1].component: component \"db\" must be a producer, but it is a database",
            "faults[2]: there is no connection between users and db to cut"),
        found.stream().map(d -> d.path() + ": " + d.message()).toList(),
        describe(found));
  }

  @Test
  void aReplicaCrashNamesAFollowerOfADatabase() {
    String ok = ", 'faults': [{'type': 'crash', 'component': 'db', 'at': '5s', 'replica': 2}]";
    assertEquals(List.of(), validate(COMPONENTS + "," + CONNECTIONS + ok));
    assertOnly(
        COMPONENTS + "," + CONNECTIONS + ok.replace("'replica': 2", "'replica': 3"),
        "bad-parameter",
        "faults[0].replica",
        "expected a follower from 1 to 2, got 3");
    assertOnly(
        COMPONENTS + "," + CONNECTIONS + ok.replace("'db'", "'changes'"),
        "bad-parameter",
        "faults[0].replica",
        "replica applies only to databases; changes is a topic");
  }

  @Test
  void aRewindNamesATopicAndOneOfItsGroups() {
    String ok = ", 'faults': [{'type': 'rewind', 'component': 'changes', 'at': '5s', 'by': '2s'}]";
    assertEquals(List.of(), validate(COMPONENTS + "," + CONNECTIONS + ok));
    assertEquals(
        List.of(),
        validate(COMPONENTS + "," + CONNECTIONS + ok.replace("'at'", "'group': 'index', 'at'")));
    assertOnly(
        COMPONENTS + "," + CONNECTIONS + ok.replace("'at'", "'group': 'indexers', 'at'"),
        "dangling-id",
        "faults[0].group",
        "changes has no consumer group \"indexers\"; its groups: index");
  }

  @Test
  void streamTableJoinMustNameOneOfItsInputs() {
    String body =
        "'components': [{'id': 'orders', 'type': 'producer'}, {'id': 'o', 'type': 'topic'},"
            + " {'id': 'customers', 'type': 'producer'}, {'id': 'c', 'type': 'topic',"
            + " 'compaction': true}, {'id': 'j', 'type': 'processor', 'operator': {'type':"
            + " 'join', 'table': 'customers'}}, {'id': 'view', 'type': 'materialized-view'}],"
            + " 'connections': [{'from': 'orders', 'to': 'o'}, {'from': 'customers', 'to': 'c'},"
            + " {'from': 'o', 'to': 'j'}, {'from': 'c', 'to': 'j'}, {'from': 'j', 'to': 'view'}]";
    assertOnly(
        body,
        "bad-parameter",
        "components[4].operator.table",
        "the table \"customers\" is not an input of j");
    assertEquals(List.of(), validate(body.replace("'table': 'customers'", "'table': 'c'")));
  }

  @Test
  void errorsAreLocatedInTheSourceFile() throws Exception {
    String json =
        "{\n  \"flowsim\": 1,\n  \"components\": [\n    {\"id\": \"p\", \"type\": \"producer\"},\n"
            + "    {\"id\": \"t\", \"type\": \"topic\", \"partitions\": 0}\n  ],\n"
            + "  \"connections\": [{\"from\": \"p\", \"to\": \"t\"}]\n}\n";
    var loaded = dev.flowsim.model.json.SpecReader.parse("spec.json", json);
    List<Diagnostic> found = SpecCheck.check(loaded);
    assertEquals(
        List.of(
            "spec.json:5:48: error: components[1].partitions: expected a whole number from 1 to"
                + " 10000, got 0"),
        found.stream().map(Diagnostic::headline).filter(h -> h.contains("error")).toList());
  }

  @Test
  void emptyPipelineIsValid() {
    assertEquals(List.of(), Validator.validate(Pipeline.empty()));
  }
}
