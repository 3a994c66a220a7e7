package dev.flowsim.app.gui.analysis;

import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Reads of a long trace that would stall the FX thread: done on a daemon thread, the answer handed
 * back on the FX thread. A completed run's trace is no longer written, so reading it from another
 * thread is safe. Short traces are read on the spot (a few milliseconds), which keeps the views
 * immediate and tests deterministic.
 */
final class Background {

  /** Traces with at most this many stored steps are read on the FX thread (tests lower it). */
  static volatile long syncSteps = 400_000;

  private Background() {}

  static <T> void run(String name, Supplier<T> work, Consumer<T> done) {
    Thread t =
        new Thread(
            () -> {
              T value = work.get();
              Platform.runLater(() -> done.accept(value));
            },
            name);
    t.setDaemon(true);
    t.start();
  }
}
