package dev.flowsim.simulator.kernel;

/**
 * The lifecycle of a simulated component (producer, broker, processor, store, …). A component is a
 * state machine driven by the kernel: it is started once, may crash and restart any number of
 * times, and otherwise reacts to the events it scheduled (timers, message arrivals).
 *
 * <p>State is in two kinds: <em>volatile</em> (in memory: buffers, uncommitted offsets, caches),
 * which {@link #crash()} loses, and <em>durable</em> (on disk: a log, committed offsets, a
 * checkpoint), which {@link #restart()} recovers. A component reads other components' state only
 * through messages, so crashes are honest. Events a component scheduled before crashing still fire;
 * the component must ignore them while down or when they belong to an earlier incarnation (see
 * {@link AbstractSimComponent#incarnation()}), or cancel them on crash.
 */
public interface SimComponent {

  /** The component's id, as in the pipeline spec; also the key of its random streams. */
  String id();

  /**
   * Brings the component up for the first time and schedules its initial events (e.g. a producer's
   * first emission). Called once, at the kernel's current time.
   */
  void start(Kernel kernel);

  /** Stops the component abruptly: volatile state is lost, durable state is kept. */
  void crash();

  /** Brings a crashed component back: durable state is recovered, volatile state starts empty. */
  void restart();
}
