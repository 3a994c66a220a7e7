package dev.flowsim.simulator.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.Trace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The teaching scenarios (examples/) against the flow checkers, over five seeds: each broken spec
 * of an ordering, duplicate, loss or causality scenario shows its anomaly and its fixed twin does
 * not; no fixed spec shows any flow integrity anomaly; every finding's witness holds in the trace.
 */
class FlowScenariosTest {
  static final long[] SEEDS = {42, 1, 2, 3, 4};

  static final List<AnomalyKind> INTEGRITY =
      List.of(
          AnomalyKind.DUPLICATE_EFFECT,
          AnomalyKind.MESSAGE_LOSS,
          AnomalyKind.OUT_OF_ORDER,
          AnomalyKind.CAUSALITY_VIOLATION);

  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("02-queue-redelivery", AnomalyKind.OUT_OF_ORDER),
        Arguments.of("03-unkeyed-partitions", AnomalyKind.OUT_OF_ORDER),
        Arguments.of("04-slow-consumer-retention", AnomalyKind.MESSAGE_LOSS),
        Arguments.of("05-consumer-crash-duplicates", AnomalyKind.DUPLICATE_EFFECT),
        Arguments.of("12-money-transfer", AnomalyKind.DUPLICATE_EFFECT),
        Arguments.of("09-unfriend-then-message", AnomalyKind.CAUSALITY_VIOLATION));
  }

  static List<Path> fixedExamples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
      List<Path> fixed = files.filter(f -> f.toString().endsWith(".fixed.json")).sorted().toList();
      assertEquals(12, fixed.size(), "the 12 fixed scenarios are in ../examples");
      return fixed;
    }
  }

  static SimulationResult run(Path file, long seed) throws Exception {
    Pipeline p = SpecReader.read(file);
    return Simulation.run(
        p, Simulation.Options.of(p).withSeed(seed).withTraceLimit(Trace.UNBOUNDED));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("pairs")
  void theBrokenSpecShowsItsAnomalyAndTheFixedOneDoesNot(String name, AnomalyKind kind)
      throws Exception {
    for (long seed : SEEDS) {
      SimulationResult broken = run(Path.of("..", "examples", name + ".broken.json"), seed);
      assertTrue(broken.drained(), name + " drains, seed " + seed);
      assertTrue(broken.findings().count(kind) > 0, name + ".broken: " + kind + ", seed " + seed);
      assertTrue(FlowWitness.verify(broken) > 0, "witnesses verified, seed " + seed);
      SimulationResult fixed = run(Path.of("..", "examples", name + ".fixed.json"), seed);
      assertEquals(
          0,
          fixed.findings().count(kind),
          name + ".fixed, seed " + seed + ": " + first(fixed, kind));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixedExamples")
  void aFixedSpecShowsNoFlowIntegrityAnomaly(Path file) throws Exception {
    for (long seed : SEEDS) {
      SimulationResult r = run(file, seed);
      for (AnomalyKind kind : INTEGRITY) {
        assertEquals(
            0,
            r.findings().count(kind),
            file.getFileName() + ", seed " + seed + ": " + kind + " " + first(r, kind));
      }
    }
  }

  private static List<String> first(SimulationResult r, AnomalyKind kind) {
    List<String> out = new ArrayList<>();
    for (Finding f : r.findings().of(kind)) {
      if (out.size() == 3) {
        break;
      }
      out.add(f.explanation());
    }
    return out;
  }
}
