package dev.flowsim.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Mermaid export, parsed line by line with the flowchart grammar it uses (front matter, {@code
 * flowchart LR}, node statements with a shape, labelled edges, class definitions): every line must
 * be one of those, every component a node with its kind's shape and class, every connection an edge
 * with its label.
 */
class MermaidExportTest {
  private static final Map<String, String> SHAPES = new HashMap<>();

  static {
    for (ComponentKind k : ComponentKind.values()) {
      String[] b = MermaidExporter.brackets(k);
      SHAPES.put(b[0] + "|" + b[1], k.typeName());
    }
  }

  private static final Pattern NODE =
      Pattern.compile("^  (n\\d+)([\\[\\(\\{>/\\\\]+)\"([^\"]*)\"([\\]\\)\\}/\\\\]+):::([a-z_]+)$");
  private static final Pattern EDGE = Pattern.compile("^  (n\\d+) -->\\|\"([^\"]*)\"\\| (n\\d+)$");
  private static final Pattern CLASSDEF =
      Pattern.compile(
          "^  classDef ([a-z_]+) fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}$");

  @TestFactory
  Stream<DynamicTest> everyExampleParsesWithANodePerComponentAndAnEdgePerConnection() {
    return ExportExamples.files().stream()
        .map(f -> DynamicTest.dynamicTest(ExportExamples.name(f), () -> structure(f)));
  }

  private static void structure(Path file) {
    Pipeline p = ExportExamples.read(file);
    String text = MermaidExporter.export(p);
    List<String> lines = text.lines().toList();
    int i = 0;
    if (lines.get(0).equals("---")) {
      assertTrue(lines.get(1).matches("title: \"[^\"\\\\]*\""), lines.get(1));
      assertEquals("---", lines.get(2));
      i = 3;
    }
    assertEquals("flowchart LR", lines.get(i++));
    Map<String, String[]> nodes = new HashMap<>(); // node -> label, kind, class
    Set<String> edges = new HashSet<>();
    Map<String, String> edgeLabels = new HashMap<>();
    Set<String> classes = new HashSet<>();
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher n = NODE.matcher(line);
      Matcher e = EDGE.matcher(line);
      Matcher c = CLASSDEF.matcher(line);
      if (n.matches()) {
        String kind = SHAPES.get(n.group(2) + "|" + n.group(4));
        assertNotNull(kind, "unknown shape in " + line);
        assertTrue(
            nodes.put(n.group(1), new String[] {n.group(3), kind, n.group(5)}) == null, line);
      } else if (e.matches()) {
        assertTrue(
            nodes.containsKey(e.group(1)) && nodes.containsKey(e.group(3)),
            "edge before nodes: " + line);
        edges.add(e.group(1) + ">" + e.group(3));
        edgeLabels.put(e.group(1) + ">" + e.group(3), e.group(2));
      } else if (c.matches()) {
        classes.add(c.group(1));
      } else {
        fail("not a Mermaid flowchart statement: " + line);
      }
    }
    assertEquals(p.components().size(), nodes.size());
    Map<String, String> nodeOf = new HashMap<>();
    for (int k = 0; k < p.components().size(); k++) {
      Component comp = p.components().get(k);
      String[] node = nodes.get("n" + k);
      assertNotNull(node, comp.id());
      assertEquals(
          MermaidExporter.label(comp.id()) + "<br/><small>" + comp.kind().typeName() + "</small>",
          node[0]);
      assertEquals(comp.kind().typeName(), node[1]);
      assertEquals(MermaidExporter.className(comp.kind()), node[2]);
      assertTrue(classes.contains(node[2]), "classDef for " + node[2]);
      nodeOf.put(comp.id(), "n" + k);
    }
    assertEquals(p.connections().size(), edges.size());
    for (Connection c : p.connections()) {
      String key = nodeOf.get(c.from()) + ">" + nodeOf.get(c.to());
      assertTrue(edges.contains(key), c.label());
      assertTrue(edgeLabels.get(key).contains(c.latency().toString()), edgeLabels.get(key));
    }
  }

  @Test
  void shapesTellKindsApart() {
    assertEquals(ComponentKind.values().length, SHAPES.size());
    assertEquals("[(", MermaidExporter.brackets(ComponentKind.DATABASE)[0]);
  }

  @Test
  void markupInLabelsIsEscaped() {
    assertEquals("a #quot;b#quot; #lt;i#gt; #35;1", MermaidExporter.label("a \"b\" <i> #1"));
  }
}
