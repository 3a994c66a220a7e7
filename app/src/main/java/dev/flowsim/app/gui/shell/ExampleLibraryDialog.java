package dev.flowsim.app.gui.shell;

import atlantafx.base.theme.Styles;
import dev.flowsim.app.scenarios.ExampleLibrary;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The example library: every bundled teaching scenario with its name, what its broken spec shows
 * and what its fixed spec changes, and buttons that open either as a new untitled design.
 */
final class ExampleLibraryDialog {

  private final Alert alert;

  ExampleLibraryDialog(Window owner, Consumer<ExampleLibrary.Example> open) {
    alert = ShellDialogs.alert(owner, Alert.AlertType.NONE, "library-dialog", "Example library");
    alert.setHeaderText(
        "Teaching scenarios: each a broken design and the fixed one. Open one, run it (F5), and"
            + " compare.");
    ListView<ExampleLibrary.Pair> list = new ListView<>();
    list.setId("library-list");
    list.getItems().setAll(ExampleLibrary.pairs());
    list.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(ExampleLibrary.Pair pair, boolean empty) {
                super.updateItem(pair, empty);
                if (empty || pair == null) {
                  setGraphic(null);
                  return;
                }
                Label title = new Label(pair.number() + "  " + pair.title());
                title.getStyleClass().add(Styles.TEXT_BOLD);
                Label broken = summary("Broken: " + pair.broken().summary());
                Label fixed =
                    summary(capital(pair.fixed().variant()) + ": " + pair.fixed().summary());
                Button openBroken = openButton("Open broken", pair.broken(), open);
                Button openFixed = openButton("Open fixed", pair.fixed(), open);
                VBox box = new VBox(4, title, broken, fixed, new HBox(8, openBroken, openFixed));
                // wrap the summaries at the list's width rather than widening the cell
                box.prefWidthProperty().bind(getListView().widthProperty().subtract(48));
                setPrefWidth(0);
                setGraphic(box);
              }
            });
    // the dialog fits on small or scaled screens (800 × 500 at 200 %)
    javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
    list.setPrefSize(
        Math.min(700, screen.getWidth() - 80),
        Math.max(200, Math.min(520, screen.getHeight() - 200)));
    alert.getDialogPane().setContent(list);
    alert.getButtonTypes().setAll(ButtonType.CLOSE);
  }

  private static String capital(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static Label summary(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    return l;
  }

  private Button openButton(
      String text, ExampleLibrary.Example ex, Consumer<ExampleLibrary.Example> open) {
    Button b = new Button(text);
    b.setId("library-open-" + ex.stem().replace('.', '-'));
    b.getStyleClass().add(Styles.SMALL);
    b.setOnAction(
        e -> {
          alert.close();
          open.accept(ex);
        });
    return b;
  }

  void show() {
    alert.show();
  }
}
