package dev.flowsim.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Validator;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.model.json.SpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both layouts on every example spec: complete, non-overlapping, left to right, deterministic. */
class PipelineLayoutTest {

  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final LayoutSpacing S = LayoutSpacing.DEFAULT;

  static Stream<Arguments> examplesAndLayouts() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(EXAMPLES)) {
      files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no examples found in " + EXAMPLES.toAbsolutePath());
    List<Arguments> out = new ArrayList<>();
    for (Path f : files) {
      out.add(Arguments.of(f.getFileName().toString(), "elk", new ElkLayeredLayout()));
      out.add(Arguments.of(f.getFileName().toString(), "fallback", new LayeredFallbackLayout()));
    }
    return out.stream();
  }

  private static Pipeline example(String name) throws Exception {
    return SpecReader.read(EXAMPLES.resolve(name));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examplesAndLayouts")
  void arrangesEveryExampleLeftToRight(String file, String label, PipelineLayout layout)
      throws Exception {
    Pipeline spec = example(file);
    Pipeline arranged = layout.arrange(spec);

    assertEquals(spec.components(), arranged.components());
    assertEquals(spec.connections(), arranged.connections());
    assertEquals(spec.withLayout(arranged.layout()), arranged, "only the layout changes");
    assertPlacedWithoutOverlap(arranged);
    for (Position p : arranged.layout().values()) {
      assertEquals(Math.rint(p.x()), p.x(), "integer x");
      assertEquals(Math.rint(p.y()), p.y(), "integer y");
    }
    for (Connection c : arranged.connections()) {
      assertTrue(x(arranged, c.from()) < x(arranged, c.to()), c.label() + " goes left to right");
    }
    double leftmost =
        arranged.layout().values().stream().mapToDouble(Position::x).min().orElseThrow();
    for (Component c : arranged.components()) {
      if (c.kind() == ComponentKind.PRODUCER) {
        assertEquals(leftmost, x(arranged, c.id()), c.id() + " is in the first column");
      }
    }
    assertEquals(0, crossings(arranged), "these examples draw without crossings");
    assertEquals(arranged, layout.arrange(spec), "deterministic");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examplesAndLayouts")
  void arrangeReplacesExistingPositions(String file, String label, PipelineLayout layout)
      throws Exception {
    Pipeline spec = example(file);
    assertFalse(spec.layout().isEmpty(), "the examples come with positions");
    Map<String, Position> piled = new LinkedHashMap<>();
    spec.components().forEach(c -> piled.put(c.id(), new Position(7, 3)));

    Pipeline fresh = layout.arrange(spec.withLayout(Map.of()));
    assertEquals(fresh, layout.arrange(spec));
    assertEquals(fresh, layout.arrange(spec.withLayout(piled)));
    assertNotEquals(piled, fresh.layout());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("examplesAndLayouts")
  void completeKeepsPinnedPositionsAndPlacesTheRest(
      String file, String label, PipelineLayout layout) throws Exception {
    Pipeline spec = example(file);
    // pin every other component where the file has it, the first one included
    Map<String, Position> pinned = new LinkedHashMap<>();
    List<Component> components = spec.components();
    for (int i = 0; i < components.size(); i += 2) {
      String id = components.get(i).id();
      pinned.put(id, spec.layout().get(id));
    }
    Pipeline partial = spec.withLayout(pinned);

    Pipeline completed = layout.complete(partial);
    assertPlacedWithoutOverlap(completed);
    pinned.forEach((id, p) -> assertEquals(p, completed.layout().get(id), id + " stays pinned"));
    assertEquals(completed, layout.complete(partial), "deterministic");
    assertEquals(spec, layout.complete(spec), "nothing to place: unchanged");
    assertEquals(layout.arrange(spec), layout.complete(spec.withLayout(Map.of())));
  }

  @Test
  void completePlacesNewComponentsBesideOverlappingPins() {
    // all pinned on one spot except the last two: they must be moved clear of it
    Pipeline p = fixture();
    Map<String, Position> pinned = new LinkedHashMap<>();
    for (int i = 0; i < p.components().size() - 2; i++) {
      pinned.put(p.components().get(i).id(), new Position(300 + 220 * i, 500 - 90 * i));
    }
    for (PipelineLayout layout : List.of(new ElkLayeredLayout(), new LayeredFallbackLayout())) {
      Pipeline completed = layout.complete(p.withLayout(pinned));
      pinned.forEach((id, pos) -> assertEquals(pos, completed.layout().get(id)));
      assertPlacedWithoutOverlap(completed);
    }
  }

  @Test
  void arrangedSpecIsWrittenReadBackAndValid() throws Exception {
    for (String file : List.of("11-stream-table-join.broken.json", "01-dual-write.fixed.json")) {
      Pipeline spec = example(file);
      for (PipelineLayout layout : List.of(new ElkLayeredLayout(), new LayeredFallbackLayout())) {
        Pipeline arranged = layout.arrange(spec);
        Pipeline back = SpecReader.parse(file, SpecWriter.write(arranged)).pipeline();
        assertEquals(arranged, back);
        List<Diagnostic> errors =
            Validator.validate(back).stream().filter(Diagnostic::isError).toList();
        assertEquals(List.of(), errors);
      }
    }
  }

  @Test
  void elkFailureFallsBackToTheLayeredLayout() throws Exception {
    Pipeline spec = example("10-username-claims.broken.json");
    ElkLayeredLayout broken =
        new ElkLayeredLayout(
            S,
            ElkLayeredLayout.DEFAULT_SEED,
            () ->
                (graph, monitor) -> {
                  throw new NoClassDefFoundError("org/eclipse/xtext/xbase/lib/CollectionLiterals");
                });
    assertEquals(new LayeredFallbackLayout().arrange(spec), broken.arrange(spec));
  }

  @Test
  void cyclesStrayLinksAndLoneComponentsStillGetPlaces() throws Exception {
    Pipeline spec = fixture();
    List<Connection> connections = new ArrayList<>(spec.connections());
    connections.add(Connection.of("order-enricher", "order-events")); // a cycle
    connections.add(Connection.of("order-enricher", "order-enricher")); // a self-loop
    connections.add(Connection.of("order-enricher", "nowhere")); // dangling
    Pipeline odd = spec.withConnections(connections);
    for (PipelineLayout layout : List.of(new ElkLayeredLayout(), new LayeredFallbackLayout())) {
      Pipeline arranged = layout.arrange(odd);
      assertPlacedWithoutOverlap(arranged);
      assertEquals(arranged, layout.arrange(odd));
    }
    assertEquals(Pipeline.empty(), new ElkLayeredLayout().arrange(Pipeline.empty()));
    assertEquals(Pipeline.empty(), new LayeredFallbackLayout().complete(Pipeline.empty()));
  }

  /**
   * An asymmetric spec: producers at different depths, a join, a fan-out, two flows that meet and a
   * view nothing feeds.
   */
  private static Pipeline fixture() {
    try {
      Pipeline join = example("11-stream-table-join.broken.json");
      Pipeline dual = example("01-dual-write.broken.json");
      Pipeline views = example("05-consumer-crash-duplicates.broken.json");
      List<Component> components = new ArrayList<>(join.components());
      components.addAll(dual.components());
      components.add(views.component("view-counts").orElseThrow());
      List<Connection> connections = new ArrayList<>(join.connections());
      connections.addAll(dual.connections());
      connections.add(Connection.of("order-enricher", "profile-service"));
      return join.withComponents(components).withConnections(connections).withLayout(Map.of());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Crossings of connections that run between the same two columns. */
  private static int crossings(Pipeline p) {
    int n = 0;
    List<Connection> cs = p.connections();
    for (int i = 0; i < cs.size(); i++) {
      for (int j = i + 1; j < cs.size(); j++) {
        Position a = p.layout().get(cs.get(i).from());
        Position b = p.layout().get(cs.get(i).to());
        Position c = p.layout().get(cs.get(j).from());
        Position d = p.layout().get(cs.get(j).to());
        if (a.x() == c.x() && b.x() == d.x() && (a.y() - c.y()) * (b.y() - d.y()) < 0) {
          n++;
        }
      }
    }
    return n;
  }

  private static double x(Pipeline p, String id) {
    return p.layout().get(id).x();
  }

  private static void assertPlacedWithoutOverlap(Pipeline p) {
    List<Component> cs = p.components();
    for (Component c : cs) {
      assertTrue(p.layout().containsKey(c.id()), c.id() + " has a position");
    }
    for (int i = 0; i < cs.size(); i++) {
      for (int j = i + 1; j < cs.size(); j++) {
        Position a = p.layout().get(cs.get(i).id());
        Position b = p.layout().get(cs.get(j).id());
        boolean overlap =
            a.x() < b.x() + S.nodeWidth()
                && b.x() < a.x() + S.nodeWidth()
                && a.y() < b.y() + S.nodeHeight()
                && b.y() < a.y() + S.nodeHeight();
        assertFalse(overlap, cs.get(i).id() + " " + a + " overlaps " + cs.get(j).id() + " " + b);
      }
    }
  }
}
