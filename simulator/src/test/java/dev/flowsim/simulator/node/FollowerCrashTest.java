package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowerCrashTest {

  private static final String SPEC =
      "'seed': 11, 'duration': '15s', 'components': ["
          + "{'id': 'users', 'type': 'producer', 'rate': '100/s'},"
          + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': 'sync',"
          + " 'replicationLag': 'uniform(2ms,20ms)'}],"
          + "'connections': [{'from': 'users', 'to': 'db'}],"
          + "'faults': [{'type': 'crash', 'component': 'db', 'replica': 1, 'at': '5s',"
          + " 'restartAfter': '3s'}]";

  @Test
  void aCrashedFollowerStopsAppliesAndCatchesUpInOrderAfterItsRestart() {
    SimulationResult r = run(spec(SPEC));
    List<Step> crash = steps(r, "db", StepKind.CRASH);
    assertEquals(1, crash.size());
    int replica = crash.get(0).partition();
    assertEquals(1, replica, "follower 1 is the first non-leader replica");
    List<Step> applies =
        steps(r, "db", StepKind.REPLICATE).stream().filter(s -> s.partition() == replica).toList();
    assertTrue(
        applies.stream().noneMatch(s -> s.time() >= 5_000_000 && s.time() < 8_000_000),
        "a crashed follower applies nothing");
    long expected = 1;
    for (Step s : applies) {
      assertEquals(expected++, s.offset(), "versions are applied densely, in order");
    }
    long leaderLast = steps(r, "db", StepKind.APPLY).size();
    assertEquals(leaderLast, expected - 1, "after its restart it has caught up with the leader");
    long ackedWhileDown =
        steps(r, "db", StepKind.ACK).stream()
            .filter(s -> s.time() >= 5_100_000 && s.time() < 8_000_000)
            .count();
    assertTrue(ackedWhileDown > 100, "sync replication does not wait for a crashed follower");
    assertEquals(1, steps(r, "db", StepKind.RESTART).size());
  }
}
