package dev.flowsim.app.gui.shell;

import java.io.File;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks the user for a file to open or to save to. The designer uses the platform's file choosers;
 * tests give an implementation that answers without a dialog.
 */
public interface FileDialogs {

  /** The file to open, or null when the user cancelled. */
  Path chooseOpen(Window owner, Path initialDir);

  /** The file to save to, or null when the user cancelled. */
  Path chooseSave(Window owner, Path initialDir, String suggestedName);

  /**
   * The file to export to, or null when the user cancelled; {@code extension} (without the dot)
   * names the format's files.
   */
  default Path chooseExport(
      Window owner, Path initialDir, String suggestedName, String description, String extension) {
    return chooseSave(owner, initialDir, suggestedName);
  }

  /** The platform's file choosers, filtered to Flowsim specs ({@code *.json}). */
  static FileDialogs platform() {
    return new FileDialogs() {
      @Override
      public Path chooseOpen(Window owner, Path initialDir) {
        FileChooser chooser = chooser("Open a Flowsim spec", initialDir);
        File f = chooser.showOpenDialog(owner);
        return f == null ? null : f.toPath();
      }

      @Override
      public Path chooseSave(Window owner, Path initialDir, String suggestedName) {
        FileChooser chooser = chooser("Save the design", initialDir);
        chooser.setInitialFileName(suggestedName);
        File f = chooser.showSaveDialog(owner);
        return f == null ? null : f.toPath();
      }

      @Override
      public Path chooseExport(
          Window owner,
          Path initialDir,
          String suggestedName,
          String description,
          String extension) {
        FileChooser chooser = chooser("Export the design", initialDir);
        chooser
            .getExtensionFilters()
            .setAll(
                new FileChooser.ExtensionFilter(
                    description + " (*." + extension + ")", "*." + extension),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        chooser.setInitialFileName(suggestedName);
        File f = chooser.showSaveDialog(owner);
        return f == null ? null : f.toPath();
      }

      private FileChooser chooser(String title, Path initialDir) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser
            .getExtensionFilters()
            .addAll(
                new FileChooser.ExtensionFilter(
                    "Flowsim specs (*.json, *.flowsim)", "*.json", "*.flowsim"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        if (initialDir != null && initialDir.toFile().isDirectory()) {
          chooser.setInitialDirectory(initialDir.toFile());
        }
        return chooser;
      }
    };
  }
}
