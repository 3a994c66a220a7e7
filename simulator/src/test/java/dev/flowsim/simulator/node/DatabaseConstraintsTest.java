package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.finalValues;
import static dev.flowsim.simulator.TraceFacts.of;
import static dev.flowsim.simulator.TraceFacts.onLink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.TraceFacts;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.engine.Messages;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.kernel.SimRandom;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Constraints enforced by a database leader, the single point that orders all writes: a claim of a
 * name another claimant holds, or a debit below zero, is refused (SKIP, no APPLY, a NACK to the
 * writer); without an enforcer nothing is checked.
 */
class DatabaseConstraintsTest {

  private static String claims(String enforcedBy) {
    return "'seed': 4, 'duration': '5s', 'components': ["
        + "{'id': 'eu', 'type': 'producer', 'rate': '40/s', 'operation': 'claim',"
        + " 'keys': {'count': 10, 'prefix': 'name'}},"
        + "{'id': 'us', 'type': 'producer', 'rate': '40/s', 'operation': 'claim',"
        + " 'keys': {'count': 10, 'prefix': 'name'}},"
        + "{'id': 'accounts', 'type': 'database', 'followers': 1, 'replication': 'semi-sync'}],"
        + "'connections': [{'from': 'eu', 'to': 'accounts', 'latency': 'uniform(1ms,10ms)'},"
        + "{'from': 'us', 'to': 'accounts', 'latency': 'uniform(60ms,120ms)'}],"
        + "'constraints': [{'id': 'unique-name', 'type': 'unique', 'store': 'accounts'"
        + enforcedBy
        + "}]";
  }

  @Test
  void theLeaderRefusesAClaimOfANameAnotherClaimantHolds() {
    List<Step> all = steps(run(spec(claims(", 'enforcedBy': 'accounts'"))));
    List<Step> applied = of(all, "accounts", StepKind.APPLY);
    List<Step> refused = of(all, "accounts", StepKind.SKIP);
    assertEquals(10, applied.size(), "one owner per name, the first claim");
    for (Step a : applied) {
      assertEquals(TraceStep.NO_VALUE, a.oldValue(), "a claim never replaces an owner");
    }
    Map<String, Step> owner =
        applied.stream().collect(Collectors.toMap(Step::key, s -> s, (a, b) -> a));
    assertEquals(
        of(all, "eu", StepKind.PRODUCE).size() + of(all, "us", StepKind.PRODUCE).size(),
        applied.size() + refused.size(),
        "every claim is decided");
    for (Step r : refused) {
      Step won = owner.get(r.key());
      assertTrue(won.time() <= r.time());
      assertEquals(won.value(), r.oldValue(), "the refusal names the owner");
      assertEquals(won.offset(), r.offset(), "and the version it holds");
      assertEquals(r.event(), r.value(), "the refused claimant");
    }
    Set<Long> refusedEvents = refused.stream().map(Step::event).collect(Collectors.toSet());
    assertTrue(
        of(all, "accounts", StepKind.REPLICATE).stream()
            .noneMatch(s -> refusedEvents.contains(s.event())),
        "a refused write is not replicated");
    assertTrue(
        of(all, "accounts", StepKind.ACK).stream()
            .noneMatch(s -> refusedEvents.contains(s.event())),
        "nor acknowledged");
  }

  @Test
  void withoutAnEnforcerAClaimOverwritesTheOwner() {
    List<Step> all = steps(run(spec(claims(""))));
    assertTrue(of(all, "accounts", StepKind.SKIP).isEmpty());
    long overwritten =
        of(all, "accounts", StepKind.APPLY).stream()
            .filter(s -> s.oldValue() != TraceStep.NO_VALUE && s.oldValue() != s.value())
            .count();
    assertTrue(overwritten > 300, "names change hands: " + overwritten);
  }

  private static final String SIGNUPS =
      "'seed': 9, 'duration': '5s', 'components': ["
          + "{'id': 'signups', 'type': 'producer', 'rate': '100/s', 'operation': 'claim',"
          + " 'keys': {'count': 30, 'prefix': 'name'}},"
          + "{'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write'},"
          + "{'id': 'accounts', 'type': 'database'},"
          + "{'id': 'name-search', 'type': 'search-index'}],"
          + "'connections': [{'from': 'signups', 'to': 'app'},"
          + "{'from': 'app', 'to': 'accounts'}, {'from': 'app', 'to': 'name-search'}],"
          + "'constraints': [{'id': 'unique-name', 'type': 'unique', 'store': 'accounts',"
          + " 'enforcedBy': 'accounts'}]";

  @Test
  void aServiceToldOfARefusalDoesNotWriteTheIndex() {
    SimulationResult r = run(spec(SIGNUPS));
    List<Step> all = steps(r);
    assertTrue(r.drained());
    Set<Long> refused =
        of(all, "accounts", StepKind.SKIP).stream().map(Step::event).collect(Collectors.toSet());
    assertTrue(refused.size() > 300);
    Set<Long> toIndex =
        onLink(r, all, "app -> name-search").stream()
            .filter(s -> s.kind() == StepKind.SEND)
            .map(Step::event)
            .collect(Collectors.toSet());
    Set<Long> committed =
        of(all, "accounts", StepKind.APPLY).stream().map(Step::event).collect(Collectors.toSet());
    assertEquals(committed, toIndex, "the second write follows only an accepted first");
    assertTrue(
        of(all, "app", StepKind.ACK).stream().allMatch(s -> committed.contains(s.event())),
        "the service acknowledges only accepted claims");
    assertEquals(committed.size(), of(all, "app", StepKind.ACK).size());
    assertEquals(finalValues(all, "accounts"), finalValues(all, "name-search"));
  }

  // ---------------------------------------------------------------- non-negative

  private static String ledger(String enforcedBy) {
    return "'seed': 2, 'duration': '5s', 'components': ["
        + "{'id': 'payer', 'type': 'producer', 'operation': 'transfer'},"
        + "{'id': 'ledger', 'type': 'database'}],"
        + "'connections': [{'from': 'payer', 'to': 'ledger'}],"
        + "'constraints': [{'id': 'no-overdraft', 'type': 'non-negative', 'store': 'ledger'"
        + enforcedBy
        + "}]";
  }

  /**
   * A client that moves money in and out of three accounts: every 10 ms a transfer of -100..100
   * (producers only credit), counting the acks and refusals it gets back.
   */
  static final class Payer extends Node {
    private final SimRandom random;
    private final int[] accounts = new int[3];
    private boolean stopped;
    int acks;
    int nacks;

    Payer(World world, String id) {
      super(world, id);
      this.random = world.random(id, "script");
      for (int i = 0; i < accounts.length; i++) {
        accounts[i] = world.trace().keys().intern("account-" + i);
      }
    }

    @Override
    protected void onStart() {
      tick();
    }

    private void tick() {
      if (stopped) {
        return;
      }
      int key = accounts[random.nextInt(accounts.length)];
      long amount = random.nextInt(201) - 100;
      long now = world().now();
      long id = world().events().create(key, Events.TRANSFER, amount, now, now, 0, index, 0);
      step(StepKind.PRODUCE, id, key, TraceStep.NONE, TraceStep.NONE, amount, TraceStep.NO_VALUE);
      Messages msgs = world().messages();
      for (Link out : outputs()) {
        out.send(msgs.alloc(Messages.EVENT, id, key, amount, 0, TraceStep.NONE, 0));
      }
      world().kernel().schedule(10_000, this::tick);
    }

    @Override
    public boolean wantsAcks() {
      return true;
    }

    @Override
    protected void receive(Link link, int m, boolean fromDownstream) {
      int kind = world().messages().kind(m);
      if (kind == Messages.ACK) {
        acks++;
      } else if (kind == Messages.NACK) {
        nacks++;
      }
    }

    @Override
    protected void stopProducing() {
      stopped = true;
    }
  }

  private static SimulationResult runWithPayer(Pipeline p, Payer[] payer) {
    return TraceFacts.runWorld(
        p,
        p.seed(),
        (w, c) -> {
          if (c.id().equals("payer")) {
            payer[0] = new Payer(w, c.id());
            return payer[0];
          }
          return Nodes.create(w, c);
        });
  }

  @Test
  void theLeaderRefusesADebitBelowZero() {
    Payer[] payer = new Payer[1];
    SimulationResult r = runWithPayer(spec(ledger(", 'enforcedBy': 'ledger'")), payer);
    List<Step> all = steps(r);
    List<Step> applied = of(all, "ledger", StepKind.APPLY);
    List<Step> refused = of(all, "ledger", StepKind.SKIP);
    assertTrue(applied.stream().allMatch(s -> s.value() >= 0), "no balance goes below zero");
    assertTrue(refused.size() > 20, "refused " + refused.size() + " of " + applied.size());
    Map<String, Long> balance = new HashMap<>();
    Set<Long> seen = new HashSet<>();
    for (Step s : all) {
      if (!s.component().equals("ledger")) {
        continue;
      }
      if (s.kind() == StepKind.APPLY) {
        assertEquals(balance.getOrDefault(s.key(), TraceStep.NO_VALUE), s.oldValue());
        balance.put(s.key(), s.value());
        seen.add(s.event());
      } else if (s.kind() == StepKind.SKIP) {
        long held = balance.getOrDefault(s.key(), TraceStep.NO_VALUE);
        assertEquals(held, s.oldValue());
        assertTrue((held == TraceStep.NO_VALUE ? 0 : held) + s.value() < 0, "refused: " + s);
        assertFalse(seen.contains(s.event()));
      }
    }
    assertEquals(refused.size(), payer[0].nacks, "each refusal is told to the writer");
    assertEquals(applied.size(), payer[0].acks);
    assertEquals(of(all, "payer", StepKind.PRODUCE).size(), applied.size() + refused.size());
  }

  @Test
  void withoutAnEnforcerBalancesGoNegative() {
    Payer[] payer = new Payer[1];
    List<Step> all = steps(runWithPayer(spec(ledger("")), payer));
    assertTrue(of(all, "ledger", StepKind.SKIP).isEmpty());
    assertTrue(of(all, "ledger", StepKind.APPLY).stream().anyMatch(s -> s.value() < 0));
    assertEquals(0, payer[0].nacks);
  }
}
