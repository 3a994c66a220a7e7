package dev.flowsim.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellSettingsTest {

  @TempDir Path dir;

  @Test
  void valuesSurviveANewInstance() {
    ShellSettings s = new ShellSettings(dir.resolve("nested/home"));
    s.put("theme", "dark");
    s.putAll(Map.of("window.width", "1234", "panel.dock", "false"));

    ShellSettings again = new ShellSettings(dir.resolve("nested/home"));
    assertEquals("dark", again.get("theme", "light"));
    assertEquals(1234, again.getDouble("window.width", 0));
    assertFalse(again.getBoolean("panel.dock", true));
    assertEquals(7.5, again.getDouble("missing", 7.5));
  }

  @Test
  void aGarbledValueFallsBackToTheDefault() throws Exception {
    Files.writeString(dir.resolve("designer.properties"), "window.width=wide\n");
    assertEquals(900, new ShellSettings(dir).getDouble("window.width", 900));
  }

  @Test
  void recentFilesAreNewestFirstWithoutDuplicatesAndCapped() {
    ShellSettings s = new ShellSettings(dir);
    assertTrue(s.recentFiles().isEmpty());
    List<Path> added = new ArrayList<>();
    for (int i = 0; i < ShellSettings.MAX_RECENT + 3; i++) {
      Path p = dir.resolve("spec-" + i + ".json");
      added.add(p);
      s.addRecent(p);
    }
    s.addRecent(dir.resolve("sub/../spec-5.json")); // the same file, named differently

    List<Path> recent = new ShellSettings(dir).recentFiles();
    assertEquals(ShellSettings.MAX_RECENT, recent.size());
    assertEquals(dir.resolve("spec-5.json").toAbsolutePath(), recent.get(0));
    assertEquals(added.get(12).toAbsolutePath(), recent.get(1));
    assertEquals(1, recent.stream().filter(p -> p.endsWith("spec-5.json")).count());

    s.removeRecent(dir.resolve("spec-5.json"));
    assertFalse(s.recentFiles().contains(dir.resolve("spec-5.json").toAbsolutePath()));
    s.clearRecent();
    assertTrue(s.recentFiles().isEmpty());
  }

  @Test
  void theDefaultDirectoryIsFlowsimHomeWhenSet() {
    String before = System.getProperty("flowsim.home");
    try {
      System.setProperty("flowsim.home", dir.toString());
      assertEquals(dir, ShellSettings.defaultDir());
      System.clearProperty("flowsim.home");
      assertEquals(
          Path.of(System.getProperty("user.home"), ".flowsim"), ShellSettings.defaultDir());
    } finally {
      if (before != null) {
        System.setProperty("flowsim.home", before);
      }
    }
  }
}
