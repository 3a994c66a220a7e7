package dev.flowsim.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.SpecCheck;
import dev.flowsim.model.json.SpecReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flowsim import asyncapi}: round trip with export, hand-written documents, errors. */
class ImportCommandTest {
  @TempDir Path dir;

  static final Path SIGNUPS =
      Path.of("..", "model", "src", "test", "resources", "asyncapi", "user-signups.yaml");

  static ExportCommandTest.Result importing(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ImportCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new ExportCommandTest.Result(code, out.toString(), err.toString());
  }

  @Test
  void anExportedDesignImportsBackEqual() throws Exception {
    for (String name : List.of("api.yaml", "api.json")) {
      Path api = dir.resolve(name);
      assertEquals(
          0,
          ExportCommandTest.export(ExportCommandTest.EXAMPLE.toString(), "-o", api.toString())
              .code());
      Path design = dir.resolve(name + ".design.json");
      ExportCommandTest.Result r = importing("asyncapi", api.toString(), "-o", design.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("6 components, 5 connections"), r.out());
      Pipeline original = SpecReader.read(ExportCommandTest.EXAMPLE);
      Pipeline back = SpecReader.read(design);
      assertEquals(original, back);
    }
  }

  @Test
  void aHandWrittenDocumentBecomesALaidOutValidDesign() throws Exception {
    Path design = dir.resolve("signups.json");
    ExportCommandTest.Result r = importing("asyncapi", SIGNUPS.toString(), "-o", design.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("warning [import-source]"), r.err());
    Pipeline p = SpecReader.read(design);
    assertEquals(p.components().size(), p.layout().size(), "every component is placed");
    List<Diagnostic> errors = SpecCheck.check(p).stream().filter(Diagnostic::isError).toList();
    assertEquals(List.of(), errors);
  }

  @Test
  void aBadDocumentIsRefusedWithALocatedError() throws Exception {
    Path doc = dir.resolve("bad.yaml");
    Files.writeString(doc, "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels:\n  a: {}\n");
    Path design = dir.resolve("bad.json");
    ExportCommandTest.Result r = importing("asyncapi", doc.toString(), "-o", design.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains(doc + ":4:"), r.err());
    assertTrue(r.err().contains("no address"), r.err());
    assertFalse(Files.exists(design));
  }

  @Test
  void onlyAsyncApiIsKnown() {
    ExportCommandTest.Result r =
        importing("openapi", SIGNUPS.toString(), "-o", dir.resolve("x.json").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("expected asyncapi"), r.err());
  }
}
