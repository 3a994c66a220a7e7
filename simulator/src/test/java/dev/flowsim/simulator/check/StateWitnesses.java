package dev.flowsim.simulator.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flowsim.model.Component;
import dev.flowsim.model.Database;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.simulator.Runs;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-verifies the findings of the state checkers against the trace: every witness event appears in
 * it, in the relation the finding claims (for example: a LOST_WRITE's event was acknowledged by the
 * database with a version above the promoted replica's before the FAILOVER step).
 */
public final class StateWitnesses {
  /** The kinds the state checkers report. */
  static final Set<AnomalyKind> KINDS =
      EnumSet.of(
          AnomalyKind.REPLICATION_LAG,
          AnomalyKind.READ_YOUR_WRITES_VIOLATION,
          AnomalyKind.MONOTONIC_READ_VIOLATION,
          AnomalyKind.STALE_READ,
          AnomalyKind.DIVERGENCE,
          AnomalyKind.LOST_WRITE,
          AnomalyKind.CONSTRAINT_VIOLATION,
          AnomalyKind.LATE_EVENT);

  private final Pipeline pipeline;
  private final List<Step> steps;
  private final Map<Long, List<Integer>> byEvent = new HashMap<>();
  private final Map<String, List<Integer>> reads = new HashMap<>();

  private StateWitnesses(SimulationResult r) {
    this.pipeline = r.pipeline();
    this.steps = Runs.steps(r);
    Set<Long> wanted = new HashSet<>();
    for (AnomalyKind k : KINDS) {
      for (Finding f : r.findings().of(k)) {
        for (String e : f.events()) {
          wanted.add(id(e));
        }
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (wanted.contains(s.event())) {
        byEvent.computeIfAbsent(s.event(), e -> new ArrayList<>()).add(i);
      }
      if (s.kind() == StepKind.READ) {
        reads.computeIfAbsent(s.component() + "|" + s.key(), e -> new ArrayList<>()).add(i);
      }
    }
  }

  /** Checks every kept finding of the state kinds; returns how many were checked. */
  public static int verify(SimulationResult r) {
    StateWitnesses w = new StateWitnesses(r);
    int n = 0;
    for (AnomalyKind k : KINDS) {
      for (Finding f : r.findings().of(k)) {
        assertFalse(f.explanation().isBlank(), f.toString());
        assertFalse(f.fix().isBlank(), f.toString());
        assertFalse(f.components().isEmpty(), f.toString());
        w.check(f);
        n++;
      }
    }
    return n;
  }

  private static long id(String e) {
    assertTrue(e.startsWith("e-"), e);
    return Long.parseLong(e.substring(2));
  }

  private void check(Finding f) {
    try {
      switch (f.kind()) {
        case REPLICATION_LAG -> lag(f);
        case READ_YOUR_WRITES_VIOLATION -> readYourWrites(f);
        case MONOTONIC_READ_VIOLATION -> monotonic(f);
        case STALE_READ -> stale(f);
        case DIVERGENCE -> divergence(f);
        case LOST_WRITE -> lost(f);
        case CONSTRAINT_VIOLATION -> constraint(f);
        case LATE_EVENT -> late(f);
        default -> fail("not a state kind: " + f.kind());
      }
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n  finding: " + f, e);
    }
  }

  /** The steps of event {@code e} of kind {@code kind} at {@code component}. */
  private List<Step> of(long e, StepKind kind, String component) {
    List<Step> out = new ArrayList<>();
    for (int i : byEvent.getOrDefault(e, List.of())) {
      Step s = steps.get(i);
      if (s.kind() == kind && (component == null || s.component().equals(component))) {
        out.add(s);
      }
    }
    return out;
  }

  /** The READ steps of {@code reader} and {@code key} at time {@code at}. */
  private List<Step> readsAt(String reader, String key, long at) {
    List<Step> out = new ArrayList<>();
    for (int i : reads.getOrDefault(reader + "|" + key, List.of())) {
      if (steps.get(i).time() == at) {
        out.add(steps.get(i));
      }
    }
    assertFalse(out.isEmpty(), "a READ of " + key + " by " + reader + " at " + at);
    return out;
  }

  private boolean isDatabase(String id) {
    return pipeline.component(id).orElse(null) instanceof Database;
  }

  private String database(List<String> components) {
    for (String c : components) {
      if (isDatabase(c)) {
        return c;
      }
    }
    return fail("no database among " + components);
  }

  private void lag(Finding f) {
    String db = f.components().get(0);
    long e = id(f.events().get(0));
    Step apply = of(e, StepKind.APPLY, db).get(0);
    boolean late = false;
    for (Step r : of(e, StepKind.REPLICATE, db)) {
      late |=
          r.offset() == apply.offset()
              && r.time() - apply.time() > ReplicationLagChecker.THRESHOLD_MICROS;
    }
    assertTrue(late, "the witness reached a follower more than the threshold after its commit");
    assertTrue(f.durationMicros() >= 0);
  }

  private void readYourWrites(Finding f) {
    String reader = f.components().get(0);
    List<Step> rs = readsAt(reader, f.keys().get(0), f.atMicros());
    Step read = rs.stream().filter(s -> s.oldValue() > s.offset()).findFirst().orElseThrow();
    if (f.events().isEmpty()) {
      return;
    }
    long e = id(f.events().get(0));
    boolean acked = false;
    for (int i : byEvent.getOrDefault(e, List.of())) {
      Step s = steps.get(i);
      acked |=
          s.kind() == StepKind.ACK
              && isDatabase(s.component())
              && s.offset() == read.oldValue()
              && s.time() <= read.time();
    }
    assertTrue(
        acked || read.event() == e, "the witness was acknowledged with the version the user knew");
  }

  private void monotonic(Finding f) {
    String reader = f.components().get(0);
    String key = f.keys().get(0);
    // some read at the finding's time saw an older version than a read before it (in trace order:
    // two reads may share a microsecond)
    List<Integer> all = reads.get(reader + "|" + key);
    boolean newerBefore = false;
    for (int k = 0; k < all.size(); k++) {
      Step read = steps.get(all.get(k));
      if (read.time() != f.atMicros()) {
        continue;
      }
      for (int j = 0; j < k; j++) {
        newerBefore |= steps.get(all.get(j)).offset() > read.offset();
      }
    }
    assertTrue(newerBefore, "an earlier read of the key saw a newer version");
    for (String e : f.events()) {
      List<Step> applied = new ArrayList<>(of(id(e), StepKind.APPLY, null));
      applied.removeIf(s -> !s.key().equals(key));
      assertFalse(applied.isEmpty(), e + " was applied to " + key);
    }
  }

  private void stale(Finding f) {
    String reader = f.components().get(0);
    String key = f.keys().get(0);
    String db = database(f.components());
    long newer = id(f.events().get(0));
    // an event sent again without a request id (a retry) is committed again, as a new version
    List<Step> commits = of(newer, StepKind.APPLY, db);
    assertFalse(commits.isEmpty(), "the newer write was committed by " + db);
    boolean ok = false;
    for (Step commit : commits) {
      assertEquals(key, commit.key());
      for (Step read : readsAt(reader, key, f.atMicros())) {
        long until = read.time();
        if (f.events().size() > 1) {
          assertEquals(id(f.events().get(1)), read.event(), "a join's READ names its stream event");
          Component c = pipeline.component(reader).orElseThrow();
          if (c instanceof Processor p
              && p.operator() instanceof Operator.Join j
              && j.versioned()) {
            until = eventTime(read.event());
          }
        }
        boolean older = read.offset() == 0 || commit.offset() > read.offset();
        ok |= older && commit.time() <= until && f.durationMicros() <= until - commit.time();
      }
    }
    assertTrue(ok, "the source committed a newer version before the read");
  }

  private long eventTime(long event) {
    for (Step s : steps) {
      if (s.kind() == StepKind.PRODUCE && s.event() == event) {
        return s.clock();
      }
    }
    return fail("no PRODUCE of e-" + event);
  }

  private void divergence(Finding f) {
    String store = f.components().get(0);
    String db = f.components().get(1);
    String key = f.keys().get(0);
    Step lastAtStore = null;
    Step lastAtDb = null;
    boolean failover = false;
    for (Step s : steps) {
      if (s.kind() == StepKind.APPLY && key.equals(s.key())) {
        if (s.component().equals(store)) {
          lastAtStore = s;
        } else if (s.component().equals(db)) {
          lastAtDb = s;
        }
      }
      failover |= s.kind() == StepKind.FAILOVER && s.component().equals(db);
    }
    assertNotNull(lastAtStore);
    assertNotNull(lastAtDb);
    assertEquals(id(f.events().get(0)), lastAtStore.event(), "the store's last write");
    if (!failover) {
      assertEquals(id(f.events().get(1)), lastAtDb.event(), "the database's last write");
      assertNotEquals(lastAtStore.value(), lastAtDb.value(), "the final values differ");
    }
  }

  private void lost(Finding f) {
    String db = f.components().get(0);
    long e = id(f.events().get(0));
    Step failover =
        steps.stream()
            .filter(s -> s.kind() == StepKind.FAILOVER && s.component().equals(db))
            .filter(s -> s.time() == f.atMicros())
            .findFirst()
            .orElseThrow();
    Step ack = of(e, StepKind.ACK, db).get(0);
    assertTrue(ack.time() <= failover.time(), "acknowledged before the failover");
    assertTrue(ack.offset() > failover.offset(), "above the promoted replica's last version");
    assertTrue(ack.offset() <= failover.oldValue(), "committed by the old leader");
    for (Step r : of(e, StepKind.REPLICATE, db)) {
      assertFalse(
          r.partition() == failover.partition() && r.time() <= failover.time(),
          "the promoted replica never had it");
    }
  }

  private void constraint(Finding f) {
    String store = f.components().get(0);
    long e = id(f.events().get(f.events().size() - 1));
    Step apply =
        of(e, StepKind.APPLY, store).stream()
            .filter(s -> s.time() == f.atMicros())
            .findFirst()
            .orElseThrow();
    if (f.events().size() == 2) {
      long holder = id(f.events().get(0));
      Step held = of(holder, StepKind.APPLY, store).get(0);
      assertTrue(held.time() <= apply.time(), "the holder's claim came first");
      assertEquals(held.key(), apply.key());
      assertNotEquals(TraceStep.NO_VALUE, apply.oldValue());
      assertNotEquals(apply.oldValue(), apply.value(), "another claimant was replaced");
    } else {
      assertTrue(apply.value() < 0, "the write took the value below zero");
    }
  }

  private void late(Finding f) {
    String proc = f.components().get(0);
    long e = id(f.events().get(0));
    int at = -1;
    for (int i : byEvent.get(e)) {
      Step s = steps.get(i);
      if (s.kind() == StepKind.LATE && s.component().equals(proc) && s.time() == f.atMicros()) {
        at = i;
      }
    }
    assertTrue(at >= 0, "a LATE step of the event");
    Step lateStep = steps.get(at);
    Step next = at + 1 < steps.size() ? steps.get(at + 1) : null;
    Processor p = (Processor) pipeline.component(proc).orElseThrow();
    Operator.Window w = (Operator.Window) p.operator();
    if (w.latePolicy() != Operator.LatePolicy.SIDE_OUTPUT) {
      assertNotNull(next);
      assertEquals(StepKind.SKIP, next.kind(), "dropped right after");
      assertEquals(e, next.event());
    }
    if (f.events().size() > 1) {
      Step emit = of(id(f.events().get(1)), StepKind.WINDOW_EMIT, proc).get(0);
      assertTrue(emit.time() <= lateStep.time(), "the window had fired");
      assertEquals(lateStep.offset(), emit.offset(), "the late event's window");
    }
  }
}
