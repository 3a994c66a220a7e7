package dev.flowsim.simulator.kernel;

/**
 * An {@link Action} that receives a {@code long} stored with the scheduled event, typically an
 * event or message id that indexes the simulator's columnar tables. One instance (often a method
 * reference held in a field) can then serve every message without an allocation per event.
 *
 * <p>The same rules as for {@link Action} apply: it runs at its scheduled time on the kernel's
 * thread, may schedule and cancel, must not drive the kernel, and a thrown exception stops the run.
 */
@FunctionalInterface
public interface PayloadAction {

  /**
   * Performs the scheduled work.
   *
   * @param payload the value given when the event was scheduled
   */
  void run(long payload);
}
