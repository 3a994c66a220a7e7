package dev.flowsim.app.gui.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The designer's remembered settings, kept as plain files in the settings directory ({@code
 * flowsim.home} when set, else {@code ~/.flowsim}): {@code designer.properties} (theme, window
 * bounds, visible panels) and {@code recent.txt} (recently opened files, newest first). The
 * autosave recovery files live there too. A directory that cannot be written only means nothing is
 * remembered; it never stops the designer.
 */
public final class ShellSettings {

  static final int MAX_RECENT = 10;

  private final Path dir;
  private final Properties values = new Properties();

  public ShellSettings(Path dir) {
    this.dir = dir;
    Path file = dir.resolve("designer.properties");
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        values.load(in);
      } catch (IOException | IllegalArgumentException e) {
        values.clear(); // unreadable settings: start from the defaults
      }
    }
  }

  /** The settings of the current user: {@code flowsim.home} if set, else {@code ~/.flowsim}. */
  public static ShellSettings forUser() {
    return new ShellSettings(defaultDir());
  }

  static Path defaultDir() {
    String home = System.getProperty("flowsim.home");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".flowsim");
  }

  public Path dir() {
    return dir;
  }

  public String get(String key, String fallback) {
    return values.getProperty(key, fallback);
  }

  public double getDouble(String key, double fallback) {
    try {
      String v = values.getProperty(key);
      return v == null ? fallback : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public boolean getBoolean(String key, boolean fallback) {
    String v = values.getProperty(key);
    return v == null ? fallback : Boolean.parseBoolean(v);
  }

  /** Sets a value and writes the settings file. */
  public void put(String key, String value) {
    values.setProperty(key, value);
    store();
  }

  /** Sets several values and writes the settings file once. */
  public void putAll(java.util.Map<String, String> entries) {
    entries.forEach(values::setProperty);
    store();
  }

  private void store() {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".designer.", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        values.store(out, "Flowsim designer settings");
      }
      Files.move(tmp, dir.resolve("designer.properties"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // settings are a convenience: an unwritable directory only means nothing is remembered
    }
  }

  /** Recently opened files, newest first, at most {@value #MAX_RECENT}. */
  public List<Path> recentFiles() {
    Path file = dir.resolve("recent.txt");
    List<Path> recent = new ArrayList<>();
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank() && recent.size() < MAX_RECENT) {
            recent.add(Path.of(line.strip()));
          }
        }
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
    }
    return recent;
  }

  /** Puts {@code file} first in the recent files. */
  public void addRecent(Path file) {
    Path f = file.toAbsolutePath().normalize();
    List<Path> recent = new ArrayList<>(recentFiles());
    recent.remove(f);
    recent.add(0, f);
    writeRecent(recent.subList(0, Math.min(MAX_RECENT, recent.size())));
  }

  public void removeRecent(Path file) {
    List<Path> recent = new ArrayList<>(recentFiles());
    if (recent.remove(file.toAbsolutePath().normalize())) {
      writeRecent(recent);
    }
  }

  public void clearRecent() {
    writeRecent(List.of());
  }

  private void writeRecent(List<Path> recent) {
    try {
      Files.createDirectories(dir);
      StringBuilder b = new StringBuilder();
      for (Path p : recent) {
        b.append(p).append('\n');
      }
      Path tmp = Files.createTempFile(dir, ".recent.", ".tmp");
      Files.writeString(tmp, b);
      Files.move(tmp, dir.resolve("recent.txt"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // see store()
    }
  }
}
