package dev.flowsim.simulator.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Runs;
import dev.flowsim.simulator.SimulationResult;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The teaching scenarios over five seeds: each broken variant shows the state anomaly it is about,
 * its fixed variant does not, no fixed variant shows any integrity anomaly of the state checkers,
 * and every finding's witnesses are in the trace in the relation the finding claims.
 */
class StateScenariosTest {
  static final long[] SEEDS = {42, 1, 2, 3, 4};

  private static final List<AnomalyKind> INTEGRITY =
      List.of(
          AnomalyKind.DIVERGENCE,
          AnomalyKind.LOST_WRITE,
          AnomalyKind.CONSTRAINT_VIOLATION,
          AnomalyKind.LATE_EVENT);

  static Stream<Arguments> pairs() {
    return Stream.of(
            Arguments.of("01-dual-write", List.of(AnomalyKind.DIVERGENCE)),
            Arguments.of(
                "06-follower-reads",
                List.of(
                    AnomalyKind.READ_YOUR_WRITES_VIOLATION, AnomalyKind.MONOTONIC_READ_VIOLATION)),
            Arguments.of("07-failover-lost-writes", List.of(AnomalyKind.LOST_WRITE)),
            Arguments.of("08-late-events", List.of(AnomalyKind.LATE_EVENT)),
            Arguments.of("10-username-claims", List.of(AnomalyKind.CONSTRAINT_VIOLATION)),
            Arguments.of("11-stream-table-join", List.of(AnomalyKind.STALE_READ)))
        .flatMap(
            a -> {
              Object[] args = a.get();
              return java.util.Arrays.stream(SEEDS)
                  .mapToObj(s -> Arguments.of(args[0], args[1], s));
            });
  }

  static Stream<Arguments> fixed() {
    return Stream.of(
            "01-dual-write",
            "02-queue-redelivery",
            "03-unkeyed-partitions",
            "04-slow-consumer-retention",
            "05-consumer-crash-duplicates",
            "06-follower-reads",
            "07-failover-lost-writes",
            "08-late-events",
            "09-unfriend-then-message",
            "10-username-claims",
            "11-stream-table-join",
            "12-money-transfer")
        .flatMap(n -> java.util.Arrays.stream(SEEDS).mapToObj(s -> Arguments.of(n, s)));
  }

  private static SimulationResult run(String file, long seed) throws Exception {
    Pipeline p = SpecReader.read(Path.of("..", "examples", file + ".json"));
    return Runs.run(p, seed);
  }

  @ParameterizedTest(name = "{0} seed {2}")
  @MethodSource("pairs")
  void brokenShowsItFixedDoesNot(String scenario, List<AnomalyKind> kinds, long seed)
      throws Exception {
    SimulationResult broken = run(scenario + ".broken", seed);
    SimulationResult fixed = run(scenario + ".fixed", seed);
    for (AnomalyKind k : kinds) {
      assertTrue(
          broken.findings().count(k) > 0,
          scenario + " broken, seed " + seed + ": " + k + " in " + broken.findings().counts());
      assertEquals(
          0,
          fixed.findings().count(k),
          scenario + " fixed, seed " + seed + ": " + k + " in " + fixed.findings().counts());
    }
    assertTrue(StateWitnesses.verify(broken) > 0);
    StateWitnesses.verify(fixed);
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("fixed")
  void fixedScenariosKeepIntegrity(String scenario, long seed) throws Exception {
    SimulationResult fixed = run(scenario + ".fixed", seed);
    for (AnomalyKind k : INTEGRITY) {
      assertEquals(
          0,
          fixed.findings().count(k),
          scenario + " fixed, seed " + seed + ": " + fixed.findings().of(k));
    }
    StateWitnesses.verify(fixed);
  }
}
