package dev.flowsim.app.gui.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.gui.analysis.KeyTimeline.Hop;
import dev.flowsim.app.gui.analysis.KeyTimeline.Mark;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The swimlane model of a key's events (no JavaFX). */
class KeyTimelineTest {

  @Test
  void lanesFollowTheDataflowAndEveryPartitionedEventIsAppendedThenConsumed() throws Exception {
    Pipeline p = SpecReader.read(Path.of("../examples/03-unkeyed-partitions.broken.json"));
    SimulationResult r =
        Simulation.run(p, Simulation.Options.of(p).withSeed(3).withDuration(3_000_000));
    List<String> order = KeyTimeline.dataflowOrder(p);
    assertEquals(p.components().size(), order.size());
    for (var c : p.connections()) {
      assertTrue(order.indexOf(c.from()) < order.indexOf(c.to()), c.label());
    }
    String key = KeyTimeline.keys(r).get(0);
    KeyTimeline tl = KeyTimeline.of(r, key);
    long produced = tl.produced();
    assertTrue(produced > 0);
    long appended = tl.marks().stream().filter(m -> m.kind() == StepKind.APPEND).count();
    long consumed = tl.marks().stream().filter(m -> m.kind() == StepKind.CONSUME).count();
    assertTrue(appended >= produced - 5, appended + " of " + produced);
    assertTrue(consumed <= appended);
    for (Mark m : tl.marks()) {
      assertTrue(m.lane() >= 0 && m.lane() < order.size());
    }
    for (Hop h : tl.hops()) {
      assertTrue(h.arrivedMicros() >= h.sentMicros());
      assertTrue(h.toLane() > h.fromLane(), "data flows downstream: " + h);
    }
    // marks are in trace (time) order
    for (int i = 1; i < tl.marks().size(); i++) {
      assertTrue(tl.marks().get(i - 1).timeMicros() <= tl.marks().get(i).timeMicros());
    }
  }

  @Test
  void anUnknownKeyHasLanesButNoEvents() throws Exception {
    Pipeline p = SpecReader.read(Path.of("../examples/03-unkeyed-partitions.broken.json"));
    SimulationResult r =
        Simulation.run(p, Simulation.Options.of(p).withSeed(3).withDuration(500_000));
    KeyTimeline tl = KeyTimeline.of(r, "no-such-key");
    assertTrue(tl.isEmpty());
    assertEquals(p.components().size(), tl.lanes().size());
  }

  @Test
  void keysSortWithTheirNumbersAsNumbers() {
    List<String> keys =
        new ArrayList<>(List.of("user-10", "user-2", "user-1", "acct-3", "user-02"));
    keys.sort(KeyTimeline.NATURAL);
    assertEquals(List.of("acct-3", "user-1", "user-2", "user-02", "user-10"), keys);
  }
}
