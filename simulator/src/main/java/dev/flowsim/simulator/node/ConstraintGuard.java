package dev.flowsim.simulator.node;

import dev.flowsim.model.Constraint;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.engine.KeyTable;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.List;

/**
 * The constraints a processor enforces as the single ordering point for its keys (it reads one
 * partition per key, so it sees every request of a key in order): a unique claim is refused when
 * the key already belongs to another claimant, and a change that would make a balance negative is
 * refused. What it has admitted is kept in a state store that survives crashes (as a changelogged
 * Kafka Streams store does). It only protects the store if every write passes through it — lint
 * warns when one does not.
 */
final class ConstraintGuard {
  private final World world;
  private final Node node;
  private final boolean unique;
  private final boolean nonNegative;
  private final KeyTable admitted = new KeyTable();

  private ConstraintGuard(World world, Node node, boolean unique, boolean nonNegative) {
    this.world = world;
    this.node = node;
    this.unique = unique;
    this.nonNegative = nonNegative;
  }

  /** The guard of the constraints {@code node} enforces, or null when it enforces none. */
  static ConstraintGuard of(World world, Node node) {
    List<Constraint> mine =
        world.pipeline().constraints().stream()
            .filter(c -> node.id().equals(c.enforcedBy()))
            .toList();
    if (mine.isEmpty()) {
      return null;
    }
    boolean unique = mine.stream().anyMatch(c -> c.type() == Constraint.Type.UNIQUE);
    boolean nonNegative = mine.stream().anyMatch(c -> c.type() == Constraint.Type.NON_NEGATIVE);
    return new ConstraintGuard(world, node, unique, nonNegative);
  }

  /** Whether the result may go on; a refusal is recorded as a SKIP step. */
  boolean admit(long event, int key, long value) {
    long held = admitted.value(key);
    byte op = world.events().op(event);
    long next = Writes.apply(op, held, value);
    boolean refused =
        (unique && op == Events.CLAIM && held != TraceStep.NO_VALUE && held != value)
            || (nonNegative && next < 0);
    if (refused) {
      world
          .trace()
          .record(
              world.now(),
              node.index,
              StepKind.SKIP,
              event,
              key,
              TraceStep.NONE,
              TraceStep.NONE,
              value,
              held,
              node.clock());
      return false;
    }
    admitted.put(key, next, admitted.version(key) + 1);
    return true;
  }
}
