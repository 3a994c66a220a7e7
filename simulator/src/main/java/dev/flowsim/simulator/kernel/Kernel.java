package dev.flowsim.simulator.kernel;

import java.util.Objects;

/**
 * The discrete-event kernel: a virtual clock in {@code long} microseconds and a queue of scheduled
 * actions, in the spirit of SimPy's {@code Environment} ({@code now}, {@code schedule}, {@code
 * step}, {@code run(until)}).
 *
 * <p><b>Ordering rules.</b> Events run in increasing order of (time, sequence number). Every
 * scheduled event gets the next sequence number of this kernel, so events due at the same time run
 * in the order they were scheduled (FIFO), including events scheduled for {@link #now()} by the
 * running action, which run after everything already due now. Nothing else (identity hashes, wall
 * clock, threads) influences the order, so a run is a pure function of what was scheduled. The
 * clock never moves backwards; scheduling before {@link #now()} throws.
 *
 * <p><b>Handles.</b> {@code schedule} returns a {@code long} handle (never {@link #NO_EVENT}) that
 * can {@link #cancel(long)} the event while it is pending. A handle is single-use: once its event
 * has run or been cancelled it goes stale and {@code cancel} returns false (a handle could only be
 * mistaken for a later event's after 2<sup>32</sup> reuses of its internal slot). A cancelled event
 * never runs and does not move the clock.
 *
 * <p><b>Failures.</b> An exception thrown by an action stops the run as an {@link
 * ActionFailedException} carrying the virtual time and event; the clock stays at that time.
 *
 * <p>A kernel is not thread-safe: one simulation, one thread. The queue is a radix heap over
 * primitive arrays (see {@code EventQueue}); scheduling allocates nothing once its arrays have
 * grown to the peak number of pending events.
 */
public final class Kernel {

  /** A handle value no scheduled event ever has; a convenient "no timer pending" marker. */
  public static final long NO_EVENT = 0L;

  /** Returned by {@link #peekTime()} when no event is pending; not a valid event time. */
  public static final long NEVER = Long.MAX_VALUE;

  private final EventQueue queue;
  private long now;
  private long executed;
  private boolean running;

  /** Creates a kernel at time 0 with room for a few pending events (it grows on demand). */
  public Kernel() {
    this(64);
  }

  /**
   * Creates a kernel at time 0.
   *
   * @param initialCapacity expected peak number of pending events (a hint; the queue grows)
   */
  public Kernel(int initialCapacity) {
    this(new EventQueue(initialCapacity));
  }

  Kernel(EventQueue queue) {
    this.queue = queue;
  }

  /** The current virtual time in microseconds. */
  public long now() {
    return now;
  }

  /**
   * Schedules {@code action} to run {@code delayMicros} after {@link #now()}.
   *
   * @return the event's cancellation handle
   * @throws IllegalArgumentException if the delay is negative or the time overflows
   */
  public long schedule(long delayMicros, Action action) {
    return scheduleAt(timeAfter(delayMicros), action);
  }

  /**
   * Schedules {@code action} to run at the absolute virtual time {@code timeMicros}.
   *
   * @return the event's cancellation handle
   * @throws IllegalArgumentException if the time is before {@link #now()} or is {@link #NEVER}
   */
  public long scheduleAt(long timeMicros, Action action) {
    Objects.requireNonNull(action, "action");
    checkTime(timeMicros);
    return queue.add(timeMicros, action, null, 0L);
  }

  /**
   * Schedules {@code action} to run {@code delayMicros} after {@link #now()} with {@code payload}.
   *
   * @return the event's cancellation handle
   * @throws IllegalArgumentException if the delay is negative or the time overflows
   */
  public long schedule(long delayMicros, PayloadAction action, long payload) {
    return scheduleAt(timeAfter(delayMicros), action, payload);
  }

  /**
   * Schedules {@code action} to run at {@code timeMicros} with {@code payload}.
   *
   * @return the event's cancellation handle
   * @throws IllegalArgumentException if the time is before {@link #now()} or is {@link #NEVER}
   */
  public long scheduleAt(long timeMicros, PayloadAction action, long payload) {
    Objects.requireNonNull(action, "action");
    checkTime(timeMicros);
    return queue.add(timeMicros, null, action, payload);
  }

  /**
   * Cancels a pending event so that it never runs.
   *
   * @return true if the event was pending and is now cancelled; false if it already ran, was
   *     already cancelled, or the handle is not one of this kernel's
   */
  public boolean cancel(long handle) {
    return queue.cancel(handle);
  }

  /** Whether the event of {@code handle} is still pending (neither run nor cancelled). */
  public boolean isPending(long handle) {
    return queue.isPending(handle);
  }

  /**
   * Runs the next pending event, advancing the clock to its time.
   *
   * @return false (and does nothing) if no event is pending
   * @throws ActionFailedException if the action throws
   * @throws IllegalStateException if called from inside an action
   */
  public boolean step() {
    enter();
    try {
      if (!queue.prepare(Long.MAX_VALUE)) {
        return false;
      }
      runNext();
      return true;
    } finally {
      running = false;
    }
  }

  /**
   * Runs every event due at or before {@code timeMicros}, including events those actions schedule
   * within that horizon, then sets the clock to exactly {@code timeMicros}. Calling it again with a
   * later time resumes exactly where it stopped: {@code runUntil(a); runUntil(b)} runs the same
   * events in the same order as {@code runUntil(b)}.
   *
   * @throws IllegalArgumentException if {@code timeMicros} is before {@link #now()}
   * @throws ActionFailedException if an action throws; the clock then stays at that action's time
   * @throws IllegalStateException if called from inside an action
   */
  public void runUntil(long timeMicros) {
    if (timeMicros < now) {
      throw new IllegalArgumentException(
          "cannot run until t=" + timeMicros + "us: the clock is already at " + now + "us");
    }
    enter();
    try {
      while (queue.prepare(timeMicros)) {
        runNext();
      }
    } finally {
      running = false;
    }
    now = timeMicros;
  }

  /** Whether no event is pending (cancelled events do not count). */
  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Number of pending events (cancelled events do not count). */
  public int pendingCount() {
    return queue.size();
  }

  /** The time of the next pending event, or {@link #NEVER} if none is pending. */
  public long peekTime() {
    return queue.peekTime();
  }

  /** Number of events executed so far (cancelled events are not executed). */
  public long executedCount() {
    return executed;
  }

  /** Number of events scheduled so far, including cancelled ones. */
  public long scheduledCount() {
    return queue.addedCount();
  }

  /** Runs the event that {@link EventQueue#prepare} brought to the head. */
  private void runNext() {
    long time = queue.headTime();
    int slot = queue.removeHead();
    long serial = queue.serial(slot);
    Action action = queue.action(slot);
    PayloadAction payloadAction = queue.payloadAction(slot);
    long payload = queue.payload(slot);
    queue.release(slot); // the handle is stale while the action runs: it is no longer pending
    now = time;
    executed++;
    try {
      if (action != null) {
        action.run();
      } else {
        payloadAction.run(payload);
      }
    } catch (RuntimeException e) {
      throw new ActionFailedException(time, serial, action != null ? action : payloadAction, e);
    }
  }

  private void enter() {
    if (running) {
      throw new IllegalStateException("the kernel cannot be stepped from inside an action");
    }
    running = true;
  }

  private long timeAfter(long delayMicros) {
    if (delayMicros < 0) {
      throw new IllegalArgumentException(
          "cannot schedule in the past: delay " + delayMicros + "us at t=" + now + "us");
    }
    long time = now + delayMicros;
    if (time < 0) {
      throw new IllegalArgumentException(
          "delay " + delayMicros + "us at t=" + now + "us overflows the clock");
    }
    return time;
  }

  private void checkTime(long timeMicros) {
    if (timeMicros < now) {
      throw new IllegalArgumentException(
          "cannot schedule in the past: t=" + timeMicros + "us is before now=" + now + "us");
    }
    if (timeMicros == NEVER) {
      throw new IllegalArgumentException("cannot schedule at Kernel.NEVER");
    }
  }
}
