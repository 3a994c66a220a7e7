package dev.flowsim.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.trace.StepKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled scenario runs, drains, produces events, and runs the same way twice. */
class ExamplesRunTest {

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
      List<Path> all = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertTrue(all.size() >= 24, "the 12 scenario pairs are in ../examples");
      return all;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void runsDrainsAndRepeats(Path file) throws Exception {
    Pipeline p = SpecReader.read(file);
    SimulationResult first = Simulation.run(p);
    assertTrue(first.drained(), "the run drains after its duration");
    assertTrue(first.events() > 0);
    assertTrue(first.trace().count(StepKind.PRODUCE) > 0);
    assertEquals(first.traceHash(), Simulation.run(p).traceHash());
  }
}
