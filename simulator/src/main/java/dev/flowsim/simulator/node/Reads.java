package dev.flowsim.simulator.node;

import dev.flowsim.simulator.engine.KeyTable;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.engine.Messages;
import dev.flowsim.simulator.engine.Node;

/** Answers a reader's request with a key's value and version, as one replica holds them. */
final class Reads {
  private Reads() {}

  /**
   * Sends READ_REPLY down the link to the reader: value, source version = the replica's version of
   * the key, partition = the replica number (0 = leader), aux echoed from the request.
   */
  static void answer(Node store, Link link, int m, KeyTable replica, int replicaNumber) {
    Messages msgs = store.world().messages();
    int key = msgs.key(m);
    link.send(
        msgs.alloc(
            Messages.READ_REPLY,
            msgs.event(m),
            key,
            replica.value(key),
            0,
            replicaNumber,
            msgs.aux(m),
            replica.version(key)));
  }

  static void answer(Node store, Link link, int m, KeyTable table) {
    answer(store, link, m, table, 0);
  }
}
