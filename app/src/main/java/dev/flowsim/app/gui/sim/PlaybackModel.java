package dev.flowsim.app.gui.sim;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.Trace;
import dev.flowsim.simulator.trace.TraceCursor;
import dev.flowsim.simulator.trace.TraceListener;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * What playback needs from a run, prepared once (off the FX thread) and then read-only: the {@link
 * StateLayout} and checkpoints of the state every {@value #CHECKPOINT_EVERY} steps, and the message
 * {@link Flights}. A {@link Seeker} gives the state at any time by replaying the trace from the
 * nearest checkpoint, so seeking backward or forward lands on exactly the state a straight replay
 * reaches. No JavaFX here.
 *
 * <p>A trace that kept only its last steps ({@code keepingLast}) is played back over its window:
 * with the checkpoints a {@link Recorder} streamed during the run the window's states are exact;
 * without them they start from an empty state at the window's first step ({@link #partial()}).
 */
public final class PlaybackModel {

  /** Steps between two checkpoints. */
  public static final int CHECKPOINT_EVERY = 4096;

  private final SimulationResult result;
  private final StateLayout layout;
  private final int[] map;
  private final long[] cpIndex;
  private final long[][] cpState;
  private final Flights flights;
  private final boolean partial;

  private PlaybackModel(
      SimulationResult result,
      StateLayout layout,
      int[] map,
      long[] cpIndex,
      long[][] cpState,
      Flights flights,
      boolean partial) {
    this.result = result;
    this.layout = layout;
    this.map = map;
    this.cpIndex = cpIndex;
    this.cpState = cpState;
    this.flights = flights;
    this.partial = partial;
  }

  /**
   * Folds the steps of a run into the state as they are recorded and keeps a checkpoint every
   * {@value #CHECKPOINT_EVERY} steps; pass it to the run as a listener, then to {@link #build}.
   */
  public static final class Recorder implements TraceListener {
    private final StateLayout layout;
    private final int[] map;
    private final long[] state;
    private long first = -1;
    private long count;
    private long[] indices = new long[64];
    private long[][] states = new long[64][];
    private int checkpoints;

    public Recorder(Pipeline pipeline) {
      this(new StateLayout(pipeline), null);
    }

    Recorder(StateLayout layout, int[] map) {
      this.layout = layout;
      this.map = map == null ? layout.identity() : map;
      this.state = layout.initial();
    }

    @Override
    public void onStep(TraceStep step) {
      long index = step.index();
      if (first < 0) {
        first = index;
        count = index;
      }
      if (index != count) {
        throw new IllegalStateException("steps must come in order: " + index + " after " + count);
      }
      if ((index - first) % CHECKPOINT_EVERY == 0) {
        checkpoint(index);
      }
      int c = step.component();
      layout.apply(state, c >= 0 && c < map.length ? map[c] : -1, step);
      count = index + 1;
    }

    private void checkpoint(long index) {
      if (checkpoints == indices.length) {
        indices = Arrays.copyOf(indices, checkpoints * 2);
        states = Arrays.copyOf(states, checkpoints * 2);
      }
      indices[checkpoints] = index;
      states[checkpoints] = state.clone();
      checkpoints++;
    }

    /** Steps folded so far (counting from the first one seen). */
    public long count() {
      return count;
    }
  }

  /** Prepares playback of a run from its stored trace. */
  public static PlaybackModel build(SimulationResult result) {
    return build(result, null, () -> false);
  }

  /**
   * Prepares playback of a run.
   *
   * @param streamed the recorder that saw every step of the run as it happened, or null
   * @param cancelled polled now and then; when it turns true the build stops with a {@link
   *     CancellationException}
   */
  public static PlaybackModel build(
      SimulationResult result, Recorder streamed, BooleanSupplier cancelled) {
    Trace trace = result.trace();
    StateLayout layout = streamed != null ? streamed.layout : new StateLayout(result.pipeline());
    List<String> names = trace.components().names();
    int[] map = layout.mapping(names);
    long first = trace.firstRetainedIndex();
    long total = trace.stepCount();

    boolean streamUsable =
        streamed != null
            && streamed.first == 0
            && streamed.count == total
            && Arrays.equals(map, layout.identity());
    long[] cpIndex;
    long[][] cpState;
    boolean partial;
    if (streamUsable) {
      // keep the checkpoints inside the stored window, plus the final state
      streamed.checkpoint(total);
      int from = 0;
      while (from < streamed.checkpoints && streamed.indices[from] < first) {
        from++;
      }
      cpIndex = Arrays.copyOfRange(streamed.indices, from, streamed.checkpoints);
      cpState = Arrays.copyOfRange(streamed.states, from, streamed.checkpoints);
      partial = false;
    } else {
      Recorder r = new Recorder(layout, map);
      TraceCursor cursor = trace.cursor();
      long n = 0;
      while (cursor.next()) {
        r.onStep(cursor);
        if ((++n & 0xFFFF) == 0 && cancelled.getAsBoolean()) {
          throw new CancellationException();
        }
      }
      r.checkpoint(total);
      cpIndex = Arrays.copyOf(r.indices, r.checkpoints);
      cpState = Arrays.copyOf(r.states, r.checkpoints);
      partial = first > 0;
    }
    Flights flights = flights(result, layout, map, cancelled);
    return new PlaybackModel(result, layout, map, cpIndex, cpState, flights, partial);
  }

  private record MessageKey(int link, long event, int partition, long offset, long value) {}

  private static Flights flights(
      SimulationResult result, StateLayout layout, int[] map, BooleanSupplier cancelled) {
    Trace trace = result.trace();
    int n = layout.componentCount();
    int links = layout.linkCount();
    boolean[] duplicating = new boolean[links];
    for (int l = 0; l < links; l++) {
      duplicating[l] = layout.pipeline().connections().get(l).duplication() > 0;
    }
    Flights.Builder b = new Flights.Builder();
    Map<MessageKey, Object> pending = new HashMap<>();
    Map<MessageKey, Integer> arrived = new HashMap<>();
    TraceCursor c = trace.cursor();
    long steps = 0;
    while (c.next()) {
      if ((++steps & 0xFFFF) == 0 && cancelled.getAsBoolean()) {
        throw new CancellationException();
      }
      StepKind kind = c.kind();
      if (kind != StepKind.SEND && kind != StepKind.DELIVER && kind != StepKind.DROP) {
        continue;
      }
      long lv = c.oldValue();
      if (lv < 0 || lv >= map.length || map[(int) lv] < n) {
        continue; // not on a link (a queue's own drop)
      }
      int link = map[(int) lv] - n;
      MessageKey key = new MessageKey(link, c.eventId(), c.partition(), c.offset(), c.value());
      if (kind == StepKind.SEND) {
        int sender = c.component() >= 0 && c.component() < map.length ? map[c.component()] : -1;
        String from = layout.pipeline().connections().get(link).from();
        boolean backward =
            sender >= 0 && !layout.pipeline().components().get(sender).id().equals(from);
        int id = b.start(c.timeMicros(), link, c.key(), c.partition(), backward);
        Object was = pending.get(key);
        if (was == null) {
          pending.put(key, id);
        } else if (was instanceof Integer i) {
          pending.put(key, new int[] {2, i, id});
        } else {
          int[] q = (int[]) was;
          if (q[0] + 1 == q.length) {
            q = Arrays.copyOf(q, q.length * 2);
          }
          q[++q[0]] = id;
          pending.put(key, q);
        }
      } else {
        boolean dropped = kind == StepKind.DROP;
        int id = takeOldest(pending, key);
        if (id >= 0) {
          b.finish(id, c.timeMicros(), dropped);
          if (duplicating[link]) {
            arrived.put(key, id);
          }
        } else if (duplicating[link]) {
          Integer of = arrived.get(key);
          if (of != null) {
            b.copy(of, c.timeMicros(), dropped);
          }
        }
      }
    }
    return b.build(links, result.endMicros());
  }

  /** Removes and returns the oldest pending flight of a message, or -1. */
  private static int takeOldest(Map<MessageKey, Object> pending, MessageKey key) {
    Object was = pending.get(key);
    if (was == null) {
      return -1;
    }
    if (was instanceof Integer i) {
      pending.remove(key);
      return i;
    }
    int[] q = (int[]) was; // q[0] = last used slot; flights in q[1..q[0]]
    int id = q[1];
    System.arraycopy(q, 2, q, 1, q[0] - 1);
    q[0]--;
    if (q[0] == 0) {
      pending.remove(key);
    }
    return id;
  }

  // ------------------------------------------------------------------ reading

  public SimulationResult result() {
    return result;
  }

  public StateLayout layout() {
    return layout;
  }

  public Flights flights() {
    return flights;
  }

  /** The run's end (the last simulated time). */
  public long endMicros() {
    return result.endMicros();
  }

  /** True when the trace kept only a window and no streamed checkpoints made its states exact. */
  public boolean partial() {
    return partial;
  }

  /** The local number (components, then links) of a trace component index, or -1. */
  public int local(int traceComponent) {
    return traceComponent >= 0 && traceComponent < map.length ? map[traceComponent] : -1;
  }

  /** The trace component index of a component id, or -1. */
  public int traceIndexOf(String componentId) {
    return result.trace().components().indexOf(componentId);
  }

  /** The first step index playback can reach (the first checkpoint). */
  public long firstIndex() {
    return cpIndex[0];
  }

  /** The earliest time playback can show exactly (0 for a fully stored trace). */
  public long startMicros() {
    Trace trace = result.trace();
    if (cpIndex[0] == 0 || cpIndex[0] >= trace.stepCount()) {
      return 0;
    }
    return trace.cursor().seek(cpIndex[0]).timeMicros();
  }

  /** Number of steps at or before {@code t}, as an absolute step index (first step after t). */
  public long stepsUpTo(long t, TraceCursor cursor) {
    long lo = firstIndex();
    long hi = result.trace().stepCount();
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (cursor.seek(mid).timeMicros() <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The time of the next step after {@code t} that concerns the given component (trace index, or -1
   * for any) and key (trace key index, or -1 for any); -1 if there is none.
   */
  public long nextEventAfter(long t, int traceComponent, int key) {
    TraceCursor cursor = result.trace().cursor();
    long i = stepsUpTo(t, cursor);
    if (i >= result.trace().stepCount()) {
      return -1;
    }
    cursor.seek(i);
    do {
      if ((traceComponent < 0 || cursor.component() == traceComponent)
          && (key < 0 || cursor.key() == key)) {
        return cursor.timeMicros();
      }
    } while (cursor.next());
    return -1;
  }

  /** A new seeker (one per user; not thread-safe). */
  public Seeker seeker() {
    return new Seeker();
  }

  /**
   * The state at a time: after every step at or before it. Moving forward a little replays the
   * steps in between; any other move restores the nearest checkpoint at or before the target and
   * replays from there, so the result never depends on where the seeker was before.
   */
  public final class Seeker {
    private final long[] state = layout.initial();
    private final TraceCursor cursor = result.trace().cursor();
    private long position = -1;

    /** The state after every step at or before {@code t}; the array is reused by the next seek. */
    public long[] seek(long t) {
      long target = stepsUpTo(t, cursor);
      if (position < 0 || target < position || target - position > 2L * CHECKPOINT_EVERY) {
        int k = checkpointAtOrBefore(target);
        long[] cp = cpState[k];
        System.arraycopy(cp, 0, state, 0, cp.length);
        position = cpIndex[k];
      }
      if (position < target) {
        cursor.seek(position);
        while (true) {
          int c = cursor.component();
          layout.apply(state, c >= 0 && c < map.length ? map[c] : -1, cursor);
          position++;
          if (position >= target || !cursor.next()) {
            break;
          }
        }
      }
      return state;
    }

    /** The step index the state was taken after (exclusive). */
    public long position() {
      return position;
    }
  }

  private int checkpointAtOrBefore(long index) {
    int lo = 0;
    int hi = cpIndex.length - 1;
    if (index <= cpIndex[0]) {
      return 0;
    }
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (cpIndex[mid] <= index) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
