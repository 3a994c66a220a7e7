package dev.flowsim.simulator.engine;

import dev.flowsim.model.Connection;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.Arrays;

/**
 * The consumer end of a link from a topic or queue: records what was consumed and tells the broker
 * when a record is done and which offsets are committed, per the link's commit policy — before
 * processing (a crash skips), after processing (a crash replays), or automatically every interval
 * (a crash replays what was processed since the last commit). Commits and acks travel back over the
 * link as messages, so a partition can lose them.
 *
 * <p>A queue has no offsets (its records carry partition -1): the consumer acks each message after
 * processing, or at once on receipt with commit-before-processing (AMQP auto-ack: the broker
 * deletes it, so a crash loses it). A <em>checkpointed</em> input (a stateful processor) ignores
 * the link's policy for topics: offsets are committed only by {@link #commitProcessed()}, when the
 * processor checkpoints its state, so state and positions stay consistent.
 */
public final class BrokerInput {
  private final Node node;
  private final Link link;
  private final Connection.Consumer settings;
  private long[] processed = new long[0];
  private long[] committed = new long[0];
  private int incarnation = -1;
  private final boolean checkpointed;

  public BrokerInput(Node node, Link link) {
    this(node, link, false);
  }

  /**
   * @param checkpointed commit topic offsets only at the consumer's checkpoints ({@link
   *     #commitProcessed()}), whatever the link's commit policy
   */
  public BrokerInput(Node node, Link link, boolean checkpointed) {
    this.node = node;
    this.link = link;
    this.settings = link.consumer();
    this.checkpointed = checkpointed;
  }

  public Link link() {
    return link;
  }

  /** Starts the auto-commit timer when the policy asks for one (call on start and restart). */
  public void start() {
    incarnation = node.incarnation();
    if (settings.commit() == Connection.CommitPolicy.AUTO && !checkpointed) {
      scheduleAutoCommit(incarnation);
    }
  }

  private void scheduleAutoCommit(int born) {
    World w = node.world;
    w.kernel()
        .schedule(
            settings.autoCommitInterval().micros(),
            () -> {
              if (node.incarnation() != born || !node.isUp()) {
                return;
              }
              for (int p = 0; p < processed.length; p++) {
                if (processed[p] > committed[p]) {
                  commit(p, processed[p]);
                }
              }
              if (w.producing() || !w.quiescent()) {
                scheduleAutoCommit(born);
              }
            });
  }

  /**
   * A record arrived; records CONSUME and, for commit-before-processing, commits it (a topic) or
   * acks it (a queue) at once.
   */
  public void received(int m) {
    Messages msgs = node.world.messages();
    int partition = msgs.partition(m);
    long offset = msgs.version(m);
    node.step(
        StepKind.CONSUME,
        msgs.event(m),
        msgs.key(m),
        partition,
        offset,
        msgs.value(m),
        TraceStep.NO_VALUE);
    if (settings.commit() == Connection.CommitPolicy.BEFORE_PROCESSING) {
      if (partition < 0) {
        link.reply(
            msgs.alloc(
                Messages.ACK, msgs.event(m), TraceStep.NONE, 0, offset, partition, msgs.aux(m)));
      } else if (!checkpointed) {
        commit(partition, offset + 1);
      }
    }
  }

  /**
   * The record at (partition, offset) delivered to consumer {@code instance} is processed: the
   * broker may send the next one, and with commit-after-processing the offset is committed.
   */
  public void done(long event, int partition, long offset, int instance) {
    if (partition < 0 && settings.commit() == Connection.CommitPolicy.BEFORE_PROCESSING) {
      return; // a queue message auto-acked on receipt
    }
    boolean commitNow =
        partition >= 0
            && !checkpointed
            && settings.commit() == Connection.CommitPolicy.AFTER_PROCESSING;
    if (partition >= 0) {
      grow(partition);
      processed[partition] = Math.max(processed[partition], offset + 1);
      if (commitNow) {
        committed[partition] = Math.max(committed[partition], offset + 1);
      }
    }
    Messages msgs = node.world.messages();
    // value 1 asks the broker to commit offset + 1 with this ack
    link.reply(
        msgs.alloc(
            Messages.ACK, event, TraceStep.NONE, commitNow ? 1 : 0, offset, partition, instance));
  }

  /**
   * Whether the record at (partition, offset) is behind what this consumer has processed (a topic
   * replaying from an older commit after a rebalance): a checkpointed consumer's state already
   * reflects it.
   */
  public boolean alreadyProcessed(int partition, long offset) {
    return partition >= 0 && partition < processed.length && offset < processed[partition];
  }

  /** The next offset to process per partition (0 for partitions not read yet); a copy. */
  public long[] positions() {
    return processed.clone();
  }

  /** Commits what has been processed (a checkpoint of a stateful consumer). */
  public void commitProcessed() {
    for (int p = 0; p < processed.length; p++) {
      if (processed[p] > committed[p]) {
        commit(p, processed[p]);
      }
    }
  }

  /**
   * Restores the positions of a checkpoint after a restart and commits them again (the commit sent
   * with the checkpoint may have been lost in the crash).
   */
  public void restore(long[] positions) {
    if (positions.length > 0) {
      grow(positions.length - 1);
    }
    for (int p = 0; p < positions.length; p++) {
      processed[p] = positions[p];
      committed[p] = 0;
      if (positions[p] > 0) {
        commit(p, positions[p]);
      }
    }
  }

  private void commit(int partition, long next) {
    grow(partition);
    committed[partition] = Math.max(committed[partition], next);
    Messages msgs = node.world.messages();
    link.reply(msgs.alloc(Messages.COMMIT, 0, TraceStep.NONE, 0, next, partition, 0));
  }

  private void grow(int partition) {
    if (partition >= processed.length) {
      processed = Arrays.copyOf(processed, partition + 1);
      committed = Arrays.copyOf(committed, partition + 1);
    }
  }

  /** A crash loses the consumer's memory of what it processed; the broker keeps the commits. */
  public void crash() {
    Arrays.fill(processed, 0);
    Arrays.fill(committed, 0);
  }
}
