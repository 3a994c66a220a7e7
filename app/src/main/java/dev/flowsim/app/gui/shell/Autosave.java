package dev.flowsim.app.gui.shell;

import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.model.json.SpecWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/**
 * Crash insurance for unsaved work: while the document is dirty, its pipeline is written every
 * interval (atomically) to {@code recovery.json} in the settings directory, with {@code
 * recovery.properties} naming the file it belongs to. A clean document (saved, reverted, replaced,
 * closed) removes both. Recovery files found at start mean the previous session ended without
 * closing: the window offers to restore them. FX thread only.
 */
public final class Autosave {

  /** The interval used by the designer. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  static final String CONTENT = "recovery.json";
  static final String ORIGIN = "recovery.properties";

  /** What a previous session left: the pipeline, the file it belonged to and its untitled name. */
  public record Recovered(Pipeline pipeline, Path file, String untitledName) {}

  private final Path dir;
  private final Document document;
  private final Timeline timer;
  private long writtenRevision = -1;

  public Autosave(Path settingsDir, Document document, Duration interval) {
    this.dir = settingsDir;
    this.document = document;
    this.timer =
        new Timeline(
            new KeyFrame(javafx.util.Duration.millis(interval.toMillis()), e -> saveNow()));
    timer.setCycleCount(Animation.INDEFINITE);
    document
        .dirtyProperty()
        .addListener(
            (obs, was, dirty) -> {
              if (!dirty) {
                discard();
              }
            });
  }

  public void start() {
    timer.play();
  }

  public void stop() {
    timer.stop();
  }

  /** Writes the recovery files now if the document is dirty and changed since the last write. */
  public void saveNow() {
    if (!document.isDirty() || document.revisionProperty().get() == writtenRevision) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Properties origin = new Properties();
      if (document.file() != null) {
        origin.setProperty("file", document.file().toAbsolutePath().toString());
      }
      origin.setProperty("name", document.untitledName());
      Path tmp = Files.createTempFile(dir, ".recovery.", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        origin.store(out, "The file the autosaved design belongs to");
      }
      Files.move(tmp, dir.resolve(ORIGIN), StandardCopyOption.REPLACE_EXISTING);
      SpecWriter.save(document.pipeline(), dir.resolve(CONTENT));
      writtenRevision = document.revisionProperty().get();
    } catch (IOException | RuntimeException e) {
      // autosave is best effort; the next tick tries again
    }
  }

  /** Removes the recovery files (the work is saved, or deliberately thrown away). */
  public void discard() {
    writtenRevision = -1;
    discard(dir);
  }

  static void discard(Path dir) {
    try {
      Files.deleteIfExists(dir.resolve(CONTENT));
      Files.deleteIfExists(dir.resolve(ORIGIN));
    } catch (IOException e) {
      // nothing more to do: a stale recovery file is offered once more at the next start
    }
  }

  /** Whether a previous session left recovery files. */
  public static boolean pending(Path dir) {
    return Files.isRegularFile(dir.resolve(CONTENT));
  }

  /** Reads what a previous session left. */
  public static Recovered read(Path dir) throws SpecException {
    Pipeline pipeline = SpecReader.read(dir.resolve(CONTENT));
    Properties origin = new Properties();
    Path originFile = dir.resolve(ORIGIN);
    if (Files.isRegularFile(originFile)) {
      try (InputStream in = Files.newInputStream(originFile)) {
        origin.load(in);
      } catch (IOException | IllegalArgumentException e) {
        origin.clear();
      }
    }
    String file = origin.getProperty("file");
    return new Recovered(
        pipeline, file == null ? null : Path.of(file), origin.getProperty("name", "Recovered"));
  }
}
