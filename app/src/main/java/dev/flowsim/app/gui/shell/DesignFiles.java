package dev.flowsim.app.gui.shell;

import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.canvas.DesignCanvas;
import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.app.scenarios.ExampleLibrary;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.model.json.SpecWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.stage.Window;

/**
 * The File menu's work on one window's {@link Document}: New, Open, Save, Save As, examples and
 * recent files. Whatever would replace unsaved work asks first (Save / Don't Save / Cancel) and
 * continues only when the user agreed; a file that does not load leaves the open design untouched
 * and shows every located problem. FX thread only.
 */
public final class DesignFiles {

  private final Window window;
  private final Editor editor;
  private final ShellSettings settings;
  private final FileDialogs dialogs;
  private Path lastDir;
  private Runnable onReplaced = () -> {};

  DesignFiles(Window window, Editor editor, ShellSettings settings, FileDialogs dialogs) {
    this.window = window;
    this.editor = editor;
    this.settings = settings;
    this.dialogs = dialogs;
  }

  /** Called after the document got new content (New, Open, an example): e.g. to fit the view. */
  void setOnReplaced(Runnable r) {
    onReplaced = r;
  }

  private Document document() {
    return editor.document();
  }

  /** File → New: an empty untitled design (after asking about unsaved changes). */
  public void newDesign() {
    whenSafeToDiscard(
        () -> {
          document().replace(Pipeline.empty(), null, true);
          document().setUntitledName("Untitled");
          onReplaced.run();
          editor.statusProperty().set("New design");
        });
  }

  /** File → Open…: asks for a file, then loads it. */
  public void open() {
    whenSafeToDiscard(
        () -> {
          Path f = dialogs.chooseOpen(window, initialDir());
          if (f != null) {
            load(f);
          }
        });
  }

  /** Opens {@code file} (after asking about unsaved changes): Open Recent, drag and drop. */
  public void open(Path file) {
    whenSafeToDiscard(() -> load(file));
  }

  /**
   * Loads {@code file} into the document without asking. Components without a position are placed
   * by the standard layout as part of opening (no undo step, the document stays clean).
   *
   * @return false when the file could not be read; the problems were shown
   */
  public boolean load(Path file) {
    Path f = file.toAbsolutePath().normalize();
    Pipeline p;
    try {
      p = SpecReader.load(f).pipeline();
    } catch (SpecException e) {
      ShellDialogs.showLoadErrors(window, f, e.diagnostics());
      editor.statusProperty().set("Could not open " + f.getFileName());
      return false;
    }
    document().replace(withPositions(p), f, true);
    onReplaced.run();
    settings.addRecent(f);
    lastDir = f.getParent();
    editor.statusProperty().set("Opened " + shown(f));
    return true;
  }

  /**
   * The pipeline with a position for every component (those it has are kept), placed by the same
   * layout the canvas uses for unplaced components (fast for large designs).
   */
  static Pipeline withPositions(Pipeline p) {
    boolean complete = p.components().stream().allMatch(c -> p.layout().containsKey(c.id()));
    return complete ? p : DesignCanvas.openingLayout(p).complete(p);
  }

  /** Opens a bundled example as a new untitled design named after it. */
  public void openExample(ExampleLibrary.Example example) {
    whenSafeToDiscard(
        () -> {
          Pipeline p;
          try {
            p = example.load();
          } catch (SpecException e) {
            ShellDialogs.showLoadErrors(window, Path.of(example.fileName()), e.diagnostics());
            return;
          }
          document().replace(withPositions(p), null, true);
          document().setUntitledName(example.name().isBlank() ? example.stem() : example.name());
          onReplaced.run();
          editor.statusProperty().set("Opened the example " + example.stem());
        });
  }

  /**
   * File → Save: to the document's file, or through Save As when untitled.
   *
   * @return whether the design was saved
   */
  public boolean save() {
    Path f = document().file();
    return f == null ? saveAs() : saveTo(f);
  }

  /** File → Save As…: asks for a file (adding {@code .json} when missing), then saves. */
  public boolean saveAs() {
    Path f = dialogs.chooseSave(window, initialDir(), suggestedName());
    if (f == null) {
      return false;
    }
    String name = f.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".json") && !lower.endsWith(".flowsim")) {
      f = f.resolveSibling(name + ".json");
    }
    return saveTo(f);
  }

  /** Saves the design to {@code file} atomically and ties the document to it. */
  public boolean saveTo(Path file) {
    Path f = file.toAbsolutePath().normalize();
    try {
      SpecWriter.save(document().pipeline(), f);
    } catch (IOException | RuntimeException e) {
      ShellDialogs.showError(
          window, "save-error", "Could not save " + f.getFileName(), f + ": " + e.getMessage());
      editor.statusProperty().set("Could not save " + f.getFileName());
      return false;
    }
    document().markSaved(f);
    settings.addRecent(f);
    lastDir = f.getParent();
    editor.statusProperty().set("Saved " + shown(f));
    return true;
  }

  /**
   * Runs {@code then} once unsaved changes are dealt with: at once when the document is clean, else
   * after the user chose Save (and the save succeeded) or Don't Save; never on Cancel.
   */
  public void whenSafeToDiscard(Runnable then) {
    if (!document().isDirty()) {
      then.run();
      return;
    }
    ShellDialogs.askUnsaved(
        window,
        displayName(),
        answer -> {
          switch (answer) {
            case SAVE -> {
              if (save()) {
                then.run();
              }
            }
            case DONT_SAVE -> then.run();
            case CANCEL -> editor.statusProperty().set("Cancelled");
          }
        });
  }

  /** A path as the status bar shows it: under the home directory as {@code ~/...}. */
  static String shown(Path file) {
    Path home = Path.of(System.getProperty("user.home", "/")).toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    if (f.startsWith(home) && !f.equals(home) && home.getNameCount() > 0) {
      return "~" + java.io.File.separator + home.relativize(f);
    }
    return f.toString();
  }

  String displayName() {
    Path f = document().file();
    return f == null ? "“" + document().untitledName() + "”" : f.getFileName().toString();
  }

  private String suggestedName() {
    Path f = document().file();
    if (f != null) {
      return f.getFileName().toString();
    }
    String base =
        document()
            .untitledName()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    return (base.isEmpty() ? "design" : base) + ".json";
  }

  private Path initialDir() {
    if (document().file() != null) {
      return document().file().getParent();
    }
    if (lastDir != null) {
      return lastDir;
    }
    for (Path recent : settings.recentFiles()) {
      Path parent = recent.getParent();
      if (parent != null && Files.isDirectory(parent)) {
        return parent;
      }
    }
    return null;
  }
}
