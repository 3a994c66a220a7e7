package dev.flowsim.app.gui.shell;

import dev.flowsim.app.gui.doc.Document;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.model.json.SpecWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/**
 * Crash insurance for unsaved work: while the document is dirty, its pipeline is written every
 * interval (atomically) to {@code recovery-PID.json} in the settings directory, with {@code
 * recovery-PID.properties} naming the file it belongs to. A clean document (saved, reverted,
 * replaced, closed) removes both. Recovery files whose process is gone mean a session ended without
 * closing: the window offers to restore them ({@link #orphan}). Files of a designer that is still
 * running are left alone, so two designers do not take each other's work. FX thread only.
 */
public final class Autosave {

  /** The interval used by the designer. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** A recovery file without a process id (always treated as left by a crashed session). */
  static final String CONTENT = "recovery.json";

  static final String ORIGIN = "recovery.properties";

  private static final Pattern NAME = Pattern.compile("recovery(?:-(\\d+))?\\.json");

  /** What a previous session left: the pipeline, the file it belonged to and its untitled name. */
  public record Recovered(Path content, Pipeline pipeline, Path file, String untitledName) {}

  private final Path dir;
  private final Path content;
  private final Document document;
  private final Timeline timer;
  private long writtenRevision = -1;

  public Autosave(Path settingsDir, Document document, Duration interval) {
    this.dir = settingsDir;
    this.content = settingsDir.resolve("recovery-" + ProcessHandle.current().pid() + ".json");
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

  /** This session's recovery file (it exists only while there is unsaved work). */
  public Path file() {
    return content;
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
      Files.move(tmp, originOf(content), StandardCopyOption.REPLACE_EXISTING);
      SpecWriter.save(document.pipeline(), content);
      writtenRevision = document.revisionProperty().get();
    } catch (IOException | RuntimeException e) {
      // autosave is best effort; the next tick tries again
    }
  }

  /** Removes this session's recovery files (the work is saved, or deliberately thrown away). */
  public void discard() {
    writtenRevision = -1;
    delete(content);
  }

  /** Removes a recovery file and the note of its origin. */
  static void delete(Path recoveryFile) {
    try {
      Files.deleteIfExists(recoveryFile);
      Files.deleteIfExists(originOf(recoveryFile));
    } catch (IOException e) {
      // nothing more to do: a stale recovery file is offered once more at the next start
    }
  }

  private static Path originOf(Path recoveryFile) {
    String name = recoveryFile.getFileName().toString();
    return recoveryFile.resolveSibling(
        name.substring(0, name.length() - ".json".length()) + ".properties");
  }

  /** All recovery files in {@code dir}, of running sessions or not. */
  static List<Path> all(Path dir) {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "recovery*.json")) {
      for (Path f : files) {
        if (NAME.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f)) {
          found.add(f);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    found.sort(null);
    return found;
  }

  /** Whether any recovery file is in {@code dir}. */
  public static boolean pending(Path dir) {
    return !all(dir).isEmpty();
  }

  /**
   * A recovery file left by a session that is no longer running (or by this process, which has not
   * written one yet when its window starts), if any.
   */
  public static Optional<Path> orphan(Path dir) {
    long self = ProcessHandle.current().pid();
    for (Path f : all(dir)) {
      Matcher m = NAME.matcher(f.getFileName().toString());
      if (m.matches() && m.group(1) != null) {
        long pid;
        try {
          pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
          return Optional.of(f);
        }
        if (pid != self && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          continue; // another designer's live work
        }
      }
      return Optional.of(f);
    }
    return Optional.empty();
  }

  /** Reads a recovery file and the note of its origin. */
  public static Recovered read(Path recoveryFile) throws SpecException {
    Pipeline pipeline = SpecReader.read(recoveryFile);
    Properties origin = new Properties();
    Path originFile = originOf(recoveryFile);
    if (Files.isRegularFile(originFile)) {
      try (InputStream in = Files.newInputStream(originFile)) {
        origin.load(in);
      } catch (IOException | IllegalArgumentException e) {
        origin.clear();
      }
    }
    String file = origin.getProperty("file");
    return new Recovered(
        recoveryFile,
        pipeline,
        file == null ? null : Path.of(file),
        origin.getProperty("name", "Recovered"));
  }
}
