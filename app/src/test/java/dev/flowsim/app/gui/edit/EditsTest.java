package dev.flowsim.app.gui.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Constraint;
import dev.flowsim.model.Fault;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.SpecCheck;
import dev.flowsim.model.json.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure edits of the designer on the bundled examples (no JavaFX). */
class EditsTest {

  static Pipeline example(String name) throws Exception {
    Path dir = Path.of("../examples");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("examples");
    }
    return SpecReader.read(dir.resolve(name));
  }

  static List<String> ids(Pipeline p) {
    return p.components().stream().map(Component::id).toList();
  }

  static List<String> errors(Pipeline p) {
    return SpecCheck.check(p).stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
        .map(Diagnostic::message)
        .toList();
  }

  @Test
  void addingAKindTwiceNumbersTheSecondAndKeepsTheSpecValid() throws Exception {
    Pipeline p = example("01-dual-write.broken.json");
    AddComponent first = AddComponent.of(p, ComponentKind.DATABASE, new Position(610, 333));
    assertEquals("database", first.component().id());
    assertEquals("Add database", first.description());
    Pipeline once = first.apply(p);
    AddComponent second = AddComponent.of(once, ComponentKind.DATABASE, new Position(15, 900));
    assertEquals("database-2", second.component().id());
    Pipeline twice = second.apply(once);
    assertEquals(new Position(15, 900), twice.layout().get("database-2"));
    assertEquals(p.components().size() + 2, twice.components().size());
    assertEquals(
        "Add search index",
        AddComponent.of(p, ComponentKind.SEARCH_INDEX, new Position(0, 0)).description());
  }

  @Test
  void everyKindsDefaultsAreValidSettings() throws Exception {
    Pipeline p = example("10-username-claims.broken.json");
    List<String> before = errors(p);
    for (ComponentKind kind : ComponentKind.values()) {
      p = AddComponent.of(p, kind, new Position(100 + kind.ordinal() * 7, 500)).apply(p);
    }
    // a new component is unconnected: only errors about its missing connections may appear
    List<String> added =
        errors(p).stream()
            .filter(e -> !before.contains(e))
            .filter(e -> !e.contains("has no input") && !e.contains("has no output"))
            .filter(e -> !e.contains("writes 0 stores"))
            .toList();
    assertEquals(List.of(), added, "defaults must be valid settings");
    assertEquals(before.size() + 14, errors(p).size());
  }

  @Test
  void moveWritesOnlyTheMovedPositionsAndPinsUnplacedOnes() throws Exception {
    Pipeline p = example("10-username-claims.broken.json");
    Map<String, Position> layout = new java.util.HashMap<>(p.layout());
    layout.remove("accounts-db");
    p = p.withLayout(layout);
    MoveComponents move =
        new MoveComponents(
            Map.of("claims-eu", new Position(260, 95), "signups-us", new Position(60, 215)),
            Map.of("accounts-db", new Position(700, 140), "claims-eu", new Position(1, 1)),
            "Move");
    assertEquals("Move 2 components", move.description());
    Pipeline after = move.apply(p);
    assertEquals(new Position(260, 95), after.layout().get("claims-eu"));
    assertEquals(new Position(60, 215), after.layout().get("signups-us"));
    assertEquals(new Position(700, 140), after.layout().get("accounts-db"));
    assertEquals(p.layout().get("claims-us"), after.layout().get("claims-us"));
    assertEquals(ids(p), ids(after));
  }

  @Test
  void connectAddsALegalConnectionAndRefusesWithTheRuleReason() throws Exception {
    Pipeline p = example("10-username-claims.broken.json");
    Connect c = new Connect("claims-eu", "claims-us-handler");
    assertEquals("Connect claims-eu → claims-us-handler", c.description());
    Pipeline after = c.apply(p);
    assertTrue(
        after.connections().stream()
            .anyMatch(x -> x.from().equals("claims-eu") && x.to().equals("claims-us-handler")));

    IllegalArgumentException brokers =
        assertThrows(
            IllegalArgumentException.class, () -> new Connect("claims-eu", "claims-us").apply(p));
    assertTrue(brokers.getMessage().contains("brokers do not forward"), brokers.getMessage());
    assertEquals(
        "a component cannot send to itself",
        Connect.refusal(p, "claims-eu-handler", "claims-eu-handler").orElseThrow());
    assertTrue(Connect.refusal(p, "signups-eu", "claims-eu").orElseThrow().contains("already"));
    assertTrue(Connect.refusal(p, "accounts-db", "signups-us").orElseThrow().contains("producer"));
  }

  @Test
  void deletingAComponentTakesItsConnectionsFaultsConstraintsAndPosition() throws Exception {
    Pipeline p = example("07-failover-lost-writes.broken.json");
    DeleteElements d = DeleteElements.of(p, Set.of("orders-db"), Set.of());
    assertEquals("Delete 1 component and 2 connections", d.description());
    Pipeline after = d.apply(p);
    assertEquals(List.of("orders", "order-status"), ids(after));
    assertTrue(after.connections().isEmpty());
    assertTrue(after.faults().isEmpty());
    assertFalse(after.layout().containsKey("orders-db"));
    assertEquals(p.layout().get("order-status"), after.layout().get("order-status"));

    Pipeline claims = example("10-username-claims.broken.json");
    Pipeline noDb = DeleteElements.of(claims, Set.of("accounts-db"), Set.of()).apply(claims);
    assertTrue(noDb.constraints().isEmpty());
    Pipeline enforced =
        claims.withConstraints(
            List.of(
                new Constraint(
                    "unique-username",
                    Constraint.Type.UNIQUE,
                    "accounts-db",
                    "claims-eu-handler")));
    Pipeline noHandler =
        DeleteElements.of(enforced, Set.of("claims-eu-handler"), Set.of()).apply(enforced);
    assertNull(noHandler.constraints().get(0).enforcedBy());
  }

  @Test
  void deletingAConnectionAloneKeepsItsEnds() throws Exception {
    Pipeline p = example("10-username-claims.broken.json");
    Link link = new Link("claims-us-handler", "accounts-db");
    DeleteElements d = DeleteElements.of(p, Set.of(), Set.of(link));
    assertEquals("Delete connection claims-us-handler → accounts-db", d.description());
    Pipeline after = d.apply(p);
    assertEquals(ids(p), ids(after));
    assertEquals(p.connections().size() - 1, after.connections().size());
    assertTrue(after.connections().stream().noneMatch(link::matches));
    DeleteElements two =
        DeleteElements.of(
            p,
            Set.of("signups-eu", "signups-us"),
            Set.of(new Link("claims-eu", "claims-eu-handler")));
    assertEquals("Delete 2 components and 3 connections", two.description());
  }

  @Test
  void renameUpdatesEveryReference() throws Exception {
    Pipeline p = example("07-failover-lost-writes.broken.json");
    Rename r = new Rename("orders-db", "orders-store");
    assertEquals("Rename orders-db to orders-store", r.description());
    Pipeline after = r.apply(p);
    assertEquals(List.of("orders", "orders-store", "order-status"), ids(after));
    assertEquals(
        List.of(Connection.of("orders", "orders-store").from(), "orders-store"),
        List.of(after.connections().get(0).from(), after.connections().get(0).to()));
    assertEquals("orders-store", after.connections().get(1).from());
    assertEquals("orders-store", ((Fault.Crash) after.faults().get(0)).component());
    assertEquals(p.layout().get("orders-db"), after.layout().get("orders-store"));
    assertFalse(after.layout().containsKey("orders-db"));
    assertEquals(errors(p), errors(after));

    Pipeline claims = example("10-username-claims.broken.json");
    assertEquals(
        "accounts",
        new Rename("accounts-db", "accounts").apply(claims).constraints().get(0).store());
  }

  @Test
  void renameRefusesTakenAndIllegalIds() throws Exception {
    Pipeline p = example("07-failover-lost-writes.broken.json");
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new Rename("orders", "orders-db").apply(p))
            .getMessage()
            .contains("already"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> new Rename("orders", "my orders").apply(p))
            .getMessage()
            .contains("not a legal id"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new Rename("orders", "-x").apply(p))
            .getMessage()
            .contains("not a legal id"));
    assertEquals(p, new Rename("orders", "orders").apply(p));
  }

  @Test
  void copyAndPasteRenamesClashesOffsetsAndBringsInnerConnections() throws Exception {
    Pipeline p = example("10-username-claims.broken.json");
    Pipeline fragment =
        Fragment.copy(p, Set.of("claims-eu", "claims-eu-handler", "accounts-db"), Map.of());
    assertEquals(2, fragment.connections().size(), "only the connections among the copied");
    String json = Fragment.toJson(fragment);
    Pipeline read = Fragment.fromJson(json).orElseThrow();
    assertEquals(fragment.components(), read.components());

    Paste paste = Paste.of(p, read, 40, 30, "Paste");
    assertEquals("Paste 3 components", paste.description());
    assertEquals(List.of("claims-eu-2", "claims-eu-handler-2", "accounts-db-2"), paste.pastedIds());
    Pipeline after = paste.apply(p);
    assertEquals(p.components().size() + 3, after.components().size());
    Position eu = p.layout().get("claims-eu");
    Position db = p.layout().get("accounts-db");
    assertEquals(new Position(eu.x() + 40, eu.y() + 30), after.layout().get("claims-eu-2"));
    assertEquals(new Position(db.x() + 40, db.y() + 30), after.layout().get("accounts-db-2"));
    assertTrue(
        after.connections().stream()
            .anyMatch(c -> c.from().equals("claims-eu-2") && c.to().equals("claims-eu-handler-2")));
    assertEquals(p.connections().size() + 2, after.connections().size());

    Pipeline again = Paste.of(after, read, 80, 60, "Paste").apply(after);
    assertTrue(again.component("claims-eu-3").isPresent());
    assertTrue(Fragment.fromJson("not json").isEmpty());
    assertTrue(Fragment.fromJson("{\"flowsim\":1}").isEmpty());
  }

  @Test
  void arrangeMovesEveryComponentAndIsOneUndoStep() throws Exception {
    Pipeline p = example("10-username-claims.broken.json");
    Pipeline scrambled =
        new MoveComponents(Map.of("accounts-db", new Position(-300, 777))).apply(p);
    Document doc = new Document(scrambled);
    assertTrue(doc.execute(new Arrange()));
    assertEquals("Undo Arrange", doc.undoTextProperty().get());
    assertNotEquals(new Position(-300, 777), doc.pipeline().layout().get("accounts-db"));
    assertEquals(ids(p), ids(doc.pipeline()));
    doc.undo();
    assertEquals(scrambled, doc.pipeline());
  }

  @Test
  void freshIdsAreLegalAndUnique() {
    assertEquals("db", Ids.fresh("db", Set.of("x")));
    assertEquals("db-2", Ids.fresh("db", Set.of("db")));
    assertEquals("db-3", Ids.fresh("db-2", Set.of("db", "db-2")));
    String longId = "a".repeat(64);
    String fresh = Ids.fresh(longId, Set.of(longId));
    assertTrue(Ids.isLegal(fresh), fresh);
    assertFalse(Ids.isLegal("bad id"));
  }
}
