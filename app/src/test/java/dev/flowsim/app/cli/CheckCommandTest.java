package dev.flowsim.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        FlowsimCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  private static final String DUAL_WRITE =
      "{\n"
          + "  \"flowsim\": 1,\n"
          + "  \"components\": [\n"
          + "    {\"id\": \"users\", \"type\": \"producer\"},\n"
          + "    {\"id\": \"app\", \"type\": \"service\", \"writeStrategy\": \"dual-write\"},\n"
          + "    {\"id\": \"db\", \"type\": \"database\"},\n"
          + "    {\"id\": \"index\", \"type\": \"search-index\"}\n"
          + "  ],\n"
          + "  \"connections\": [\n"
          + "    {\"from\": \"users\", \"to\": \"app\"},\n"
          + "    {\"from\": \"app\", \"to\": \"db\"},\n"
          + "    {\"from\": \"app\", \"to\": \"index\"}\n"
          + "  ]\n"
          + "}\n";

  @Test
  void warningsOnlyExitZeroWithWhyAndFix() throws Exception {
    Path file = write("dual-write.json", DUAL_WRITE);
    Result r = run("check", file.toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(
        r.out()
            .startsWith(
                file
                    + ":5:55: warning [dual-write]: components[1].writeStrategy: app writes db and"
                    + " index itself (dual write)\n    why: "),
        r.out());
    assertTrue(r.out().contains("\n    fix: "), r.out());
    assertTrue(r.out().endsWith(file + ": ok, 1 warning\n"), r.out());
  }

  @Test
  void badEnumExitsTwoWithTheLocatedMessage() throws Exception {
    Path file =
        write(
            "bad.json",
            DUAL_WRITE.replace(
                "\"type\": \"database\"}", "\"type\": \"database\", \"replication\": \"asnyc\"}"));
    Result r = run("check", file.toString());
    assertEquals(2, r.code());
    assertEquals(
        file
            + ":6:53: error: components[2].replication: expected one of sync, semi-sync, async,"
            + " got \"asnyc\"\n"
            + file
            + ": 1 error, 0 warnings\n",
        r.out());
  }

  @Test
  void severalFilesGetASummaryAndAnyErrorFailsTheRun() throws Exception {
    Path good =
        write(
            "good.json",
            DUAL_WRITE
                .replace("dual-write", "single-write")
                .replace("    {\"from\": \"app\", \"to\": \"index\"}\n", "")
                .replace(",\n    {\"id\": \"index\", \"type\": \"search-index\"}", "")
                .replace("\"to\": \"db\"},", "\"to\": \"db\"}"));
    Path missing = dir.resolve("missing.json");
    Result r = run("check", good.toString(), missing.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.out().contains(good + ": ok\n"), r.out());
    assertTrue(r.out().contains(missing + ": error: no such file\n"), r.out());
    assertTrue(r.out().endsWith("checked 2 files: 1 error, 0 warnings (1 invalid)\n"), r.out());
  }

  @Test
  void lineageIsPrintedOnRequest() throws Exception {
    Path file = write("dual-write.json", DUAL_WRITE);
    Result r = run("check", "--lineage", file.toString());
    assertTrue(r.out().contains("  lineage: index <- users via users -> app -> index\n"), r.out());
  }

  @Test
  void usageErrorsExitTwo() {
    Result noSuchFile = run("open", "no-such-design.json");
    assertEquals(2, noSuchFile.code());
    Result noFiles = run("check");
    assertEquals(2, noFiles.code());
    assertTrue(noFiles.err().contains("Missing required parameter: 'FILE'"), noFiles.err());
    Result unknown = run("frobnicate");
    assertEquals(2, unknown.code());
  }

  @Test
  void versionAndHelp() {
    Result v = run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("flowsim "), v.out());
    Result h = run("--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("check"), h.out());
  }
}
