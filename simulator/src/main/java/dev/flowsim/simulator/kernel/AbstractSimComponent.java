package dev.flowsim.simulator.kernel;

import java.util.Objects;

/**
 * A base for {@link SimComponent}s that enforces the lifecycle (start once; crash only when up;
 * restart only when down) and counts incarnations, so subclasses implement only what their state
 * does in {@link #onStart()}, {@link #onCrash()} and {@link #onRestart()}.
 *
 * <p>Events scheduled before a crash still fire afterwards. A subclass typically captures {@link
 * #incarnation()} when it schedules and ignores the event if the incarnation has changed:
 *
 * <pre>{@code
 * int born = incarnation();
 * kernel().schedule(timeout, () -> { if (incarnation() == born) onTimeout(); });
 * }</pre>
 */
public abstract class AbstractSimComponent implements SimComponent {

  private final String id;
  private Kernel kernel;
  private boolean up;
  private int incarnation;

  protected AbstractSimComponent(String id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final void start(Kernel kernel) {
    if (this.kernel != null) {
      throw new IllegalStateException(id + " was already started");
    }
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    up = true;
    onStart();
  }

  @Override
  public final void crash() {
    if (!up) {
      throw new IllegalStateException(id + " cannot crash: it is not up");
    }
    up = false;
    incarnation++;
    onCrash();
  }

  @Override
  public final void restart() {
    if (kernel == null || up) {
      throw new IllegalStateException(id + " cannot restart: it has not crashed");
    }
    up = true;
    onRestart();
  }

  /** Whether the component is started and not crashed. */
  public final boolean isUp() {
    return up;
  }

  /** How many times the component has crashed; events from an earlier incarnation are stale. */
  public final int incarnation() {
    return incarnation;
  }

  /** The kernel given to {@link #start(Kernel)}. */
  protected final Kernel kernel() {
    if (kernel == null) {
      throw new IllegalStateException(id + " has not been started");
    }
    return kernel;
  }

  /** Schedules the initial events; the component is up. */
  protected abstract void onStart();

  /** Drops volatile state; the component is down and its incarnation already incremented. */
  protected abstract void onCrash();

  /** Recovers durable state and reschedules what a running component needs; it is up again. */
  protected abstract void onRestart();
}
