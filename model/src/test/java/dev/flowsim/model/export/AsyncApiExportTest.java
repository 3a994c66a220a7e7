package dev.flowsim.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Topic;
import dev.flowsim.model.json.SpecWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The AsyncAPI export of every example: its structure, and the round trip through the import. */
class AsyncApiExportTest {

  @TestFactory
  Stream<DynamicTest> everyExampleHasAChannelPerBrokerAndAnOperationPerBrokerConnection() {
    return ExportExamples.files().stream()
        .map(f -> DynamicTest.dynamicTest(ExportExamples.name(f), () -> structure(f)));
  }

  private static void structure(Path file) throws Exception {
    Pipeline p = ExportExamples.read(file);
    JsonNode doc = new YAMLMapper().readTree(AsyncApiExporter.toYaml(p));
    assertEquals("3.0.0", doc.path("asyncapi").asText());
    assertEquals(p.name(), doc.path("info").path("title").asText());
    int brokers = 0;
    for (Component c : p.components()) {
      if (c instanceof Topic t) {
        brokers++;
        JsonNode ch = doc.path("channels").path(c.id());
        assertEquals(c.id(), ch.path("address").asText(), c.id());
        JsonNode kafka = ch.path("bindings").path("kafka");
        assertEquals(t.partitions(), kafka.path("partitions").asInt(), c.id());
        assertEquals(
            "#/servers/" + t.broker(), ch.path("servers").get(0).path("$ref").asText(), c.id());
        assertEquals("kafka", doc.path("servers").path(t.broker()).path("protocol").asText());
        assertEquals(c.id(), ch.path("x-flowsim").path("component").path("id").asText());
      } else if (c instanceof Queue q) {
        brokers++;
        JsonNode amqp = doc.path("channels").path(c.id()).path("bindings").path("amqp");
        assertTrue(amqp.path("is").asText().matches("queue|routingKey"), c.id());
        assertEquals("amqp", doc.path("servers").path(q.broker()).path("protocol").asText());
      }
    }
    assertEquals(brokers, doc.path("channels").size());
    int operations = 0;
    for (Connection c : p.connections()) {
      boolean send = p.component(c.to()).map(k -> k.kind().isBroker()).orElse(false);
      boolean receive = !send && p.component(c.from()).map(k -> k.kind().isBroker()).orElse(false);
      if (!send && !receive) {
        continue;
      }
      operations++;
      String id = send ? c.from() + ".send." + c.to() : c.to() + ".receive." + c.from();
      JsonNode op = doc.path("operations").path(id);
      assertEquals(send ? "send" : "receive", op.path("action").asText(), id);
      String channel = send ? c.to() : c.from();
      assertEquals("#/channels/" + channel, op.path("channel").path("$ref").asText(), id);
      assertEquals(send ? c.from() : c.to(), op.path("x-flowsim").path("component").asText());
      // the operation's messages are messages of its own channel, and those exist
      for (JsonNode m : op.path("messages")) {
        String ref = m.path("$ref").asText();
        assertTrue(ref.startsWith("#/channels/" + channel + "/messages/"), ref);
        String key = ref.substring(ref.lastIndexOf('/') + 1);
        String target =
            doc.path("channels").path(channel).path("messages").path(key).path("$ref").asText();
        JsonNode message =
            doc.path("components")
                .path("messages")
                .path(target.substring(target.lastIndexOf('/') + 1));
        assertTrue(message.isObject(), id + " message " + target);
        assertTrue(message.path("payload").has("$ref"), "payload schema of " + target);
        if (p.component(channel).orElseThrow() instanceof Topic) {
          assertEquals(
              "string",
              message.path("bindings").path("kafka").path("key").path("type").asText(),
              "key schema of " + target);
        }
      }
    }
    assertEquals(operations, doc.path("operations").size());
    // what AsyncAPI cannot say is kept
    JsonNode x = doc.path("x-flowsim");
    assertEquals(p.components().size(), x.path("order").size());
    assertEquals(p.faults().size(), x.path("faults").size());
    assertEquals(p.layout().size(), x.path("layout").size());
  }

  @TestFactory
  Stream<DynamicTest> everyExampleImportsBackEqualFromYamlAndJson() {
    return ExportExamples.files().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    ExportExamples.name(f),
                    () -> {
                      Pipeline p = ExportExamples.read(f);
                      for (String text :
                          new String[] {AsyncApiExporter.toYaml(p), AsyncApiExporter.toJson(p)}) {
                        Pipeline back = AsyncApiImporter.read("export", text).pipeline();
                        assertEquals(ids(p), ids(back));
                        assertEquals(links(p), links(back));
                        assertEquals(SpecWriter.write(p), SpecWriter.write(back));
                        assertEquals(p, back);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> jsonExportIsTheSameDocumentAsYaml() {
    return ExportExamples.files().stream()
        .limit(4)
        .map(
            f ->
                DynamicTest.dynamicTest(
                    ExportExamples.name(f),
                    () -> {
                      Pipeline p = ExportExamples.read(f);
                      JsonNode yaml = new YAMLMapper().readTree(AsyncApiExporter.toYaml(p));
                      JsonNode json = new ObjectMapper().readTree(AsyncApiExporter.toJson(p));
                      assertEquals(json, yaml);
                      assertFalse(AsyncApiExporter.toJson(p).contains("\r"));
                    }));
  }

  @org.junit.jupiter.api.Test
  void anEmptyDesignIsStillADocument() throws Exception {
    JsonNode doc = new YAMLMapper().readTree(AsyncApiExporter.toYaml(Pipeline.empty()));
    assertEquals("3.0.0", doc.path("asyncapi").asText());
    assertNotNull(doc.get("info"));
    assertEquals(
        Pipeline.empty(),
        AsyncApiImporter.read("e", AsyncApiExporter.toYaml(Pipeline.empty())).pipeline());
  }

  @org.junit.jupiter.api.Test
  void awkwardTextSurvivesTheRoundTrip() throws Exception {
    Pipeline base = ExportExamples.read(ExportExamples.files().get(0));
    for (String text :
        new String[] {
          "null",
          "yes",
          "true",
          "1.0",
          "0x1F",
          "~",
          "a: b # c",
          "- item",
          "'single' \"double\" \\ back",
          "line one\nline two\n",
          "  leading and trailing  ",
          "émoji ☕ and tab\t",
          "{not: a map}",
          "@at `tick` %percent &amp *star !bang |pipe >gt"
        }) {
      Pipeline p = base.withSettings(text, text, base.seed(), base.duration());
      for (String doc : new String[] {AsyncApiExporter.toYaml(p), AsyncApiExporter.toJson(p)}) {
        Pipeline back = AsyncApiImporter.read("t", doc).pipeline();
        assertEquals(text, back.name(), doc);
        assertEquals(text, back.description());
        assertEquals(p, back);
      }
    }
  }

  static Set<String> ids(Pipeline p) {
    Set<String> ids = new HashSet<>();
    p.components().forEach(c -> ids.add(c.id() + ":" + c.kind().typeName()));
    return ids;
  }

  static Set<String> links(Pipeline p) {
    Set<String> s = new HashSet<>();
    p.connections().forEach(c -> s.add(c.from() + "->" + c.to()));
    return s;
  }
}
