package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintGuardTest {

  private static final String CLAIMS =
      "'seed': 3, 'duration': '20s', 'components': ["
          + "{'id': 'eu', 'type': 'producer', 'rate': '20/s', 'operation': 'claim',"
          + " 'keys': {'count': 30, 'prefix': 'name'}},"
          + "{'id': 'us', 'type': 'producer', 'rate': '20/s', 'operation': 'claim',"
          + " 'keys': {'count': 30, 'prefix': 'name'}},"
          + "{'id': 'claims', 'type': 'topic', 'partitions': 3},"
          + "{'id': 'decide', 'type': 'processor', 'parallelism': 3},"
          + "{'id': 'accounts', 'type': 'database'},"
          + "{'id': 'wallet', 'type': 'producer', 'rate': '50/s', 'operation': 'transfer',"
          + " 'keys': {'count': 5, 'prefix': 'account'}},"
          + "{'id': 'moves', 'type': 'topic', 'partitions': 2},"
          + "{'id': 'ledger', 'type': 'processor'},"
          + "{'id': 'balances', 'type': 'materialized-view'}],"
          + "'connections': [{'from': 'eu', 'to': 'claims'}, {'from': 'us', 'to': 'claims'},"
          + " {'from': 'claims', 'to': 'decide'}, {'from': 'decide', 'to': 'accounts'},"
          + " {'from': 'wallet', 'to': 'moves'}, {'from': 'moves', 'to': 'ledger'},"
          + " {'from': 'ledger', 'to': 'balances'}]";

  private static final String ENFORCED =
      ", 'constraints': [{'id': 'unique-name', 'type': 'unique', 'store': 'accounts',"
          + " 'enforcedBy': 'decide'}, {'id': 'no-overdraft', 'type': 'non-negative', 'store':"
          + " 'balances', 'enforcedBy': 'ledger'}]";

  /** Distinct claimants each name was ever given in the database. */
  private static Map<String, Set<Long>> owners(SimulationResult r) {
    Map<String, Set<Long>> m = new HashMap<>();
    for (Step s : steps(r, "accounts", StepKind.APPLY)) {
      m.computeIfAbsent(s.key(), k -> new HashSet<>()).add(s.value());
    }
    return m;
  }

  @Test
  void withoutAnEnforcerTwoClaimantsWinTheSameName() {
    SimulationResult r = run(spec(CLAIMS));
    assertTrue(owners(r).values().stream().anyMatch(s -> s.size() > 1));
    assertTrue(
        steps(r, "balances", StepKind.APPLY).stream().anyMatch(s -> s.value() < 0),
        "without a guard a debit takes a balance below zero");
  }

  @Test
  void aKeyedDeciderAdmitsOneClaimantPerNameAndNoOverdraft() {
    SimulationResult r = run(spec(CLAIMS + ENFORCED));
    for (Map.Entry<String, Set<Long>> e : owners(r).entrySet()) {
      assertEquals(1, e.getValue().size(), "one owner for " + e.getKey());
    }
    assertTrue(steps(r, "decide", StepKind.SKIP).size() > 100, "later claims are refused");
    assertTrue(
        steps(r, "balances", StepKind.APPLY).stream().allMatch(s -> s.value() >= 0),
        "no balance goes below zero");
    assertTrue(steps(r, "ledger", StepKind.SKIP).size() > 0, "overdrafts are refused");
  }
}
