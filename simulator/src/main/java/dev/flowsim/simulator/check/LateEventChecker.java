package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.StateChecks.at;
import static dev.flowsim.simulator.check.StateChecks.quote;
import static dev.flowsim.simulator.check.StateChecks.span;

import dev.flowsim.model.Operator;
import dev.flowsim.model.Processor;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LATE_EVENT: an event reached a windowed aggregation after a window it belongs to had fired, and
 * was not absorbed by a correction, so that window's result differs from the truth for good.
 *
 * <p>A LATE step at a window processor (clock = the event's time, value = the watermark, offset =
 * the start of its first closed window) is a finding when the event was <em>dropped</em> (the step
 * right after is the processor's SKIP of the same event: late policy drop, or a correction policy
 * whose windows were all forgotten beyond the allowed lateness) or <em>sent to the side output</em>
 * (late policy side-output: the event goes on as an input event, not into the window). A late event
 * absorbed by a correction (a WINDOW_EMIT with an old value, before the LATE step) is not a
 * finding. One finding per uncorrected late event, at its LATE step; witnesses: the event and, when
 * known, the window result it is missing from (the window's last WINDOW_EMIT). Windows are judged
 * by the event time the producer stamped (the time the window logic assigns by); whether a skewed
 * clock put an event in another window than its true creation time is not judged. An event that is
 * late for several hopping windows, of which only some could still be corrected, is not a finding.
 */
final class LateEventChecker extends Checker {
  /** Window results remembered per (processor, key). */
  private static final int KEPT = 4;

  private static final Object NOT_A_WINDOW = new Object();
  private Object[] windows = new Object[16];

  // the LATE step waiting to see what follows it
  private boolean pending;
  private long lateEvent;
  private int lateComponent;
  private int lateKey;
  private int lateInstance;
  private long lateStart;
  private long lateWatermark;
  private long lateEventTime;
  private long lateAt;

  /** A window processor, and the last results it emitted per key. */
  private static final class Window {
    final Processor spec;
    final Operator.Window op;
    long[] starts = new long[16 * KEPT];
    long[] instances = new long[16 * KEPT];
    long[] values = new long[16 * KEPT];
    long[] results = new long[16 * KEPT];
    long[] times = new long[16 * KEPT];
    byte[] counts = new byte[16];

    Window(Processor spec, Operator.Window op) {
      this.spec = spec;
      this.op = op;
    }

    void emitted(int k, long start, int instance, long value, long result, long time) {
      if (k < 0) {
        return;
      }
      if (k >= counts.length) {
        int n = Math.max(k + 1, counts.length * 2);
        counts = Arrays.copyOf(counts, n);
        starts = Arrays.copyOf(starts, n * KEPT);
        instances = Arrays.copyOf(instances, n * KEPT);
        values = Arrays.copyOf(values, n * KEPT);
        results = Arrays.copyOf(results, n * KEPT);
        times = Arrays.copyOf(times, n * KEPT);
      }
      int base = k * KEPT;
      int n = counts[k];
      for (int i = 0; i < n; i++) {
        if (starts[base + i] == start && instances[base + i] == instance) {
          values[base + i] = value;
          results[base + i] = result;
          times[base + i] = time;
          return;
        }
      }
      if (n == KEPT) {
        System.arraycopy(starts, base + 1, starts, base, KEPT - 1);
        System.arraycopy(instances, base + 1, instances, base, KEPT - 1);
        System.arraycopy(values, base + 1, values, base, KEPT - 1);
        System.arraycopy(results, base + 1, results, base, KEPT - 1);
        System.arraycopy(times, base + 1, times, base, KEPT - 1);
        n--;
      }
      starts[base + n] = start;
      instances[base + n] = instance;
      values[base + n] = value;
      results[base + n] = result;
      times[base + n] = time;
      counts[k] = (byte) (n + 1);
    }

    /** The slot of the last result of window {@code start} at {@code instance}, or -1. */
    int find(int k, long start, int instance) {
      if (k < 0 || k >= counts.length) {
        return -1;
      }
      int base = k * KEPT;
      for (int i = counts[k] - 1; i >= 0; i--) {
        if (starts[base + i] == start && instances[base + i] == instance) {
          return base + i;
        }
      }
      return -1;
    }
  }

  LateEventChecker(CheckContext ctx) {
    super(ctx);
  }

  private Window window(int c) {
    if (c < 0) {
      return null;
    }
    if (c >= windows.length) {
      windows = Arrays.copyOf(windows, Math.max(c + 1, windows.length * 2));
    }
    Object o = windows[c];
    if (o == null) {
      o =
          ctx.component(c) instanceof Processor p && p.operator() instanceof Operator.Window w
              ? new Window(p, w)
              : NOT_A_WINDOW;
      windows[c] = o;
    }
    return o instanceof Window w ? w : null;
  }

  @Override
  public void onStep(TraceStep s) {
    if (pending) {
      pending = false;
      boolean dropped =
          s.kind() == StepKind.SKIP && s.eventId() == lateEvent && s.component() == lateComponent;
      judge(dropped);
    }
    if (s.kind() == StepKind.WINDOW_EMIT) {
      Window w = window(s.component());
      if (w != null) {
        w.emitted(s.key(), s.offset(), s.partition(), s.value(), s.eventId(), s.timeMicros());
      }
    } else if (s.kind() == StepKind.LATE) {
      if (window(s.component()) != null) {
        pending = true;
        lateEvent = s.eventId();
        lateComponent = s.component();
        lateKey = s.key();
        lateInstance = s.partition();
        lateStart = s.offset();
        lateWatermark = s.value();
        lateEventTime = s.clock();
        lateAt = s.timeMicros();
      }
    }
  }

  @Override
  public void finish(long endMicros) {
    if (pending) {
      pending = false;
      judge(false);
    }
  }

  private void judge(boolean dropped) {
    Window w = window(lateComponent);
    Operator.LatePolicy policy = w.op.latePolicy();
    boolean side = policy == Operator.LatePolicy.SIDE_OUTPUT;
    if (!side && !dropped) {
      return; // absorbed by a correction
    }
    if (StateChecks.countOnly(ctx, AnomalyKind.LATE_EVENT, lateAt, 0)) {
      return;
    }
    Events events = ctx.events();
    String key = ctx.key(lateKey);
    int slot = w.find(lateKey, lateStart, lateInstance);
    boolean session = w.op.window() == Operator.WindowType.SESSION;
    long end = lateStart + w.op.size().micros();
    String aggregate =
        switch (w.op.aggregate()) {
          case COUNT -> "count";
          case SUM -> "sum";
          case LATEST -> "latest value";
        };
    StringBuilder b = new StringBuilder();
    b.append(quote(w.spec.id()))
        .append(" (instance ")
        .append(lateInstance)
        .append(") received ")
        .append(Finding.event(lateEvent))
        .append(" (")
        .append(key);
    int producer = lateEvent > 0 ? events.producer(lateEvent) : -1;
    if (producer >= 0) {
      b.append(", from ").append(quote(ctx.name(producer)));
    }
    b.append(") at ")
        .append(at(lateAt))
        .append(" with event time ")
        .append(at(lateEventTime))
        .append(", but its watermark was already ")
        .append(at(lateWatermark))
        .append(" and ");
    if (session) {
      b.append("the session of ").append(key).append(" starting at ").append(at(lateStart));
    } else {
      b.append("the window [")
          .append(at(lateStart))
          .append(", ")
          .append(at(end))
          .append(") of ")
          .append(key);
    }
    b.append(" had already fired");
    if (slot >= 0) {
      b.append(" (")
          .append(aggregate)
          .append(' ')
          .append(w.values[slot])
          .append(" in ")
          .append(Finding.event(w.results[slot]))
          .append(" at ")
          .append(at(w.times[slot]))
          .append(')');
    }
    b.append(". The event was ");
    String fix;
    long behind = lateWatermark - lateEventTime;
    if (side) {
      b.append("sent to the side output (late policy side-output), so that ")
          .append(aggregate)
          .append(" misses it for good.");
      fix =
          "raise the watermarkDelay above "
              + span(behind)
              + ", or emit corrections (latePolicy correction with an allowedLateness)";
    } else if (policy == Operator.LatePolicy.CORRECTION) {
      b.append("dropped: the window had been forgotten, its allowed lateness (")
          .append(w.op.allowedLateness())
          .append(") having passed, so that ")
          .append(aggregate)
          .append(" misses it for good.");
      fix =
          "raise the allowedLateness (now "
              + w.op.allowedLateness()
              + ") above "
              + span(Math.max(0, lateWatermark - end))
              + ", or the watermarkDelay";
    } else {
      b.append("dropped (late policy drop), so that ")
          .append(aggregate)
          .append(" misses it for good.");
      fix =
          "raise the watermarkDelay (now "
              + w.op.watermarkDelay()
              + ") above "
              + span(behind)
              + ", and correct late results (latePolicy correction with an allowedLateness)";
    }
    if (lateEvent > 0) {
      long created = events.createdAt(lateEvent);
      long skew = lateEventTime - created;
      b.append(" It was ")
          .append(span(behind))
          .append(" behind the watermark: it was created at ")
          .append(at(created));
      if (Math.abs(skew) >= 1_000) {
        b.append(", stamped by a producer clock ")
            .append(span(Math.abs(skew)))
            .append(skew < 0 ? " behind" : " ahead");
      }
      b.append(", and reached the processor ")
          .append(span(lateAt - created))
          .append(" later, after events with later times had moved the watermark on.");
    }
    List<String> witness = new ArrayList<>(2);
    witness.add(Finding.event(lateEvent));
    if (slot >= 0) {
      witness.add(Finding.event(w.results[slot]));
    }
    List<String> components = new ArrayList<>(2);
    components.add(w.spec.id());
    if (producer >= 0) {
      components.add(ctx.name(producer));
    }
    ctx.report(
        AnomalyKind.LATE_EVENT, lateAt, components, List.of(key), witness, b.toString(), fix, 0);
  }
}
