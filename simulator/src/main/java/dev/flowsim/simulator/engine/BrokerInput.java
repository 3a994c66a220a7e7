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
 */
public final class BrokerInput {
  private final Node node;
  private final Link link;
  private final Connection.Consumer settings;
  private long[] processed = new long[0];
  private long[] committed = new long[0];
  private int incarnation = -1;

  public BrokerInput(Node node, Link link) {
    this.node = node;
    this.link = link;
    this.settings = link.consumer();
  }

  public Link link() {
    return link;
  }

  /** Starts the auto-commit timer when the policy asks for one (call on start and restart). */
  public void start() {
    incarnation = node.incarnation();
    if (settings.commit() == Connection.CommitPolicy.AUTO) {
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

  /** A record arrived; records CONSUME and, for commit-before-processing, commits it at once. */
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
    if (partition >= 0 && settings.commit() == Connection.CommitPolicy.BEFORE_PROCESSING) {
      commit(partition, offset + 1);
    }
  }

  /**
   * The record at (partition, offset) delivered to consumer {@code instance} is processed: the
   * broker may send the next one, and with commit-after-processing the offset is committed.
   */
  public void done(long event, int partition, long offset, int instance) {
    boolean commitNow =
        partition >= 0 && settings.commit() == Connection.CommitPolicy.AFTER_PROCESSING;
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
