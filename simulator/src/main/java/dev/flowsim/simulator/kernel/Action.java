package dev.flowsim.simulator.kernel;

/**
 * Work scheduled on the {@link Kernel} for a virtual time: a timer firing, a message arriving, a
 * fault being injected. It takes no arguments because an action is almost always a method of the
 * component that scheduled it and already knows its kernel; when the same action object has to be
 * scheduled for many different messages, use {@link PayloadAction} instead of allocating one
 * capturing lambda per message.
 *
 * <p>An action runs on the kernel's (only) thread with {@link Kernel#now()} equal to its scheduled
 * time. It may schedule and cancel events but must not call {@link Kernel#step()} or {@link
 * Kernel#runUntil(long)}. An exception it throws stops the run as an {@link ActionFailedException}.
 */
@FunctionalInterface
public interface Action {

  /** Performs the scheduled work. */
  void run();
}
