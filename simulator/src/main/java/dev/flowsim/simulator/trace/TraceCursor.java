package dev.flowsim.simulator.trace;

/**
 * Reads stored steps of a {@link Trace} back, by index ({@link #seek(long)}) or in order ({@link
 * #next()}). The cursor is itself the {@link TraceStep} view of the step it is on; it allocates
 * nothing while moving. A step that has dropped out of a bounded trace's window can no longer be
 * read: the getters and {@code seek} throw rather than return another step's data.
 */
public final class TraceCursor implements TraceStep {

  private final Trace trace;
  private long index = NONE; // NONE: before the first stored step
  private StepColumns chunk;
  private int at;

  TraceCursor(Trace trace) {
    this.trace = trace;
  }

  /**
   * Moves to step {@code index}.
   *
   * @return this cursor
   * @throws IndexOutOfBoundsException if the step is not stored (dropped, or not yet recorded)
   */
  public TraceCursor seek(long index) {
    long first = trace.firstRetainedIndex();
    if (index < first || index >= trace.stepCount()) {
      throw new IndexOutOfBoundsException(
          "step "
              + index
              + " is not stored; stored steps are ["
              + first
              + ", "
              + trace.stepCount()
              + ")");
    }
    this.index = index;
    this.chunk = trace.chunkOf(index);
    this.at = trace.positionInChunk(index);
    return this;
  }

  /**
   * Moves to the next stored step (the oldest one if the cursor has not been positioned yet).
   *
   * @return false, without moving, if there is no next step
   * @throws IllegalStateException if the next step has already dropped out of the window
   */
  public boolean next() {
    long target = index == NONE ? trace.firstRetainedIndex() : index + 1;
    if (target >= trace.stepCount()) {
      return false;
    }
    if (target < trace.firstRetainedIndex()) {
      throw new IllegalStateException(
          "step " + target + " dropped out of the trace window while it was being read");
    }
    seek(target);
    return true;
  }

  @Override
  public long index() {
    return index;
  }

  @Override
  public long timeMicros() {
    check();
    return chunk.times[at];
  }

  @Override
  public int component() {
    check();
    return chunk.components[at];
  }

  @Override
  public StepKind kind() {
    check();
    return StepKind.fromCode(chunk.kinds[at]);
  }

  @Override
  public long eventId() {
    check();
    return chunk.eventIds[at];
  }

  @Override
  public int key() {
    check();
    return chunk.keys[at];
  }

  @Override
  public int partition() {
    check();
    return chunk.partitions[at];
  }

  @Override
  public long offset() {
    check();
    return chunk.offsets[at];
  }

  @Override
  public long value() {
    check();
    return chunk.values[at];
  }

  @Override
  public long oldValue() {
    check();
    return chunk.oldValues[at];
  }

  @Override
  public long clock() {
    check();
    return chunk.clocks[at];
  }

  @Override
  public String toString() {
    return index == NONE ? "TraceCursor(before first)" : TraceStep.describe(this);
  }

  private void check() {
    if (index == NONE) {
      throw new IllegalStateException("the cursor is not on a step: call next() or seek()");
    }
    if (index < trace.firstRetainedIndex()) {
      throw new IllegalStateException(
          "step " + index + " dropped out of the trace window; its data is gone");
    }
  }
}
