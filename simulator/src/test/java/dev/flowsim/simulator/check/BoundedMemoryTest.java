package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.Runs.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.node.Nodes;
import dev.flowsim.simulator.trace.TraceListener;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkers consume the trace as it streams with memory proportional to keys and in-flight
 * events, not to the length of the run: on a long run the events they retain stay below a bound
 * that does not grow with the duration, and judging losses early (at the horizon) finds the same
 * losses as judging them at the end.
 */
class BoundedMemoryTest {
  private static final long MINUTE = 60_000_000L;

  /** The horizon the probe's checkers use: short, so that a test run spans many horizons. */
  private static final long HORIZON = 30_000_000L;

  private static final int RATE = 50;

  /** A producer → topic → view pipeline; the topic's link to the view loses {@code loss}. */
  private static Pipeline pipeline(double loss) {
    return spec(
        "'seed': 5, 'duration': '10s', 'components': ["
            + "{'id': 'events', 'type': 'producer', 'rate': '"
            + RATE
            + "/s', 'keys': {'count': 20}},"
            + "{'id': 'log', 'type': 'topic'},"
            + "{'id': 'view', 'type': 'materialized-view'}],"
            + "'connections': [{'from': 'events', 'to': 'log'},"
            + "{'from': 'log', 'to': 'view', 'latency': 'uniform(1ms,20ms)', 'loss': "
            + loss
            + "}]");
  }

  /**
   * A second set of standard checkers with a short horizon, built on the first step (once the
   * world, whose events they consult, exists), that records the most events they ever retained.
   */
  private static final class Probe implements TraceListener {
    final Pipeline pipeline;
    World world;
    Checks checks;
    FlowChecks.History history;
    StateChecks.Stores stores;
    long maxRetained;
    long maxVersions;

    Probe(Pipeline pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public void onStep(TraceStep s) {
      if (checks == null) {
        CheckContext ctx =
            new CheckContext(pipeline, world.trace(), world.events(), new Findings());
        List<Checker> flow = FlowChecks.create(ctx, HORIZON);
        List<Checker> state = StateChecks.create(ctx);
        history = (FlowChecks.History) flow.get(flow.size() - 1);
        stores = (StateChecks.Stores) state.get(state.size() - 1);
        List<Checker> all = new ArrayList<>(flow);
        all.addAll(state);
        checks = Checks.of(ctx, all);
      }
      checks.onStep(s);
      maxRetained = Math.max(maxRetained, history.retainedEvents());
      maxVersions = Math.max(maxVersions, stores.retainedVersions());
    }
  }

  private record Run(SimulationResult result, Probe probe) {}

  private static Run run(Pipeline p, long durationMicros) {
    Probe probe = new Probe(p);
    SimulationResult r =
        Simulation.runUnvalidated(
            p,
            Simulation.Options.of(p)
                .withDuration(durationMicros)
                .withTraceLimit(0)
                .withListener(probe),
            (w, c) -> {
              probe.world = w;
              return Nodes.create(w, c);
            });
    probe.checks.finish(r.endMicros());
    return new Run(r, probe);
  }

  @Test
  void theRetainedEventsDoNotGrowWithTheLengthOfTheRun() {
    Pipeline p = pipeline(0);
    Run shorter = run(p, 2 * MINUTE);
    Run longer = run(p, 20 * MINUTE);
    long bound = RATE * (HORIZON / 1_000_000L + 10);
    long a = shorter.probe().maxRetained;
    long b = longer.probe().maxRetained;
    assertTrue(longer.result().events() > 50_000, "a long run: " + longer.result().events());
    assertTrue(a > 0 && a <= bound, "2 min retains " + a + " events, bound " + bound);
    assertTrue(b <= bound, "20 min retains " + b + " events, bound " + b);
    assertTrue(b <= 2 * a, "20 min retains " + b + " events, 2 min " + a);
    // every event of the run was judged and all but the last horizon's forgotten
    assertTrue(longer.probe().history.retainedEvents() <= bound);
    assertEquals(0, longer.probe().checks.findings().count(AnomalyKind.MESSAGE_LOSS));
    assertEquals(0, longer.probe().checks.findings().count(AnomalyKind.DUPLICATE_EFFECT));
  }

  @Test
  void lossesJudgedAtTheHorizonAreTheLossesJudgedAtTheEnd() {
    // a lossy link drops records the topic does not send again: each is a MESSAGE_LOSS, judged
    // by the probe once it has been quiet for its horizon, by the standard checkers at the end
    Run r = run(pipeline(0.01), 5 * MINUTE);
    long early = r.probe().checks.findings().count(AnomalyKind.MESSAGE_LOSS);
    long atEnd = r.result().findings().count(AnomalyKind.MESSAGE_LOSS);
    assertTrue(atEnd > 100, "losses: " + atEnd);
    assertEquals(atEnd, early);
    assertTrue(r.probe().maxRetained <= RATE * (HORIZON / 1_000_000L + 10), "retained");
    for (Finding f : r.probe().checks.findings().of(AnomalyKind.MESSAGE_LOSS)) {
      assertTrue(f.explanation().contains("dropped on `log -> view`"), f.explanation());
    }
  }

  @Test
  void aDatabasesVersionLogIsBoundedWhenNoFollowerCatchesUp() {
    StateChecks.VersionLog log = new StateChecks.VersionLog();
    int n = StateChecks.VersionLog.MAX_VERSIONS + 10_000;
    for (long v = 1; v <= n; v++) {
      log.append(v, v, v, (int) (v % 7));
      log.trimTo(0); // a follower stuck at version 0 (crashed, never restarted)
    }
    assertEquals(StateChecks.VersionLog.MAX_VERSIONS, log.size());
    assertTrue(log.slot(n) >= 0, "the newest version is kept");
    assertEquals(-1, log.slot(1), "the oldest is forgotten");
    assertEquals(n, log.event(log.slot(n)));
  }

  @Test
  void anEventSetForgetsTheIdsBelowItsBaseAndKeepsTheRest() {
    EventSet set = new EventSet();
    for (long id = 1; id <= 10_000; id += 3) {
      assertTrue(set.add(id));
    }
    long size = set.size();
    set.forgetBelow(1_000); // 1..997 step 3: 333 ids
    assertEquals(size - 333, set.size());
    assertTrue(!set.contains(997) && set.contains(1_000) && set.contains(9_997));
    assertTrue(!set.add(4), "a forgotten id is not added again");
    for (long id = 1_000; id < 9_000; id++) {
      set.forgetBelow(id + 1); // an id at a time, as the history does
    }
    assertTrue(!set.contains(8_998) && set.contains(9_001));
    assertEquals(334, set.size()); // 9001..10000 step 3
    assertTrue(set.add(200_000) && set.contains(200_000) && set.contains(9_001));
    assertEquals(335, set.size());
  }
}
