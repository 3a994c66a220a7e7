package dev.flowsim.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The Graphviz DOT export: structure on every example, and Graphviz itself accepts it. */
class DotExportTest {
  private static final Pattern NODE =
      Pattern.compile(
          "^  \"((?:[^\"\\\\]|\\\\.)*)\" \\[label=\"((?:[^\"\\\\]|\\\\.)*)\", shape=(\\w+),.*class=\"kind-([a-z-]+)\"\\];$");
  private static final Pattern EDGE =
      Pattern.compile(
          "^  \"((?:[^\"\\\\]|\\\\.)*)\" -> \"((?:[^\"\\\\]|\\\\.)*)\" \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"\\];$");

  @TestFactory
  Stream<DynamicTest> everyComponentIsANodeWithItsShapeAndEveryConnectionALabelledEdge() {
    return ExportExamples.files().stream()
        .map(f -> DynamicTest.dynamicTest(ExportExamples.name(f), () -> structure(f)));
  }

  private static void structure(Path file) {
    Pipeline p = ExportExamples.read(file);
    String dot = DotExporter.export(p);
    assertTrue(dot.startsWith("digraph "), dot);
    assertTrue(dot.contains("rankdir=LR;"));
    assertTrue(dot.endsWith("}\n"));
    Map<String, String[]> nodes = new HashMap<>();
    Map<String, String> edges = new HashMap<>();
    for (String line : dot.lines().toList()) {
      Matcher n = NODE.matcher(line);
      Matcher e = EDGE.matcher(line);
      if (n.matches()) {
        nodes.put(n.group(1), new String[] {n.group(2), n.group(3), n.group(4)});
      } else if (e.matches()) {
        edges.put(e.group(1) + "->" + e.group(2), e.group(3));
      }
    }
    assertEquals(p.components().size(), nodes.size(), dot);
    for (Component c : p.components()) {
      String[] node = nodes.get(c.id());
      assertNotNull(node, c.id());
      assertEquals(c.id() + "\\n" + c.kind().typeName(), node[0]);
      assertEquals(DotExporter.shape(c.kind()), node[1]);
      assertEquals(c.kind().typeName(), node[2]);
    }
    assertEquals(p.connections().size(), edges.size(), dot);
    for (Connection c : p.connections()) {
      String label = edges.get(c.from() + "->" + c.to());
      assertNotNull(label, c.label());
      assertTrue(label.contains(c.latency().toString()), label);
      boolean topic =
          p.component(c.from()).orElseThrow().kind().typeName().equals("topic")
              || p.component(c.to()).orElseThrow().kind().typeName().equals("topic");
      assertEquals(topic, label.contains("partition"), label);
    }
  }

  @Test
  void databasesAreCylindersAndTopicsBoxes() {
    assertEquals("cylinder", DotExporter.shape(dev.flowsim.model.ComponentKind.DATABASE));
    assertEquals("box3d", DotExporter.shape(dev.flowsim.model.ComponentKind.TOPIC));
  }

  @Test
  void quotesAndBackslashesInNamesAreEscaped() {
    assertEquals("\"a \\\"b\\\" \\\\ c\\nd\"", DotExporter.quote("a \"b\" \\ c\nd"));
  }

  /** Graphviz renders every example to SVG with no error, with a node per component. */
  @TestFactory
  Stream<DynamicTest> graphvizAcceptsEveryExample() {
    return ExportExamples.files().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    ExportExamples.name(f),
                    () -> {
                      ExternalTool.require(ExternalTool.onPath("dot"), "Graphviz dot");
                      Pipeline p = ExportExamples.read(f);
                      ExternalTool.Run run =
                          ExternalTool.run(List.of("dot", "-Tsvg"), DotExporter.export(p), 120);
                      assertEquals(0, run.exit(), run.output());
                      int start = run.output().indexOf("<svg");
                      assertTrue(start >= 0, run.output());
                      assertTrue(
                          !run.output().substring(0, start).contains("Error")
                              && !run.output().substring(0, start).contains("Warning"),
                          run.output());
                      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                      factory.setFeature(
                          "http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                      Document svg =
                          factory
                              .newDocumentBuilder()
                              .parse(
                                  new InputSource(new StringReader(run.output().substring(start))));
                      int nodes = 0;
                      var groups = svg.getElementsByTagName("g");
                      for (int i = 0; i < groups.getLength(); i++) {
                        String cls =
                            groups.item(i).getAttributes().getNamedItem("class") == null
                                ? ""
                                : groups
                                    .item(i)
                                    .getAttributes()
                                    .getNamedItem("class")
                                    .getNodeValue();
                        if (cls.startsWith("node")) {
                          nodes++;
                        }
                      }
                      assertEquals(p.components().size(), nodes);
                    }));
  }
}
