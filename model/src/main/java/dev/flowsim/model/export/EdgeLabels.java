package dev.flowsim.model.export;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The short text drawn on a connection in exported diagrams: the partitions of a topic it enters or
 * leaves, the consumer group, the latency, loss, duplication and reordering.
 */
public final class EdgeLabels {
  private EdgeLabels() {}

  /** The parts of a connection's label, in reading order, e.g. {@code [4 partitions, 5ms]}. */
  public static List<String> parts(Pipeline pipeline, Connection c) {
    List<String> parts = new ArrayList<>();
    Topic topic = topicOf(pipeline, c);
    if (topic != null) {
      parts.add(topic.partitions() + (topic.partitions() == 1 ? " partition" : " partitions"));
    }
    if (c.consumer() != null && c.consumer().group() != null) {
      parts.add("group " + c.consumer().group());
    }
    parts.add(c.latency().toString());
    if (c.loss() > 0) {
      parts.add(percent(c.loss()) + " loss");
    }
    if (c.duplication() > 0) {
      parts.add(percent(c.duplication()) + " dup");
    }
    if (!c.fifo()) {
      parts.add("unordered");
    }
    return parts;
  }

  /** The label on one line, parts separated by {@code sep}. */
  public static String text(Pipeline pipeline, Connection c, String sep) {
    return String.join(sep, parts(pipeline, c));
  }

  private static Topic topicOf(Pipeline pipeline, Connection c) {
    for (String id : List.of(c.to(), c.from())) {
      Component k = pipeline.component(id).orElse(null);
      if (k instanceof Topic t) {
        return t;
      }
    }
    return null;
  }

  private static String percent(double p) {
    String s = String.format(Locale.ROOT, "%.2f", p * 100);
    s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s + "%";
  }
}
