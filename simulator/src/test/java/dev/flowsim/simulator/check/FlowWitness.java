package dev.flowsim.simulator.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Component;
import dev.flowsim.model.Database;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Producer;
import dev.flowsim.simulator.Runs;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-verifies every finding of the flow checkers against the trace alone: the witness events exist
 * and stand in the claimed relation (applied in the claimed order, applied twice, never reached,
 * applied before the cause, read without the cause). Independent of the checkers' own state.
 */
public final class FlowWitness {
  private final Pipeline pipeline;

  /** PRODUCE step per event. */
  private final Map<Long, Step> produced = new HashMap<>();

  /** Positions (in trace order) of APPLY steps per "store/event". */
  private final Map<String, List<Integer>> applies = new HashMap<>();

  /** Positions of SKIP steps per "store/event". */
  private final Map<String, List<Integer>> skips = new HashMap<>();

  /** Positions of APPLY and REPLICATE per "store/replica/event". */
  private final Map<String, List<Integer>> visible = new HashMap<>();

  /** Position of each event's first APPLY at any database (its commit order). */
  private final Map<Long, Integer> committed = new HashMap<>();

  private final List<Step> steps;

  private FlowWitness(SimulationResult result) {
    this.pipeline = result.pipeline();
    this.steps = Runs.steps(result);
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      switch (s.kind()) {
        case PRODUCE -> produced.putIfAbsent(s.event(), s);
        case APPLY -> {
          applies.computeIfAbsent(s.component() + "/" + s.event(), k -> new ArrayList<>()).add(i);
          int replica = s.partition() < 0 ? 0 : s.partition();
          visible
              .computeIfAbsent(
                  s.component() + "/" + replica + "/" + s.event(), k -> new ArrayList<>())
              .add(i);
          if (isDatabase(s.component())) {
            committed.putIfAbsent(s.event(), i);
          }
        }
        case REPLICATE ->
            visible
                .computeIfAbsent(
                    s.component() + "/" + s.partition() + "/" + s.event(), k -> new ArrayList<>())
                .add(i);
        case SKIP ->
            skips.computeIfAbsent(s.component() + "/" + s.event(), k -> new ArrayList<>()).add(i);
        default -> {}
      }
    }
  }

  /** Verifies every kept finding of the five flow kinds; returns how many were verified. */
  public static int verify(SimulationResult result) {
    FlowWitness w = new FlowWitness(result);
    int n = 0;
    for (Finding f : result.findings().all()) {
      switch (f.kind()) {
        case OUT_OF_ORDER -> w.outOfOrder(f);
        case DUPLICATE_EFFECT -> w.duplicate(f);
        case MESSAGE_LOSS -> w.loss(f);
        case CAUSALITY_VIOLATION -> w.causality(f);
        case CONSISTENT_PREFIX_VIOLATION -> w.prefix(f);
        default -> {
          continue;
        }
      }
      assertFalse(f.explanation().isBlank(), f.toString());
      assertFalse(f.fix().isBlank(), f.toString());
      assertFalse(f.components().isEmpty(), f.toString());
      n++;
    }
    return n;
  }

  private boolean isDatabase(String id) {
    return pipeline.component(id).orElse(null) instanceof Database;
  }

  private boolean isStore(String id) {
    Component c = pipeline.component(id).orElse(null);
    return c != null && c.kind().isStore();
  }

  private static long id(String event) {
    assertTrue(event.startsWith("e-"), event);
    return Long.parseLong(event.substring(2));
  }

  private List<Integer> at(Map<String, List<Integer>> m, String k) {
    return m.getOrDefault(k, List.of());
  }

  /** The position of the step among {@code positions} that happened at {@code time}. */
  private int stepAt(List<Integer> positions, long time, String what) {
    for (int i : positions) {
      if (steps.get(i).time() == time) {
        return i;
      }
    }
    throw new AssertionError(what + ": no step at " + time + " among " + positions);
  }

  private void outOfOrder(Finding f) {
    String store = f.components().get(0);
    long first = id(f.events().get(0));
    long late = id(f.events().get(1));
    int lateAt = stepAt(at(applies, store + "/" + late), f.atMicros(), f.toString());
    // judged per replica: after a failover the new leader starts from its own history
    int replica = Math.max(0, steps.get(lateAt).partition());
    List<Integer> lateApplies = at(visible, store + "/" + replica + "/" + late);
    assertEquals(lateApplies.get(0), lateAt, "the late event's first apply: " + f);
    List<Integer> firstApplies = at(visible, store + "/" + replica + "/" + first);
    assertFalse(firstApplies.isEmpty(), "the newer event was applied: " + f);
    assertTrue(firstApplies.get(0) < lateAt, "the newer event was applied first: " + f);
    Step a = steps.get(firstApplies.get(0));
    Step b = steps.get(lateAt);
    assertEquals(a.key(), b.key(), f.toString());
    assertEquals(f.keys().get(0), b.key(), f.toString());
    assertEquals(
        produced.get(first).component(), produced.get(late).component(), "one producer: " + f);
    boolean byProduction = first > late;
    boolean byCommit =
        committed.containsKey(first)
            && committed.containsKey(late)
            && committed.get(late) < committed.get(first);
    assertTrue(byProduction || byCommit, "the late event comes first in the true order: " + f);
  }

  private void duplicate(Finding f) {
    String store = f.components().get(0);
    long e = id(f.events().get(0));
    List<Integer> all = at(applies, store + "/" + e);
    assertTrue(all.size() >= 2, "applied at least twice: " + f);
    // a repeated apply happened at the finding's time (it may share that microsecond with the
    // first)
    int i =
        all.stream()
            .skip(1)
            .filter(j -> steps.get(j).time() == f.atMicros())
            .findFirst()
            .orElse(-1);
    assertTrue(i >= 0, "the finding is a repeated apply: " + f);
    Step s = steps.get(i);
    Component producer = pipeline.component(produced.get(e).component()).orElse(null);
    if (producer instanceof Producer p
        && (p.operation() == Producer.Operation.SET || p.operation() == Producer.Operation.CLAIM)) {
      assertTrue(s.value() != s.oldValue(), "a repeated set had an effect: " + f);
    }
  }

  private void loss(Finding f) {
    long e = id(f.events().get(0));
    assertNotNull(produced.get(e), "the event was produced: " + f);
    int stores = 0;
    for (String c : f.components()) {
      if (isStore(c)) {
        stores++;
        assertTrue(at(applies, c + "/" + e).isEmpty(), "never applied at " + c + ": " + f);
        assertTrue(at(skips, c + "/" + e).isEmpty(), "never skipped at " + c + ": " + f);
      }
    }
    assertTrue(stores > 0, "names the store it did not reach: " + f);
  }

  private void causality(Finding f) {
    String store = f.components().get(0);
    long effect = id(f.events().get(0));
    long cause = id(f.events().get(1));
    assertEquals(cause, produced.get(effect).offset(), "the cause of the effect: " + f);
    List<Integer> effectApplies = at(applies, store + "/" + effect);
    int effectAt = stepAt(effectApplies, f.atMicros(), f.toString());
    assertEquals(effectApplies.get(0), effectAt, f.toString());
    List<Integer> causeApplies = at(applies, store + "/" + cause);
    assertTrue(
        causeApplies.isEmpty() || causeApplies.get(0) > effectAt,
        "the cause took effect after the effect, or never: " + f);
  }

  private void prefix(Finding f) {
    String reader = f.components().get(0);
    String store = f.components().get(1);
    long effect = id(f.events().get(0));
    long cause = id(f.events().get(1));
    assertEquals(cause, produced.get(effect).offset(), "the cause of the effect: " + f);
    int read = -1;
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (s.kind() == StepKind.READ
          && s.component().equals(reader)
          && s.time() == f.atMicros()
          && s.value() == effect) {
        read = i;
        break;
      }
    }
    assertTrue(read >= 0, "the reader saw the effect: " + f);
    int replica = Math.max(0, steps.get(read).partition());
    List<Integer> causeVisible = at(visible, store + "/" + replica + "/" + cause);
    assertTrue(
        causeVisible.isEmpty() || causeVisible.get(0) > read,
        "the cause was not visible at that replica: " + f);
  }
}
