package dev.flowsim.app.gui.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Rate;
import dev.flowsim.model.Topic;
import dev.flowsim.model.json.SpecReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The property sheet on real example specs: edits are single undoable steps, invalid values are
 * explained and change nothing, connections and pipeline settings are editable, and the sheet keeps
 * its editors (and focus) when only values change.
 */
@ExtendWith(ApplicationExtension.class)
class PropertiesPanelTest {

  static final Path CRASH = Path.of("../examples/05-consumer-crash-duplicates.broken.json");
  static final Path LATE = Path.of("../examples/08-late-events.broken.json");

  Stage stage;
  Editor editor;
  PropertiesPanel panel;
  Node lastTyped;

  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    show(CRASH);
  }

  private void show(Path spec) throws Exception {
    editor = new Editor(SpecReader.read(spec));
    panel = new PropertiesPanel(editor);
    stage.setScene(new Scene((javafx.scene.Parent) panel.view(), 480, 760));
    stage.show();
  }

  private void load(FxRobot robot, Path spec) {
    robot.interact(
        () -> {
          try {
            show(spec);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private void select(FxRobot robot, String... ids) {
    robot.interact(() -> editor.selection().selectComponents(List.of(ids)));
  }

  private Pipeline pipeline() {
    return editor.document().pipeline();
  }

  private <T extends Node> T field(FxRobot robot, String id, String category) {
    robot.interact(
        () -> {
          panel.openCategory(category);
          // lay the opened group out now, so the robot clicks where the field really is
          stage.getScene().getRoot().applyCss();
          stage.getScene().getRoot().layout();
        });
    Node n = robot.lookup("#" + id).query();
    assertNotNull(n, id);
    @SuppressWarnings("unchecked")
    T t = (T) n;
    return t;
  }

  /**
   * Focuses the field, replaces its content with {@code text} and presses Enter. The text is set
   * directly (typing every character through the robot is slow); clicking and typing are covered by
   * {@link #theFieldKeepsFocusAndItsEditorAcrossItsOwnEdit}.
   */
  private TextField type(FxRobot robot, String id, String category, String text) {
    TextField f = field(robot, id, category);
    lastTyped = f;
    // focus as a click or Tab would (clicks right after a group opens can land on its scroll
    // pane while it settles; the click path is covered by the keyboard test)
    robot.interact(f::requestFocus);
    assertTrue(f.isFocused(), id + " has the focus");
    robot.interact(() -> f.setText(text));
    robot.type(KeyCode.ENTER);
    return f;
  }

  /** The message under the field last typed in, if one is shown. */
  private Optional<String> error(FxRobot robot) {
    Node n = lastTyped;
    while (n != null && !n.getStyleClass().contains("property-editor")) {
      n = n.getParent();
    }
    assertNotNull(n, "the field is in a property editor");
    return n.lookupAll("#" + FieldEditor.ERROR_ID).stream()
        .filter(Node::isVisible)
        .map(e -> ((Label) e).getText())
        .findFirst();
  }

  private Topic topic(String id) {
    return (Topic) pipeline().component(id).orElseThrow();
  }

  @Test
  void editingAPropertyIsOneUndoableEdit(FxRobot robot) {
    Pipeline before = pipeline();
    select(robot, "view-events");
    assertEquals("view-events", robot.lookup("#properties-title").queryAs(Label.class).getText());
    assertEquals(3, topic("view-events").partitions());

    type(robot, "prop-partitions", "Partitioning", "8");

    assertEquals(8, topic("view-events").partitions());
    assertEquals("Undo Set partitions of view-events", editor.document().undoTextProperty().get());
    assertEquals(Optional.empty(), error(robot));
    // every other value of the topic is kept
    Topic t = topic("view-events");
    assertEquals(Topic.Partitioner.KEY_HASH, t.partitioner());
    assertEquals(before.components().size(), pipeline().components().size());

    robot.interact(() -> editor.document().undo());
    assertEquals(before, pipeline());
    assertFalse(editor.document().canUndoProperty().get());
    assertEquals("3", robot.lookup("#prop-partitions").queryAs(TextField.class).getText());

    robot.interact(() -> editor.document().redo());
    assertEquals(8, topic("view-events").partitions());
    assertEquals("8", robot.lookup("#prop-partitions").queryAs(TextField.class).getText());
  }

  @Test
  void theFieldKeepsFocusAndItsEditorAcrossItsOwnEdit(FxRobot robot) {
    select(robot, "page-views");
    TextField rate = field(robot, "prop-rate", "Traffic");
    robot.clickOn(rate);
    robot.interact(rate::selectAll);
    robot.write("350 / s");
    robot.type(KeyCode.ENTER);
    assertEquals(Rate.parse("350/s"), ((Producer) pipeline().component("page-views").get()).rate());
    assertSame(rate, robot.lookup("#prop-rate").query(), "the sheet was not rebuilt");
    assertTrue(rate.isFocused());
    assertEquals("350/s", rate.getText(), "shown in canonical form");
  }

  @Test
  void aValueTypedBeforeTheSelectionChangesGoesToItsComponent(FxRobot robot) {
    select(robot, "view-events");
    TextField partitions = field(robot, "prop-partitions", "Partitioning");
    robot.interact(partitions::requestFocus);
    robot.interact(() -> partitions.setText("6"));
    // no Enter: the canvas selects another component while the field still has focus
    select(robot, "page-views");
    assertEquals(6, topic("view-events").partitions());
    assertEquals("page-views", robot.lookup("#properties-title").queryAs(Label.class).getText());
    robot.interact(() -> editor.document().undo());
    assertEquals(3, topic("view-events").partitions());
  }

  @Test
  void invalidValuesAreExplainedAndChangeNothing(FxRobot robot) {
    Pipeline before = pipeline();
    select(robot, "view-events");
    TextField partitions = type(robot, "prop-partitions", "Partitioning", "0");
    assertEquals("expected a whole number from 1 to 10000, got 0", error(robot).orElse(null));
    assertTrue(partitions.getPseudoClassStates().contains(FieldEditor.INVALID));
    assertEquals(before, pipeline());
    assertFalse(editor.document().canUndoProperty().get());

    type(robot, "prop-partitions", "Partitioning", "lots");
    assertTrue(error(robot).orElseThrow().contains("whole number"));
    assertEquals(before, pipeline());

    // a valid value clears the message
    type(robot, "prop-partitions", "Partitioning", "2");
    assertEquals(Optional.empty(), error(robot));
    assertFalse(partitions.getPseudoClassStates().contains(FieldEditor.INVALID));
    assertEquals(2, topic("view-events").partitions());

    Pipeline now = pipeline();
    select(robot, "page-views");
    type(robot, "prop-rate", "Traffic", "-3/s");
    assertTrue(error(robot).orElseThrow().contains("above 0"), error(robot).orElse(""));
    assertEquals(now, pipeline());
  }

  @Test
  void connectionProperties(FxRobot robot) {
    Pipeline before = pipeline();
    robot.interact(() -> editor.selection().selectLink(new Link("view-events", "view-counts")));
    assertEquals(
        "view-events → view-counts",
        robot.lookup("#properties-title").queryAs(Label.class).getText());
    // the lint warning about this connection is shown above its settings
    javafx.scene.layout.VBox problems =
        robot.lookup("#properties-problems").queryAs(javafx.scene.layout.VBox.class);
    assertTrue(problems.isVisible());
    assertTrue(
        ((Label) problems.getChildren().get(0)).getText().contains("not idempotent"),
        ((Label) problems.getChildren().get(0)).getText());

    type(robot, "prop-latency", "Timing", "fast");
    assertTrue(error(robot).orElseThrow().contains("expected"), error(robot).orElse(""));
    assertEquals(before, pipeline());

    type(robot, "prop-latency", "Timing", "lognormal(5ms,50ms)");
    assertEquals(Optional.empty(), error(robot));
    Connection c = connection("view-events", "view-counts");
    assertEquals(
        new Distribution.LogNormal(Duration.ofMillis(5), Duration.ofMillis(50)), c.latency());
    assertEquals("view-counter", c.consumer().group(), "other settings kept");

    type(robot, "prop-loss", "Reliability", "1.5");
    assertTrue(error(robot).orElseThrow().contains("probability"));
    type(robot, "prop-loss", "Reliability", "2%");
    assertEquals(0.02, connection("view-events", "view-counts").loss(), 1e-12);

    CheckBox fifo = field(robot, "prop-fifo", "Delivery");
    robot.clickOn(fifo);
    assertFalse(connection("view-events", "view-counts").fifo());

    // the consumer group's commit policy: auto shows its interval, after-processing hides it
    assertNotNull(field(robot, "prop-consumer-autoCommitInterval", "Consumer"));
    type(robot, "prop-consumer-autoCommitInterval", "Consumer", "1s");
    assertEquals(
        Duration.ofSeconds(1),
        connection("view-events", "view-counts").consumer().autoCommitInterval());
    ComboBox<Object> commit = field(robot, "prop-consumer-commit", "Consumer");
    robot.interact(() -> commit.setValue(Connection.CommitPolicy.AFTER_PROCESSING));
    assertEquals(
        Connection.CommitPolicy.AFTER_PROCESSING,
        connection("view-events", "view-counts").consumer().commit());
    assertTrue(robot.lookup("#prop-consumer-autoCommitInterval").tryQuery().isEmpty());

    // five edits, five undo steps back to the file as loaded
    for (int i = 0; i < 5; i++) {
      robot.interact(() -> editor.document().undo());
    }
    assertEquals(before, pipeline());
  }

  private Connection connection(String from, String to) {
    return pipeline().connections().stream()
        .filter(new Link(from, to)::matches)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void pipelineSettingsWhenNothingIsSelected(FxRobot robot) {
    robot.interact(() -> editor.selection().clear());
    assertEquals(
        "Pipeline settings", robot.lookup("#properties-subtitle").queryAs(Label.class).getText());
    TextField name = field(robot, "prop-name", "General");
    assertEquals("Consumer crash replays increments (broken)", name.getText());

    type(robot, "prop-duration", "Run", "2m");
    assertEquals(Duration.ofSeconds(120), pipeline().duration());
    assertEquals("Undo Set duration of pipeline", editor.document().undoTextProperty().get());

    Pipeline before = pipeline();
    type(robot, "prop-seed", "Run", "forty-two");
    assertTrue(error(robot).isPresent());
    type(robot, "prop-duration", "Run", "0s");
    assertTrue(error(robot).orElseThrow().contains("run length"), error(robot).orElse(""));
    assertEquals(before, pipeline());

    type(robot, "prop-name", "General", "Crash replay");
    assertEquals("Crash replay", pipeline().name());
    assertEquals("Crash replay", robot.lookup("#properties-title").queryAs(Label.class).getText());

    Label components = field(robot, "prop-summary-components", "Summary");
    assertEquals("3 (1 producer, 1 topic, 1 materialized-view)", components.getText());
    Label crash = field(robot, "prop-faults-0", "Faults");
    assertEquals("view-counts at 23.5s, restarts after 2s", crash.getText());
  }

  @Test
  void faultsOfTheSelectedComponentAreListed(FxRobot robot) {
    select(robot, "view-counts");
    Label crash = field(robot, "prop-faults-0", "Faults");
    assertEquals("view-counts at 23.5s, restarts after 2s", crash.getText());
    select(robot, "page-views");
    assertTrue(robot.lookup("#prop-faults-0").tryQuery().isEmpty());
    assertFalse(robot.lookup("#properties-problems").query().isVisible(), "no problem here");
  }

  @Test
  void severalComponentsOfOneKindShareTheirFields(FxRobot robot) {
    load(robot, LATE);
    Pipeline before = pipeline();
    select(robot, "mobile-app", "web-app");
    assertEquals("2 producers", robot.lookup("#properties-title").queryAs(Label.class).getText());
    type(robot, "prop-rate", "Traffic", "75/s");
    for (String id : List.of("mobile-app", "web-app")) {
      assertEquals(Rate.parse("75/s"), ((Producer) pipeline().component(id).get()).rate(), id);
    }
    assertEquals("Undo Set rate of 2 components", editor.document().undoTextProperty().get());
    robot.interact(() -> editor.document().undo());
    assertEquals(before, pipeline());

    // different kinds: a summary, nothing to edit
    select(robot, "mobile-app", "app-events");
    assertEquals("2 components", robot.lookup("#properties-title").queryAs(Label.class).getText());
    assertTrue(robot.lookup("#prop-rate").tryQuery().isEmpty());
    Label summary = field(robot, "prop-summary-selection", "Summary");
    assertEquals("2 (1 producer, 1 topic)", summary.getText());

    // a third component of yet another mix: the summary row follows the selection
    select(robot, "mobile-app", "web-app", "app-events");
    assertEquals("3 components", robot.lookup("#properties-title").queryAs(Label.class).getText());
    summary = field(robot, "prop-summary-selection", "Summary");
    assertEquals("3 (2 producers, 1 topic)", summary.getText());
  }

  @Test
  void operatorSettingsFollowTheOperatorType(FxRobot robot) {
    load(robot, LATE);
    select(robot, "views-per-10s");
    Processor p = (Processor) pipeline().component("views-per-10s").orElseThrow();
    Operator.Window w = (Operator.Window) p.operator();
    assertTrue(robot.lookup("#prop-operator-advance").tryQuery().isEmpty());

    ComboBox<Object> window = field(robot, "prop-operator-window", "Operator");
    robot.interact(() -> window.setValue(Operator.WindowType.HOPPING));
    type(robot, "prop-operator-advance", "Operator", "5s");
    Operator.Window now =
        (Operator.Window) ((Processor) pipeline().component("views-per-10s").get()).operator();
    assertEquals(Operator.WindowType.HOPPING, now.window());
    assertEquals(Duration.ofSeconds(5), now.advance());
    assertEquals(w.size(), now.size());
    assertEquals(w.watermarkDelay(), now.watermarkDelay());

    // an advance above the size is refused with the validator's message
    type(robot, "prop-operator-advance", "Operator", "1m");
    assertTrue(error(robot).orElseThrow().contains("at most the window size"));

    type(robot, "prop-operator-watermarkDelay", "Operator", "2s");
    assertEquals(
        Duration.ofSeconds(2),
        ((Operator.Window) ((Processor) pipeline().component("views-per-10s").get()).operator())
            .watermarkDelay());
  }
}
