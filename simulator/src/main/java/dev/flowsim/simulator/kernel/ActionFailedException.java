package dev.flowsim.simulator.kernel;

/**
 * Thrown by {@link Kernel#step()} and {@link Kernel#runUntil(long)} when a scheduled action throws.
 * A failure is never swallowed: the run stops, the kernel's clock stays at the failing event's time
 * and the original exception is the cause. The failed event has been consumed; the rest of the
 * queue is intact, so the kernel can still be inspected.
 */
public final class ActionFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long timeMicros;
  private final long sequence;

  ActionFailedException(long timeMicros, long sequence, Object action, RuntimeException cause) {
    super(
        "action failed at t="
            + timeMicros
            + "us (event #"
            + sequence
            + ", "
            + action
            + "): "
            + cause,
        cause);
    this.timeMicros = timeMicros;
    this.sequence = sequence;
  }

  /** The virtual time, in microseconds, at which the failing action ran. */
  public long timeMicros() {
    return timeMicros;
  }

  /** The failing event's number among all events scheduled on the kernel, counting from 0. */
  public long sequence() {
    return sequence;
  }
}
