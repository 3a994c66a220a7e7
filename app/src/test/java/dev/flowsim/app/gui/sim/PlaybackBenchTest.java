package dev.flowsim.app.gui.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.cli.PlaybackBenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The playback benchmark runs on headless Monocle (its figures are printed, not asserted). */
class PlaybackBenchTest {

  @Test
  void benchPlaybackPaintsTenThousandTokens() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new PlaybackBenchCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    int code = cli.execute("--seconds", "1", "--width", "1200", "--height", "700");
    String text = out.toString();
    assertEquals(0, code, text);
    assertTrue(text.contains("frames/s"), text);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+) tokens per frame").matcher(text);
    assertTrue(m.find(), text);
    assertTrue(Integer.parseInt(m.group(1)) >= 10_000, text);
  }
}
