package dev.flowsim.model.export;

import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import java.util.HashMap;
import java.util.Map;

/**
 * Mermaid flowchart text of a pipeline: left to right, one node per component with a shape per kind
 * (a cylinder for databases, a subroutine box for topics, a hexagon for queues...) and a class per
 * kind ({@code classDef}), labelled with its id and kind; one edge per connection with its label.
 * Nodes are named {@code n0, n1, …} in component order, since Mermaid ids cannot hold every
 * character a component id can.
 */
public final class MermaidExporter {
  private MermaidExporter() {}

  /** The opening and closing brackets of a kind's node shape. */
  public static String[] brackets(ComponentKind kind) {
    return switch (kind) {
      case PRODUCER -> new String[] {">", "]"};
      case TOPIC -> new String[] {"[[", "]]"};
      case QUEUE -> new String[] {"{{", "}}"};
      case PROCESSOR -> new String[] {"(", ")"};
      case SERVICE -> new String[] {"[", "]"};
      case DATABASE -> new String[] {"[(", ")]"};
      case SEARCH_INDEX -> new String[] {"[/", "/]"};
      case CACHE -> new String[] {"[\\", "\\]"};
      case WAREHOUSE -> new String[] {"[/", "\\]"};
      case MATERIALIZED_VIEW -> new String[] {"[\\", "/]"};
      case READER -> new String[] {"([", "])"};
    };
  }

  /** The Mermaid class name of a kind. */
  public static String className(ComponentKind kind) {
    return kind.typeName().replace("-", "_");
  }

  public static String export(Pipeline p) {
    StringBuilder b = new StringBuilder();
    if (!p.name().isBlank()) {
      b.append("---\ntitle: \"")
          .append(p.name().replaceAll("[\"\\\\\\r\\n]", " "))
          .append("\"\n---\n");
    }
    b.append("flowchart LR\n");
    Map<String, String> node = new HashMap<>();
    for (int i = 0; i < p.components().size(); i++) {
      Component c = p.components().get(i);
      String n = "n" + i;
      node.put(c.id(), n);
      String[] br = brackets(c.kind());
      b.append("  ")
          .append(n)
          .append(br[0])
          .append('"')
          .append(label(c.id()))
          .append("<br/><small>")
          .append(c.kind().typeName())
          .append("</small>\"")
          .append(br[1])
          .append(":::")
          .append(className(c.kind()))
          .append('\n');
    }
    for (Connection c : p.connections()) {
      String from = node.get(c.from());
      String to = node.get(c.to());
      if (from == null || to == null) {
        continue; // a dangling connection names no node; validation reports it
      }
      b.append("  ")
          .append(from)
          .append(" -->|\"")
          .append(label(EdgeLabels.text(p, c, ", ")))
          .append("\"| ")
          .append(to)
          .append('\n');
    }
    for (ComponentKind k : ComponentKind.values()) {
      b.append("  classDef ")
          .append(className(k))
          .append(" fill:")
          .append(DotExporter.fill(k))
          .append(",stroke:#455a64,color:#263238\n");
    }
    return b.toString();
  }

  /** Text safe inside a quoted Mermaid label: quotes and markup characters as entities. */
  static String label(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> b.append("#quot;");
        case '<' -> b.append("#lt;");
        case '>' -> b.append("#gt;");
        case '#' -> b.append("#35;");
        case '\n', '\r' -> b.append(' ');
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
