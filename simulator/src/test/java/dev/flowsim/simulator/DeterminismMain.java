package dev.flowsim.simulator;

/**
 * Runs {@link SimulationDeterminismTest#RICH} with the seed given as the argument and prints the
 * trace hash: the test launches it in a second JVM and compares the hash with its own run's.
 */
public final class DeterminismMain {
  private DeterminismMain() {}

  public static void main(String[] args) throws Exception {
    long seed = Long.parseLong(args[0]);
    SimulationResult r =
        Simulation.run(
            Runs.spec(SimulationDeterminismTest.RICH),
            Simulation.Options.of(Runs.spec(SimulationDeterminismTest.RICH)).withSeed(seed));
    System.out.println(r.traceHash());
  }
}
