package dev.flowsim.app.gui.shell;

import dev.flowsim.model.check.Diagnostic;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The designer's questions and reports as window-modal dialogs that do not block: each is shown
 * with {@code show()} and answers through a callback, so the code that asks never waits in a nested
 * event loop (and UI tests can click the answer). Every dialog and button has an id.
 */
final class ShellDialogs {

  /** The answers to "save your changes?". */
  enum UnsavedAnswer {
    SAVE,
    DONT_SAVE,
    CANCEL
  }

  /** The answers to "recover the autosaved design?". */
  enum RecoverAnswer {
    RECOVER,
    DISCARD
  }

  static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
  static final ButtonType DONT_SAVE = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
  static final ButtonType RECOVER = new ButtonType("Recover", ButtonBar.ButtonData.YES);
  static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);

  private ShellDialogs() {}

  static Alert alert(Window owner, Alert.AlertType type, String id, String title) {
    Alert a = new Alert(type);
    if (owner != null) {
      a.initOwner(owner);
    }
    a.initModality(Modality.WINDOW_MODAL);
    a.setTitle(title);
    a.getDialogPane().setId(id);
    a.setResizable(true);
    return a;
  }

  /** Save / Don't Save / Cancel for unsaved changes of {@code name}. */
  static void askUnsaved(Window owner, String name, Consumer<UnsavedAnswer> answer) {
    Alert a = alert(owner, Alert.AlertType.CONFIRMATION, "unsaved-dialog", "Unsaved changes");
    a.setHeaderText("Save the changes to " + name + "?");
    a.setContentText("Your changes are lost if you don't save them.");
    a.getButtonTypes().setAll(SAVE, DONT_SAVE, ButtonType.CANCEL);
    a.getDialogPane().lookupButton(SAVE).setId("unsaved-save");
    a.getDialogPane().lookupButton(DONT_SAVE).setId("unsaved-dont-save");
    a.getDialogPane().lookupButton(ButtonType.CANCEL).setId("unsaved-cancel");
    a.setOnHidden(
        e -> {
          ButtonType r = a.getResult();
          answer.accept(
              r == SAVE
                  ? UnsavedAnswer.SAVE
                  : r == DONT_SAVE ? UnsavedAnswer.DONT_SAVE : UnsavedAnswer.CANCEL);
        });
    a.show();
  }

  /** Recover / Discard for the autosaved design of a session that ended without closing. */
  static void askRecover(Window owner, String what, Consumer<RecoverAnswer> answer) {
    Alert a = alert(owner, Alert.AlertType.CONFIRMATION, "recover-dialog", "Recover unsaved work");
    a.setHeaderText("Flowsim did not close normally last time.");
    a.setContentText(
        "Unsaved changes to " + what + " were autosaved. Recover them or discard them?");
    a.getButtonTypes().setAll(RECOVER, DISCARD);
    a.getDialogPane().lookupButton(RECOVER).setId("recover-recover");
    a.getDialogPane().lookupButton(DISCARD).setId("recover-discard");
    a.setOnHidden(
        e ->
            answer.accept(
                a.getResult() == DISCARD ? RecoverAnswer.DISCARD : RecoverAnswer.RECOVER));
    a.show();
  }

  /** Every located problem that kept {@code file} from opening. */
  static void showLoadErrors(Window owner, Path file, List<Diagnostic> problems) {
    Alert a = alert(owner, Alert.AlertType.ERROR, "load-errors", "Cannot open");
    a.setHeaderText(
        "Could not open "
            + (file.getFileName() == null ? file : file.getFileName())
            + ": "
            + (problems.size() == 1 ? "1 problem" : problems.size() + " problems"));
    ListView<String> list = new ListView<>();
    list.setId("load-errors-list");
    problems.forEach(d -> list.getItems().add(d.format()));
    list.setPrefSize(720, Math.min(320, 48 + 28 * problems.size()));
    Label hint = new Label("The design that was open is unchanged.");
    VBox box = new VBox(8, list, hint);
    VBox.setVgrow(list, Priority.ALWAYS);
    a.getDialogPane().setContent(box);
    a.getDialogPane().lookupButton(ButtonType.OK).setId("load-errors-ok");
    a.show();
  }

  /** A failure the user should know about (a save that failed). */
  static void showError(Window owner, String id, String header, String message) {
    Alert a = alert(owner, Alert.AlertType.ERROR, id, "Flowsim");
    a.setHeaderText(header);
    a.setContentText(message);
    a.show();
  }
}
