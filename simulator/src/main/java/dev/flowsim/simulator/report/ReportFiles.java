package dev.flowsim.simulator.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** How the run reports (JSON, CSV) reach the disk: whole or not at all. */
final class ReportFiles {
  private ReportFiles() {}

  /** What goes into the file. */
  @FunctionalInterface
  interface Body {
    void writeTo(Writer w) throws IOException;
  }

  /**
   * Writes {@code file} atomically: into a temporary file beside it, then moved over it, so a
   * reader never sees half a report and a failed write leaves any older report intact.
   *
   * @throws NoSuchFileException when the file's directory does not exist
   */
  static void writeAtomically(Path file, Body body) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new NoSuchFileException(
          String.valueOf(dir), null, "the report's directory does not exist");
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.writeTo(w);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
