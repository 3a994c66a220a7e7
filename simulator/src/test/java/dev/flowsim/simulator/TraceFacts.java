package dev.flowsim.simulator;

import dev.flowsim.model.Component;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Validator;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.node.Nodes;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Test helpers over a run's trace, beyond {@link Runs}: which link a SEND, DELIVER or DROP step
 * happened on, the final value of every key in a store, and runs of a world whose nodes a test may
 * replace (a scripted client) or whose spec the validator does not accept yet.
 */
public final class TraceFacts {
  private TraceFacts() {}

  /** The label ({@code from -> to}) of the link a SEND, DELIVER or link DROP step happened on. */
  public static String link(SimulationResult r, Step s) {
    if (s.oldValue() == TraceStep.NO_VALUE) {
      return null; // a drop that is not a link's (a service's failed write)
    }
    return r.trace().components().name((int) s.oldValue());
  }

  /** The SEND, DELIVER and DROP steps of the link {@code label}, in trace order. */
  public static List<Step> onLink(SimulationResult r, List<Step> all, String label) {
    return all.stream()
        .filter(
            s ->
                (s.kind() == StepKind.SEND
                        || s.kind() == StepKind.DELIVER
                        || s.kind() == StepKind.DROP)
                    && label.equals(link(r, s)))
        .toList();
  }

  /** The steps of {@code component} of {@code kind}, in trace order. */
  public static List<Step> of(List<Step> all, String component, StepKind kind) {
    return all.stream().filter(s -> s.component().equals(component) && s.kind() == kind).toList();
  }

  /**
   * The value each key ends with in a store: the value of the last APPLY step of the key by {@code
   * component} (for a database, its leader's commits; a store's SKIP steps change nothing).
   */
  public static Map<String, Long> finalValues(List<Step> all, String component) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (Step s : all) {
      if (s.kind() == StepKind.APPLY && s.component().equals(component)) {
        values.put(s.key(), s.value());
      }
    }
    return values;
  }

  /** Runs a valid pipeline through {@link World} with the given node factory. */
  public static SimulationResult runWorld(
      Pipeline p, long seed, BiFunction<World, Component, Node> factory) {
    List<Diagnostic> errors = Validator.validate(p);
    if (!errors.isEmpty()) {
      throw new AssertionError("invalid fixture: " + errors);
    }
    return runUnchecked(p, seed, factory);
  }

  /**
   * Runs a pipeline through {@link World} without validating it first (for mechanics the spec
   * validator does not accept yet), as {@link Simulation#run} does: produce for the duration, then
   * drain for at most 60 s.
   */
  public static SimulationResult runUnchecked(
      Pipeline p, long seed, BiFunction<World, Component, Node> factory) {
    return Simulation.runUnvalidated(p, Simulation.Options.of(p).withSeed(seed), factory);
  }

  /** {@link #runUnchecked(Pipeline, long, BiFunction)} with the simulator's own nodes. */
  public static SimulationResult runUnchecked(Pipeline p, long seed) {
    return runUnchecked(p, seed, Nodes::create);
  }

  /** How often each value occurs. */
  public static <T> Map<T, Integer> counts(List<T> values) {
    Map<T, Integer> m = new HashMap<>();
    for (T v : values) {
      m.merge(v, 1, Integer::sum);
    }
    return m;
  }
}
