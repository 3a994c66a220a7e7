package dev.flowsim.app.gui.analysis;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.StringTable;
import dev.flowsim.simulator.trace.TraceCursor;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one key across the pipeline, as a swimlane diagram draws them: one lane per
 * component in dataflow order, a mark per step the key took at a component (produced, appended,
 * consumed, applied, read…), and an arrow per message hop from its SEND to its DELIVER (or DROP),
 * so that reordering, lag and lateness show as crossing and long arrows.
 *
 * @param lanes component ids, upstream first
 * @param marks the key's steps at components, in trace order
 * @param hops the messages of the key that crossed (or were lost on) a connection
 */
public record KeyTimeline(String key, List<String> lanes, List<Mark> marks, List<Hop> hops) {

  /** One step at a lane, with the step's fields (see {@link StepKind} for their meaning). */
  public record Mark(
      long timeMicros,
      int lane,
      StepKind kind,
      long eventId,
      int partition,
      long offset,
      long value,
      long oldValue) {

    /** The short text drawn beside the mark. */
    public String label() {
      return KeyTimeline.label(this);
    }

    /** The tooltip of the mark, naming its component. */
    public String detail(String component) {
      return KeyTimeline.describe(this, component);
    }
  }

  /**
   * One message hop: sent at {@code fromLane} at {@code sentMicros}, delivered at {@code toLane} at
   * {@code arrivedMicros}, or lost there when {@code dropped}.
   */
  public record Hop(
      long eventId,
      int fromLane,
      long sentMicros,
      int toLane,
      long arrivedMicros,
      boolean dropped,
      String link) {}

  public KeyTimeline {
    lanes = List.copyOf(lanes);
    marks = List.copyOf(marks);
    hops = List.copyOf(hops);
  }

  public boolean isEmpty() {
    return marks.isEmpty() && hops.isEmpty();
  }

  /** The time of the first and the last step, or {0, 0}. */
  public long[] span() {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (Mark m : marks) {
      lo = Math.min(lo, m.timeMicros());
      hi = Math.max(hi, m.timeMicros());
    }
    for (Hop h : hops) {
      lo = Math.min(lo, h.sentMicros());
      hi = Math.max(hi, h.arrivedMicros());
    }
    return lo > hi ? new long[] {0, 0} : new long[] {lo, hi};
  }

  /** How many events the key's producers created (PRODUCE marks). */
  public long produced() {
    return marks.stream().filter(m -> m.kind() == StepKind.PRODUCE).count();
  }

  /**
   * The keys that have steps in the run's stored trace, in natural order (user-2 before user-10).
   */
  public static List<String> keys(SimulationResult result) {
    List<String> keys = new ArrayList<>(result.trace().keys().names());
    keys.sort(NATURAL);
    return keys;
  }

  /** Components in dataflow order: sources first (a topological order, spec order on ties). */
  public static List<String> dataflowOrder(Pipeline p) {
    Map<String, Integer> indegree = new LinkedHashMap<>();
    for (Component c : p.components()) {
      indegree.put(c.id(), 0);
    }
    for (Connection c : p.connections()) {
      if (indegree.containsKey(c.to()) && indegree.containsKey(c.from())) {
        indegree.merge(c.to(), 1, Integer::sum);
      }
    }
    List<String> out = new ArrayList<>();
    List<String> ready = new ArrayList<>();
    indegree.forEach(
        (id, d) -> {
          if (d == 0) {
            ready.add(id);
          }
        });
    while (out.size() < indegree.size()) {
      if (ready.isEmpty()) {
        // a cycle: take the first remaining component in spec order
        for (String id : indegree.keySet()) {
          if (!out.contains(id)) {
            ready.add(id);
            break;
          }
        }
      }
      String next = ready.remove(0);
      if (out.contains(next)) {
        continue;
      }
      out.add(next);
      for (Connection c : p.connectionsFrom(next)) {
        Integer d = indegree.get(c.to());
        if (d != null && !out.contains(c.to())) {
          indegree.put(c.to(), d - 1);
          if (d - 1 == 0 && !ready.contains(c.to())) {
            ready.add(c.to());
          }
        }
      }
    }
    return out;
  }

  /** Reads the key's steps from the result's stored trace. */
  public static KeyTimeline of(SimulationResult result, String key) {
    Pipeline p = result.pipeline();
    List<String> lanes = dataflowOrder(p);
    StringTable table = result.trace().components();
    int keyIndex = key == null ? -1 : result.trace().keys().indexOf(key);
    if (keyIndex < 0) {
      return new KeyTimeline(key, lanes, List.of(), List.of());
    }
    Map<Integer, Integer> laneOf = new HashMap<>();
    for (int i = 0; i < lanes.size(); i++) {
      int idx = table.indexOf(lanes.get(i));
      if (idx >= 0) {
        laneOf.put(idx, i);
      }
    }
    Map<Integer, Connection> linkOf = new HashMap<>();
    for (Connection c : p.connections()) {
      int idx = table.indexOf(c.label());
      if (idx >= 0) {
        linkOf.put(idx, c);
      }
    }
    List<Mark> marks = new ArrayList<>();
    List<Hop> hops = new ArrayList<>();
    // sends waiting for their delivery: (event, link) -> send times, oldest first
    Map<Long, ArrayDeque<long[]>> pending = new HashMap<>();
    Map<Long, long[]> lastSend = new HashMap<>();
    TraceCursor c = result.trace().cursor();
    while (c.next()) {
      if (c.key() != keyIndex) {
        continue;
      }
      Integer lane = laneOf.get(c.component());
      StepKind kind = c.kind();
      if (kind == StepKind.SEND || kind == StepKind.DELIVER || kind == StepKind.DROP) {
        long old = c.oldValue();
        Connection link = old >= 0 && old < Integer.MAX_VALUE ? linkOf.get((int) old) : null;
        if (link != null && lane != null) {
          long slot = c.eventId() * 1_000_003L + old;
          String sender = lanes.get(lane);
          if (kind == StepKind.SEND) {
            int to = lanes.indexOf(sender.equals(link.from()) ? link.to() : link.from());
            long[] send = {c.timeMicros(), lane, to};
            pending.computeIfAbsent(slot, k -> new ArrayDeque<>()).add(send);
            lastSend.put(slot, send);
            continue;
          }
          ArrayDeque<long[]> q = pending.get(slot);
          long[] send = q != null && !q.isEmpty() ? q.poll() : lastSend.get(slot);
          if (send != null) {
            int toLane = (int) send[2];
            hops.add(
                new Hop(
                    c.eventId(),
                    (int) send[1],
                    send[0],
                    toLane < 0 ? lane : toLane,
                    c.timeMicros(),
                    kind == StepKind.DROP,
                    link.label()));
            continue;
          }
        }
        if (kind != StepKind.DROP || lane == null) {
          continue;
        }
      }
      if (lane == null) {
        continue;
      }
      marks.add(
          new Mark(
              c.timeMicros(),
              lane,
              kind,
              c.eventId(),
              c.partition(),
              c.offset(),
              c.value(),
              c.oldValue()));
    }
    return new KeyTimeline(key, lanes, marks, hops);
  }

  private static String value(long v) {
    return v == TraceStep.NO_VALUE ? "—" : Long.toString(v);
  }

  /** The short text drawn beside a mark. */
  static String label(Mark s) {
    return switch (s.kind()) {
      case PRODUCE -> "e-" + s.eventId();
      case APPEND -> "p" + s.partition() + "@" + s.offset();
      case CONSUME -> "p" + s.partition() + "@" + s.offset();
      case APPLY -> "=" + value(s.value());
      case READ -> "saw " + value(s.value());
      case REPLICATE -> "r" + s.partition() + " v" + s.offset();
      case DROP -> "lost";
      case SKIP -> "skip";
      case LATE -> "late";
      case WINDOW_EMIT -> "win " + value(s.value());
      case ACK -> "ack";
      case REDELIVER -> "redeliver";
      case EXPIRE -> "expired";
      default -> s.kind().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The tooltip of a mark. */
  static String describe(Mark s, String component) {
    StringBuilder b = new StringBuilder();
    b.append(Format.seconds(s.timeMicros())).append("  ").append(component).append(": ");
    switch (s.kind()) {
      case PRODUCE ->
          b.append("produced e-").append(s.eventId()).append(" = ").append(value(s.value()));
      case APPEND ->
          b.append("appended e-")
              .append(s.eventId())
              .append(" at partition ")
              .append(s.partition())
              .append(", offset ")
              .append(s.offset());
      case CONSUME ->
          b.append("consumed e-")
              .append(s.eventId())
              .append(" from partition ")
              .append(s.partition())
              .append(", offset ")
              .append(s.offset());
      case APPLY ->
          b.append("applied e-")
              .append(s.eventId())
              .append(": value ")
              .append(value(s.value()))
              .append(" (was ")
              .append(value(s.oldValue()))
              .append("), version ")
              .append(s.offset());
      case READ ->
          b.append("read value ")
              .append(value(s.value()))
              .append(" (version ")
              .append(s.offset())
              .append(") from replica ")
              .append(s.partition());
      case REPLICATE ->
          b.append("replica ")
              .append(s.partition())
              .append(" applied version ")
              .append(s.offset())
              .append(" = ")
              .append(value(s.value()));
      default ->
          b.append(s.kind().name().toLowerCase(java.util.Locale.ROOT))
              .append(" e-")
              .append(s.eventId());
    }
    return b.toString();
  }

  /** Orders strings with their digit runs compared as numbers. */
  static final Comparator<String> NATURAL =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          char x = a.charAt(i);
          char y = b.charAt(j);
          if (Character.isDigit(x) && Character.isDigit(y)) {
            int si = i;
            int sj = j;
            while (i < a.length() && Character.isDigit(a.charAt(i))) {
              i++;
            }
            while (j < b.length() && Character.isDigit(b.charAt(j))) {
              j++;
            }
            String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
            String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
            int c = na.length() != nb.length() ? na.length() - nb.length() : na.compareTo(nb);
            if (c != 0) {
              return c;
            }
          } else {
            if (x != y) {
              return Character.compare(x, y);
            }
            i++;
            j++;
          }
        }
        return (a.length() - i) - (b.length() - j);
      };
}
