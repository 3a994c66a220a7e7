package dev.flowsim.app.gui.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.doc.Edit;
import dev.flowsim.model.Component;
import dev.flowsim.model.Database;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.json.SpecReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The diagnostics list follows the design live and leads to the components it names. */
@ExtendWith(ApplicationExtension.class)
class DiagnosticsPanelTest {

  /** The fixed follower-reads example: no errors, no warnings. */
  static final Path CLEAN = Path.of("../examples/06-follower-reads.fixed.json");

  Editor editor;
  final List<String> revealed = new ArrayList<>();

  @Start
  void start(Stage stage) throws Exception {
    editor = new Editor(SpecReader.read(CLEAN));
    DiagnosticsPanel panel = new DiagnosticsPanel(editor, revealed::add);
    stage.setScene(new Scene((javafx.scene.Parent) panel.view(), 700, 400));
    stage.show();
  }

  @SuppressWarnings("unchecked")
  private ListView<Diagnostic> list(FxRobot robot) {
    return robot.lookup("#diagnostics-list").queryAs(ListView.class);
  }

  private String summary(FxRobot robot) {
    return robot.lookup("#diagnostics-summary").queryAs(Label.class).getText();
  }

  /** Sets the database's followers to a value validation rejects (as a hand-edited file may). */
  private void breakTheDatabase(FxRobot robot) {
    robot.interact(
        () ->
            editor
                .document()
                .execute(
                    Edit.of(
                        "Set followers of profiles-db",
                        p -> {
                          List<Component> cs = new ArrayList<>(p.components());
                          int i = p.indexOf("profiles-db");
                          Database d = (Database) cs.get(i);
                          cs.set(
                              i,
                              new Database(
                                  d.id(),
                                  -1,
                                  d.replication(),
                                  d.replicationLag(),
                                  d.failoverAfter(),
                                  d.writeLatency()));
                          return p.withComponents(cs);
                        })));
  }

  @Test
  void followsEditsAndUndo(FxRobot robot) {
    assertTrue(list(robot).getItems().isEmpty());
    assertEquals("No problems", summary(robot));
    assertTrue(robot.lookup("#diagnostics-empty").queryAs(Label.class).isVisible());

    breakTheDatabase(robot);
    List<Diagnostic> shown = list(robot).getItems();
    assertFalse(shown.isEmpty());
    assertTrue(shown.get(0).isError());
    assertEquals("components[1].followers", shown.get(0).path());
    long errors = shown.stream().filter(Diagnostic::isError).count();
    assertEquals(errors + (errors == 1 ? " error" : " errors"), summary(robot));

    robot.interact(() -> editor.document().undo());
    assertTrue(list(robot).getItems().isEmpty());
    assertEquals("No problems", summary(robot));
  }

  @Test
  void warningsGiveWayToErrors(FxRobot robot) {
    robot.interact(
        () ->
            editor
                .document()
                .replace(read("../examples/06-follower-reads.broken.json"), null, true));
    assertEquals("1 warning", summary(robot));
    assertEquals("async-follower-reads", list(robot).getItems().get(0).code());
    robot.interact(
        () ->
            editor
                .document()
                .execute(
                    Edit.of(
                        "Set duration of pipeline",
                        p -> p.withSettings(p.name(), p.description(), p.seed(), Duration.ZERO))));
    assertEquals("1 error", summary(robot));
    assertEquals("duration", list(robot).getItems().get(0).path());
  }

  @Test
  void errorsAreListedFirst() {
    Diagnostic w1 = Diagnostic.warning("dual-write", "a", "m1", "why", "fix", "a");
    Diagnostic e1 = Diagnostic.error("bad-parameter", "b", "m2", "b");
    Diagnostic w2 = Diagnostic.warning("hot-key", "c", "m3", "why", "fix", "c");
    Diagnostic e2 = Diagnostic.error("dangling-id", "d", "m4", "d");
    assertEquals(List.of(e1, e2, w1, w2), DiagnosticsPanel.ordered(List.of(w1, e1, w2, e2)));
  }

  private static Pipeline read(String path) {
    try {
      return SpecReader.read(Path.of(path));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void clickingADiagnosticSelectsAndRevealsItsComponent(FxRobot robot) {
    breakTheDatabase(robot);
    ListCell<?> first =
        robot.lookup(".diagnostics-list .list-cell").queryAll().stream()
            .map(n -> (ListCell<?>) n)
            .filter(c -> c.getIndex() == 0)
            .findFirst()
            .orElseThrow();
    robot.clickOn(first);
    assertEquals(List.of("profiles-db"), revealed);
    assertEquals(Set.of("profiles-db"), Set.copyOf(editor.selection().components()));

    robot.interact(() -> editor.selection().clear());
    robot.type(KeyCode.ENTER);
    assertEquals(List.of("profiles-db", "profiles-db"), revealed);
    assertEquals(Set.of("profiles-db"), Set.copyOf(editor.selection().components()));
  }

  @Test
  void aDiagnosticAboutAConnectionSelectsTheConnection(FxRobot robot) {
    robot.interact(
        () ->
            editor
                .document()
                .replace(read("../examples/05-consumer-crash-duplicates.broken.json"), null, true));
    Diagnostic d = list(robot).getItems().get(0);
    assertEquals("connections[1]", d.path());
    robot.interact(() -> list(robot).getSelectionModel().select(0));
    robot.interact(() -> list(robot).requestFocus());
    robot.type(KeyCode.ENTER);
    assertEquals(
        Set.of(new dev.flowsim.app.gui.doc.Selection.Link("view-events", "view-counts")),
        Set.copyOf(editor.selection().links()));
    assertTrue(editor.selection().components().isEmpty());
    assertEquals(List.of(d.components().get(0)), revealed);
  }

  @Test
  void summaryCountsErrorsAndWarnings() {
    Diagnostic e = Diagnostic.error("bad-parameter", "x", "m", "a");
    Diagnostic w = Diagnostic.warning("dual-write", "y", "m", "why", "fix", "b");
    assertEquals("No problems", DiagnosticsPanel.summary(List.of()));
    assertEquals("1 error", DiagnosticsPanel.summary(List.of(e)));
    assertEquals("2 errors, 1 warning", DiagnosticsPanel.summary(List.of(e, w, e)));
    assertEquals("2 warnings", DiagnosticsPanel.summary(List.of(w, w)));
  }
}
