package dev.flowsim.model.export;

import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;

/**
 * Graphviz DOT text of a pipeline: left to right, one node per component with a shape, a fill color
 * and an SVG class per kind (a cylinder for databases, a 3-D box for topics...), labelled with its
 * id and kind, and one edge per connection labelled with {@link EdgeLabels}.
 */
public final class DotExporter {
  private DotExporter() {}

  /** The Graphviz shape that stands for a kind. */
  public static String shape(ComponentKind kind) {
    return switch (kind) {
      case PRODUCER -> "invhouse";
      case TOPIC -> "box3d";
      case QUEUE -> "cds";
      case PROCESSOR -> "box";
      case SERVICE -> "component";
      case DATABASE -> "cylinder";
      case SEARCH_INDEX -> "tab";
      case CACHE -> "octagon";
      case WAREHOUSE -> "folder";
      case MATERIALIZED_VIEW -> "note";
      case READER -> "ellipse";
    };
  }

  /** The fill color of a kind's nodes. */
  public static String fill(ComponentKind kind) {
    return switch (kind.role()) {
      case SOURCE -> "#e3f2fd";
      case BROKER -> "#fff3e0";
      case PROCESSOR -> "#ede7f6";
      case SYSTEM_OF_RECORD -> "#e8f5e9";
      case DERIVED_STORE -> "#f1f8e9";
      case SINK -> "#fce4ec";
    };
  }

  public static String export(Pipeline p) {
    StringBuilder b = new StringBuilder();
    b.append("digraph ").append(quote(p.name().isBlank() ? "flowsim" : p.name())).append(" {\n");
    b.append("  rankdir=LR;\n");
    b.append("  graph [fontname=\"Helvetica\"];\n");
    b.append("  node [fontname=\"Helvetica\", fontsize=11, style=\"filled\"];\n");
    b.append("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for (Component c : p.components()) {
      ComponentKind k = c.kind();
      String style = k == ComponentKind.PROCESSOR ? "filled,rounded" : "filled";
      b.append("  ")
          .append(quote(c.id()))
          .append(" [label=")
          .append(quote(c.id() + "\n" + k.typeName()))
          .append(", shape=")
          .append(shape(k))
          .append(", style=")
          .append(quote(style))
          .append(", fillcolor=")
          .append(quote(fill(k)))
          .append(", class=")
          .append(quote("kind-" + k.typeName()))
          .append("];\n");
    }
    for (Connection c : p.connections()) {
      b.append("  ")
          .append(quote(c.from()))
          .append(" -> ")
          .append(quote(c.to()))
          .append(" [label=")
          .append(quote(EdgeLabels.text(p, c, "\n")))
          .append("];\n");
    }
    return b.append("}\n").toString();
  }

  /** A DOT double-quoted string; line ends become {@code \n} (centered lines). */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> {}
        default -> b.append(ch);
      }
    }
    return b.append('"').toString();
  }
}
