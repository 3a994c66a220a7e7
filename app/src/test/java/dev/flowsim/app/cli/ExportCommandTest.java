package dev.flowsim.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flowsim export}: formats from names and options, exit codes, files written. */
class ExportCommandTest {
  @TempDir Path dir;

  static final Path EXAMPLE = Path.of("..", "examples", "01-dual-write.fixed.json");

  record Result(int code, String out, String err) {}

  static Result export(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ExportCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void theFormatFollowsTheOutputsExtension() throws Exception {
    String[][] cases = {
      {"design.yaml", "asyncapi: 3.0.0"},
      {"design.json", "\"asyncapi\" : \"3.0.0\""},
      {"design.dot", "digraph "},
      {"design.mmd", "flowchart LR"},
      {"design.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\""},
    };
    for (String[] c : cases) {
      Path out = dir.resolve(c[0]);
      Result r = export(EXAMPLE.toString(), "-o", out.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("exported"), r.out());
      assertTrue(Files.readString(out).contains(c[1]), c[0] + ": " + Files.readString(out));
    }
  }

  @Test
  void aPngAtScaleTwoIsTwiceAsLarge() throws Exception {
    Path one = dir.resolve("one.png");
    Path two = dir.resolve("two.png");
    assertEquals(0, export(EXAMPLE.toString(), "-o", one.toString()).code());
    Result r = export(EXAMPLE.toString(), "--format", "png", "-o", two.toString(), "--scale", "2");
    assertEquals(0, r.code(), r.err());
    BufferedImage a = ImageIO.read(one.toFile());
    BufferedImage b = ImageIO.read(two.toFile());
    assertEquals(a.getWidth() * 2, b.getWidth(), 1);
    assertEquals(a.getHeight() * 2, b.getHeight(), 1);
  }

  @Test
  void asyncapiWritesYamlUnlessTheOutputIsJson() throws Exception {
    Path yaml = dir.resolve("api.txt");
    assertEquals(0, export(EXAMPLE.toString(), "-f", "asyncapi", "-o", yaml.toString()).code());
    assertTrue(Files.readString(yaml).startsWith("asyncapi: 3.0.0"));
    Path json = dir.resolve("api.json");
    assertEquals(0, export(EXAMPLE.toString(), "-f", "asyncapi", "-o", json.toString()).code());
    assertTrue(Files.readString(json).startsWith("{"));
  }

  @Test
  void anInvalidSpecIsNotExportedAndItsErrorsAreLocated() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad,
        "{\n  \"flowsim\": 1,\n  \"components\": [\n    {\"id\": \"t\", \"type\": \"topic\"}\n  ]\n}\n");
    Path out = dir.resolve("bad.dot");
    Result r = export(bad.toString(), "-o", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad + ":4:"), r.err());
    assertTrue(r.err().contains("not exported"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnreadableSpecExitsTwo() throws Exception {
    Path bad = dir.resolve("broken.json");
    Files.writeString(bad, "{ \"flowsim\": 1, ");
    Result r = export(bad.toString(), "-o", dir.resolve("x.svg").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(bad.toString() + ":1:"), r.err());
  }

  @Test
  void badUsageExitsTwoWithAClearMessage() {
    Result unknown = export(EXAMPLE.toString(), "-o", dir.resolve("x.pdf").toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("cannot tell the format"), unknown.err());
    Result format = export(EXAMPLE.toString(), "-f", "pdf", "-o", dir.resolve("x.svg").toString());
    assertEquals(2, format.code());
    assertTrue(format.err().contains("unknown format 'pdf'"), format.err());
    Result scale =
        export(EXAMPLE.toString(), "-o", dir.resolve("x.png").toString(), "--scale", "0");
    assertEquals(2, scale.code());
    assertTrue(scale.err().contains("--scale"), scale.err());
    Result missing =
        export(dir.resolve("nope.json").toString(), "-o", dir.resolve("x.svg").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  @Test
  void theSpecItselfIsNeverOverwritten() throws Exception {
    Path spec = dir.resolve("design.json");
    Files.copy(EXAMPLE, spec);
    Result r = export(spec.toString(), "-o", spec.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("is the spec being exported"), r.err());
    assertEquals(Files.readString(EXAMPLE), Files.readString(spec));
  }

  @Test
  void missingDirectoriesAreCreatedAndNoTemporaryFileIsLeft() throws Exception {
    Path out = dir.resolve("a/b/design.mmd");
    assertEquals(0, export(EXAMPLE.toString(), "-o", out.toString()).code());
    assertTrue(Files.exists(out));
    try (var files = Files.list(out.getParent())) {
      assertEquals(1, files.count());
    }
  }
}
