package dev.flowsim.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.json.SpecReader;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Images of every example (SVG parsed as XML, PNG read back), headless; the other formats. */
class DesignExportTest {
  @TempDir Path dir;

  static final Path EXAMPLES = Path.of("..", "examples");

  static List<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void runsHeadless() {
    assertTrue(GraphicsEnvironment.isHeadless(), "the tests run with java.awt.headless=true");
  }

  @TestFactory
  Stream<DynamicTest> everyExampleIsAValidSvgWithABoxPerComponentAndACurvePerConnection()
      throws IOException {
    return examples().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      Pipeline p = SpecReader.read(f);
                      Path out = dir.resolve(f.getFileName() + ".svg");
                      DesignExport.export(p, ExportFormat.SVG, out, 1);
                      Document svg = parse(Files.readString(out));
                      Element root = svg.getDocumentElement();
                      assertEquals("svg", root.getTagName());
                      assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
                      Map<String, Element> components = new HashMap<>();
                      Set<String> links = new HashSet<>();
                      NodeList groups = svg.getElementsByTagName("g");
                      for (int i = 0; i < groups.getLength(); i++) {
                        Element g = (Element) groups.item(i);
                        String cls = g.getAttribute("class");
                        if (cls.startsWith("component ")) {
                          components.put(g.getAttribute("data-id"), g);
                        } else if (cls.equals("connection")) {
                          links.add(g.getAttribute("data-from") + "->" + g.getAttribute("data-to"));
                          Element path = (Element) g.getElementsByTagName("path").item(0);
                          assertTrue(
                              path.getAttribute("d").matches("M[-\\d. ]+C[-\\d. ]+"),
                              path.getAttribute("d"));
                          assertEquals(
                              "arrow",
                              ((Element) g.getElementsByTagName("path").item(1))
                                  .getAttribute("class"));
                        }
                      }
                      assertEquals(p.components().size(), components.size());
                      for (Component c : p.components()) {
                        Element g = components.get(c.id());
                        assertTrue(g.getAttribute("class").contains("kind-" + c.kind().typeName()));
                        Element icon = (Element) g.getElementsByTagName("path").item(0);
                        assertEquals("icon", icon.getAttribute("class"));
                        assertTrue(
                            icon.getAttribute("d").length() > 40, "glyph outline of " + c.id());
                        NodeList texts = g.getElementsByTagName("text");
                        assertEquals(c.kind().typeName(), texts.item(1).getTextContent());
                        String shown = texts.item(0).getTextContent();
                        assertTrue(
                            shown.equals(c.id())
                                || (shown.endsWith("…")
                                    && c.id().startsWith(shown.substring(0, shown.length() - 1))),
                            shown);
                      }
                      Set<String> expected = new HashSet<>();
                      for (Connection c : p.connections()) {
                        expected.add(c.from() + "->" + c.to());
                      }
                      assertEquals(expected, links);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyExampleIsAPngOfTheExpectedSize() throws IOException {
    return examples().stream()
        .limit(6)
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      Pipeline p = SpecReader.read(f);
                      DesignImage image = DesignImage.of(DesignExport.laidOut(p));
                      Path out = dir.resolve(f.getFileName() + ".png");
                      DesignExport.export(p, ExportFormat.PNG, out, 2);
                      BufferedImage png = ImageIO.read(out.toFile());
                      assertEquals(DesignImage.pixels(image.width(), 2), png.getWidth());
                      assertEquals(DesignImage.pixels(image.height(), 2), png.getHeight());
                      // something is drawn: not a blank white image
                      Set<Integer> colors = new HashSet<>();
                      for (int y = 0; y < png.getHeight(); y += 7) {
                        for (int x = 0; x < png.getWidth(); x += 7) {
                          colors.add(png.getRGB(x, y));
                        }
                      }
                      assertTrue(colors.size() > 5, "colors: " + colors.size());
                    }));
  }

  @Test
  void componentsWithoutPositionsAreLaidOut() throws Exception {
    Pipeline p = SpecReader.read(EXAMPLES.resolve("01-dual-write.fixed.json"));
    Pipeline bare = p.withLayout(Map.of("users", new Position(40, 80)));
    Pipeline laid = DesignExport.laidOut(bare);
    assertEquals(p.components().size(), laid.layout().size());
    assertEquals(new Position(40, 80), laid.layout().get("users"));
    String svg = DesignExport.text(bare, ExportFormat.SVG);
    assertEquals(
        p.components().size(),
        parse(svg).getElementsByTagName("rect").getLength() - 1 - labelBoxes(svg));
  }

  private static int labelBoxes(String svg) throws Exception {
    NodeList rects = parse(svg).getElementsByTagName("rect");
    int n = 0;
    for (int i = 0; i < rects.getLength(); i++) {
      if (((Element) rects.item(i).getParentNode())
          .getAttribute("class")
          .equals("connection-label")) {
        n++;
      }
    }
    return n;
  }

  @Test
  void textFormatsAndFileNames() throws Exception {
    Pipeline p = SpecReader.read(EXAMPLES.resolve("02-queue-redelivery.broken.json"));
    assertTrue(DesignExport.text(p, ExportFormat.ASYNCAPI_YAML).startsWith("asyncapi: 3.0.0"));
    assertTrue(DesignExport.text(p, ExportFormat.ASYNCAPI_JSON).startsWith("{"));
    assertTrue(DesignExport.text(p, ExportFormat.DOT).startsWith("digraph"));
    assertTrue(DesignExport.text(p, ExportFormat.MERMAID).contains("flowchart LR"));
    assertEquals(Optional.of(ExportFormat.PNG), ExportFormat.fromFileName("A.PNG"));
    assertEquals(Optional.of(ExportFormat.ASYNCAPI_YAML), ExportFormat.fromFileName("x.yml"));
    assertEquals(Optional.of(ExportFormat.MERMAID), ExportFormat.fromFileName("x.mmd"));
    assertEquals(Optional.empty(), ExportFormat.fromFileName("x.pdf"));
    assertEquals(Optional.empty(), ExportFormat.fromFileName("noextension"));
    assertEquals(
        Optional.of(ExportFormat.ASYNCAPI_JSON),
        ExportFormat.fromCliName("asyncapi", Path.of("a.json")));
    assertEquals(
        Optional.of(ExportFormat.ASYNCAPI_YAML),
        ExportFormat.fromCliName("asyncapi", Path.of("a.txt")));
    for (ExportFormat f : ExportFormat.values()) {
      assertEquals(Optional.of(f), ExportFormat.fromFileName("design." + f.extension()));
    }
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws Exception {
    Pipeline p = SpecReader.read(EXAMPLES.resolve("01-dual-write.fixed.json"));
    Path out = dir.resolve("design.dot");
    Files.writeString(out, "old");
    assertThrows(
        IllegalArgumentException.class, () -> DesignExport.export(p, ExportFormat.PNG, out, 0));
    assertEquals("old", Files.readString(out));
    DesignExport.export(p, ExportFormat.DOT, out, 1);
    assertNotEquals("old", Files.readString(out));
    try (Stream<Path> s = Files.list(dir)) {
      assertFalse(s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
  }

  private static void assertThrows(
      Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable e) {
    org.junit.jupiter.api.Assertions.assertThrows(type, e);
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }
}
