package dev.flowsim.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example's AsyncAPI export (YAML, and JSON for some) passes the reference parser, {@code
 * @asyncapi/parser} 3, run once for all files by {@code tools/validate/validate.mjs}: no error
 * diagnostic. Needs node and {@code npm ci --prefix tools/validate}; skipped without them unless
 * {@code FLOWSIM_REQUIRE_TOOLS=1}.
 */
class AsyncApiValidatorTest {
  static final Path TOOL = ExportExamples.REPO.resolve("tools/validate");
  static final Path SCRIPT = TOOL.resolve("validate.mjs");

  static void requireValidator() {
    ExternalTool.require(ExternalTool.onPath("node"), "node");
    ExternalTool.require(
        Files.isDirectory(TOOL.resolve("node_modules/@asyncapi/parser")),
        "tools/validate/node_modules (run npm ci --prefix tools/validate)");
  }

  @Test
  void everyExampleExportIsValidForTheAsyncApiParser(@TempDir Path dir) throws Exception {
    requireValidator();
    List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString()));
    List<Path> examples = ExportExamples.files();
    for (int i = 0; i < examples.size(); i++) {
      Path f = examples.get(i);
      Pipeline p = ExportExamples.read(f);
      Path yaml = dir.resolve(ExportExamples.name(f) + ".yaml");
      Files.writeString(yaml, AsyncApiExporter.toYaml(p));
      command.add(yaml.toString());
      // the JSON form is the same tree (AsyncApiExportTest); the parser reads a few of them too
      if (i % 6 == 0) {
        Path json = dir.resolve(ExportExamples.name(f) + ".asyncapi.json");
        Files.writeString(json, AsyncApiExporter.toJson(p));
        command.add(json.toString());
      }
    }
    command.add(
        ExportExamples.REPO
            .resolve("model/src/test/resources/asyncapi/user-signups.yaml")
            .toString());
    ExternalTool.Run run = ExternalTool.run(command, null, 600);
    assertEquals(0, run.exit(), run.output());
    assertFalse(run.output().contains(": error"), run.output());
    long valid = run.output().lines().filter(l -> l.endsWith(": valid")).count();
    assertEquals(command.size() - 2, valid, run.output());
  }

  @Test
  void theValidatorRejectsAnInvalidDocument(@TempDir Path dir) throws Exception {
    requireValidator();
    // an operation whose message is not one of its channel's: the parser must refuse it
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        String.join(
            "\n",
            "asyncapi: 3.0.0",
            "info: {title: t, version: '1'}",
            "channels:",
            "  a:",
            "    address: a",
            "    messages:",
            "      m: {payload: {type: string}}",
            "  b:",
            "    address: b",
            "    messages:",
            "      n: {payload: {type: string}}",
            "operations:",
            "  o:",
            "    action: publish",
            "    channel: {$ref: '#/channels/a'}",
            ""));
    ExternalTool.Run run =
        ExternalTool.run(List.of("node", SCRIPT.toString(), bad.toString()), null, 120);
    assertEquals(1, run.exit(), run.output());
    assertTrue(run.output().contains("INVALID"), run.output());
  }
}
