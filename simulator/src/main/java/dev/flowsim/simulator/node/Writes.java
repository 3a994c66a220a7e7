package dev.flowsim.simulator.node;

import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.trace.TraceStep;

/** What an event does to a stored value: set and claim overwrite; increment and transfer add. */
final class Writes {
  private Writes() {}

  static long apply(byte op, long old, long value) {
    if (op == Events.INCREMENT || op == Events.TRANSFER) {
      return (old == TraceStep.NO_VALUE ? 0 : old) + value;
    }
    return value;
  }

  /**
   * Whether a store or service tells {@code writer} how its write ended (ACK or NACK): when the
   * writer wants acks, and always for a client (a producer), whose users' session tracks the
   * versions of its writes (read-your-writes, wait-for-version) even when it does not retry.
   */
  static boolean ackWanted(Node writer) {
    return writer.wantsAcks() || writer instanceof ProducerNode;
  }
}
