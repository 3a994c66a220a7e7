package dev.flowsim.simulator;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.Trace;
import dev.flowsim.simulator.trace.TraceCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Test helpers: specs from JSON text ({@code '} for {@code "}) and queries over a run's trace. */
public final class Runs {
  private Runs() {}

  /** One recorded step, copied out of the trace for assertions. */
  public record Step(
      long time,
      String component,
      StepKind kind,
      long event,
      String key,
      int partition,
      long offset,
      long value,
      long oldValue,
      long clock) {}

  public static Pipeline spec(String body) {
    String json = "{\"flowsim\": 1, " + body.replace('\'', '"') + "}";
    try {
      return SpecReader.parse("test.json", json).pipeline();
    } catch (SpecException e) {
      throw new AssertionError("fixture does not parse: " + e.diagnostics(), e);
    }
  }

  public static SimulationResult run(Pipeline p) {
    try {
      return Simulation.run(p);
    } catch (SimulationException e) {
      throw new AssertionError("cannot simulate: " + e.diagnostics(), e);
    }
  }

  public static SimulationResult run(Pipeline p, long seed) {
    try {
      return Simulation.run(p, Simulation.Options.of(p).withSeed(seed));
    } catch (SimulationException e) {
      throw new AssertionError("cannot simulate: " + e.diagnostics(), e);
    }
  }

  /** Every stored step, in order. */
  public static List<Step> steps(SimulationResult r) {
    Trace t = r.trace();
    List<Step> out = new ArrayList<>();
    TraceCursor c = t.cursor();
    while (c.next()) {
      out.add(
          new Step(
              c.timeMicros(),
              t.components().name(c.component()),
              c.kind(),
              c.eventId(),
              c.key() < 0 ? null : t.keys().name(c.key()),
              c.partition(),
              c.offset(),
              c.value(),
              c.oldValue(),
              c.clock()));
    }
    return out;
  }

  public static List<Step> steps(SimulationResult r, String component, StepKind kind) {
    return steps(r).stream()
        .filter(s -> s.component().equals(component) && s.kind() == kind)
        .toList();
  }

  public static List<Step> where(List<Step> steps, Predicate<Step> p) {
    return steps.stream().filter(p).toList();
  }
}
