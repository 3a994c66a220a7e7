package dev.flowsim.app.cli;

import dev.flowsim.app.gui.DesignerApp;
import java.nio.file.Path;

/** Starts the designer from the command line, with a clear message when there is no display. */
final class Designer {
  private Designer() {}

  static int launch(Path file) {
    if (!hasDisplay()) {
      System.err.println(
          "flowsim: the designer needs a graphical display (none found: DISPLAY and"
              + " WAYLAND_DISPLAY are unset). Without one, use 'flowsim run FILE',"
              + " 'flowsim check FILE' or 'flowsim scenarios'.");
      return FlowsimCommand.INVALID;
    }
    DesignerApp.launch(file);
    return FlowsimCommand.OK;
  }

  private static boolean hasDisplay() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    if (!os.contains("linux") && !os.contains("bsd")) {
      return true; // Windows and macOS always have one
    }
    if ("Monocle".equals(System.getProperty("glass.platform"))) {
      return true; // headless rendering (tests, smoke tests)
    }
    return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
  }
}
