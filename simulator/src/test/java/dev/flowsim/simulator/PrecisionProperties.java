package dev.flowsim.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.check.AnomalyKind;
import dev.flowsim.simulator.check.FlowWitness;
import dev.flowsim.simulator.check.StateWitnesses;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The checkers' precision. Well-behaved pipelines — one partition or key partitioning, FIFO links,
 * constant service times, no faults, synchronous replication, version-checked sinks — never report
 * an integrity anomaly. And on random pipelines with faults (loss, duplication, reordering,
 * partitions, crashes), every finding's witness is re-verified against the trace.
 */
class PrecisionProperties {

  private static final long QT_SEED = 0x9ec1_5100L;

  /** A random well-behaved pipeline. */
  static Pipeline wellBehaved(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> components = new ArrayList<>();
    List<String> connections = new ArrayList<>();
    components.add(
        "{'id': 'p', 'type': 'producer', 'rate': '"
            + (50 + r.nextInt(400))
            + "/s', 'keys': {'count': "
            + (1 + r.nextInt(30))
            + ", 'distribution': '"
            + (r.nextBoolean() ? "uniform" : "zipf")
            + "'}}");
    String latency =
        "'latency': 'uniform(" + (1 + r.nextInt(5)) + "ms," + (6 + r.nextInt(30)) + "ms)'";
    switch (r.nextInt(3)) {
      case 0 -> {
        int partitions = 1 + r.nextInt(4);
        components.add(
            "{'id': 't', 'type': 'topic', 'partitions': "
                + partitions
                + ", 'partitioner': 'key-hash'}");
        components.add(
            "{'id': 'proc', 'type': 'processor', 'parallelism': "
                + (1 + r.nextInt(3))
                + ", 'serviceTime': '"
                + (1 + r.nextInt(3))
                + "ms'}");
        components.add(
            "{'id': 'view', 'type': 'materialized-view', 'writeMode': 'version-checked'}");
        connections.add("{'from': 'p', 'to': 't', " + latency + "}");
        connections.add("{'from': 't', 'to': 'proc', " + latency + "}");
        connections.add("{'from': 'proc', 'to': 'view', " + latency + "}");
      }
      case 1 -> {
        int followers = r.nextInt(3);
        components.add("{'id': 'app', 'type': 'service', 'serviceTime': '2ms'}");
        components.add(
            "{'id': 'db', 'type': 'database', 'followers': "
                + followers
                + (followers > 0 ? ", 'replication': 'sync'" : "")
                + "}");
        components.add("{'id': 'cdc', 'type': 'topic', 'partitions': " + (1 + r.nextInt(3)) + "}");
        components.add("{'id': 'index', 'type': 'search-index', 'writeMode': 'version-checked'}");
        components.add("{'id': 'page', 'type': 'reader', 'sameUsersAs': 'p'}");
        connections.add("{'from': 'p', 'to': 'app', " + latency + "}");
        connections.add("{'from': 'app', 'to': 'db', " + latency + "}");
        connections.add("{'from': 'db', 'to': 'cdc', " + latency + "}");
        connections.add("{'from': 'cdc', 'to': 'index', " + latency + "}");
        connections.add("{'from': 'db', 'to': 'page', " + latency + "}");
      }
      default -> {
        int followers = 1 + r.nextInt(2);
        components.add(
            "{'id': 'db', 'type': 'database', 'followers': "
                + followers
                + ", 'replication': 'sync'}");
        components.add(
            "{'id': 'page', 'type': 'reader', 'sameUsersAs': 'p', 'routing': '"
                + (r.nextBoolean() ? "leader" : "wait-for-version")
                + "'}");
        connections.add("{'from': 'p', 'to': 'db', " + latency + "}");
        connections.add("{'from': 'db', 'to': 'page', " + latency + "}");
      }
    }
    return Runs.spec(
        "'seed': "
            + r.nextInt(1000)
            + ", 'duration': '"
            + (2 + r.nextInt(4))
            + "s', 'components': ["
            + String.join(", ", components)
            + "], 'connections': ["
            + String.join(", ", connections)
            + "]");
  }

  @Test
  void wellBehavedPipelinesReportNoIntegrityAnomaly() {
    qt().withFixedSeed(QT_SEED)
        .withExamples(80)
        .forAll(longs().all().map(PrecisionProperties::wellBehaved))
        .checkAssert(
            p -> {
              SimulationResult r = Runs.run(p);
              assertTrue(r.drained(), "the run drains");
              for (AnomalyKind k : AnomalyKind.values()) {
                if (k.isIntegrity()) {
                  assertEquals(0, r.findings().count(k), k + ": " + r.findings().of(k));
                }
              }
            });
  }

  @Test
  void everyFindingOnFaultyPipelinesIsBorneOutByTheTrace() {
    qt().withFixedSeed(QT_SEED)
        .withExamples(80)
        .forAll(longs().all().map(MechanicsProperties::generate))
        .checkAssert(
            c -> {
              SimulationResult r = Runs.run(c.pipeline());
              long kept = r.findings().all().size();
              int verified = FlowWitness.verify(r) + StateWitnesses.verify(r);
              long expected =
                  r.findings().all().stream()
                      .filter(
                          f ->
                              f.kind() != AnomalyKind.REPLICATION_LAG
                                  && f.kind() != AnomalyKind.LATE_EVENT)
                      .count();
              assertTrue(verified >= expected, "every finding was re-verified: " + kept);
            });
  }
}
