package dev.flowsim.simulator.node;

import dev.flowsim.model.Operator;
import dev.flowsim.simulator.engine.Link;
import java.util.HashMap;
import java.util.Map;

/**
 * Idempotent processing: an event whose request id was seen within the retention is skipped. Events
 * without a request id cannot be recognised and pass. The seen set is processor state: a crash
 * loses it, and the restart restores the copy of the last checkpoint, so duplicates whose first
 * copy came after the checkpoint pass again.
 */
final class DedupeLogic implements ProcessorNode.OperatorLogic {
  private final ProcessorNode node;
  private final long retention;
  private final Map<Long, Long> seen = new HashMap<>();

  DedupeLogic(ProcessorNode node, Operator.Dedupe spec) {
    this.node = node;
    this.retention = spec.retention().micros();
  }

  @Override
  public void process(long[] item, Link from) {
    long event = item[ProcessorNode.EVENT];
    long requestId = node.world().events().requestId(event);
    long now = node.world().now();
    if (requestId != 0) {
      Long at = seen.get(requestId);
      if (at != null && now - at <= retention) {
        node.skip(event, (int) item[ProcessorNode.KEY], item[ProcessorNode.VALUE]);
        return;
      }
      seen.put(requestId, now);
    }
    node.emit(
        event,
        (int) item[ProcessorNode.KEY],
        item[ProcessorNode.VALUE],
        item[ProcessorNode.SOURCE]);
  }

  @Override
  public void crash() {
    seen.clear();
  }

  @Override
  public Object snapshot() {
    return new HashMap<>(seen);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void restore(Object snapshot) {
    seen.clear();
    seen.putAll((Map<Long, Long>) snapshot);
  }
}
