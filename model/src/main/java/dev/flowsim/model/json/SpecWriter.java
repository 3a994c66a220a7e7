package dev.flowsim.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flowsim.model.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes pipelines as canonical JSON: fields in declared order, defaults left out, two-space
 * indent, LF line ends, a final newline. Reading the output gives back an equal pipeline, and
 * writing that again gives the same text, so files diff well in git.
 */
public final class SpecWriter {

  private SpecWriter() {}

  /** The canonical JSON text of a pipeline. */
  public static String write(Pipeline pipeline) {
    try {
      return SpecJson.WRITER.writeValueAsString(pipeline) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a pipeline could not be written as JSON", e);
    }
  }

  /**
   * Saves atomically: the text goes to a temporary file beside the target, which is then moved over
   * it, so a crash mid-save leaves the old file whole.
   */
  public static void save(Pipeline pipeline, Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, write(pipeline), StandardCharsets.UTF_8);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | UncheckedIOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
