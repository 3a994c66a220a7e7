package dev.flowsim.model.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Topic;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.SpecCheck;
import dev.flowsim.model.json.SpecException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Importing AsyncAPI documents not written by Flowsim, and refusing bad ones with located errors.
 */
class AsyncApiImportTest {
  static final Path SIGNUPS = Path.of("src/test/resources/asyncapi/user-signups.yaml");

  @Test
  void aHandWrittenDocumentImportsIntoAValidDesign() throws Exception {
    AsyncApiImporter.Imported imported = AsyncApiImporter.load(SIGNUPS);
    Pipeline p = imported.pipeline();
    assertEquals("User signups", p.name());
    assertEquals("Signup events and the welcome e-mails they trigger.", p.description());
    Topic topic = (Topic) p.component("user.signedup").orElseThrow();
    assertEquals(6, topic.partitions());
    assertEquals("production", topic.broker());
    Queue queue = (Queue) p.component("welcome-emails").orElseThrow();
    assertEquals("rabbit", queue.broker());
    assertEquals("producer", p.component("publishUserSignedUp").orElseThrow().kind().typeName());
    assertTrue(
        p.connectionsFrom("publishUserSignedUp").stream()
            .anyMatch(c -> c.to().equals("user.signedup")));
    Connection mail = p.connectionsTo("sendWelcomeEmail").stream().findFirst().orElseThrow();
    assertEquals("user.signedup", mail.from());
    assertEquals("welcome-mailer", mail.consumer().group());
    assertEquals("welcome-emails", p.connectionsTo("deliverWelcomeEmail").get(0).from());
    // the queue nobody sends to in the document gets a source, reported as a warning
    assertEquals("producer", p.component("welcome-emails-source").orElseThrow().kind().typeName());
    assertEquals(
        2,
        imported.warnings().stream()
            .filter(d -> d.code().startsWith("import-"))
            .map(Diagnostic::code)
            .distinct()
            .count());
    for (Diagnostic w : imported.warnings()) {
      assertTrue(w.location().line() > 0, w.headline());
    }
    List<Diagnostic> errors = SpecCheck.check(p).stream().filter(Diagnostic::isError).toList();
    assertEquals(List.of(), errors);
  }

  @Test
  void operationsNamingOneComponentMakeAProcessorAndATypeHintPicksTheKind() throws Exception {
    String doc =
        String.join(
            "\n",
            "asyncapi: 3.0.0",
            "info: {title: Mail, version: '1'}",
            "channels:",
            "  signups: {address: signups}",
            "  mails: {address: mails, bindings: {amqp: {is: queue, queue: {name: mails}}}}",
            "operations:",
            "  register:",
            "    action: send",
            "    channel: {$ref: '#/channels/signups'}",
            "    x-flowsim: {type: service}",
            "  readSignups:",
            "    action: receive",
            "    channel: {$ref: '#/channels/signups'}",
            "    x-flowsim: {component: mailer}",
            "  queueMail:",
            "    action: send",
            "    channel: {$ref: '#/channels/mails'}",
            "    x-flowsim: {component: mailer}",
            "  deliver:",
            "    action: receive",
            "    channel: {$ref: '#/channels/mails'}",
            "    x-flowsim: {type: warehouse}",
            "");
    Pipeline p = AsyncApiImporter.read("mail.yaml", doc).pipeline();
    assertEquals("service", p.component("register").orElseThrow().kind().typeName());
    assertEquals("processor", p.component("mailer").orElseThrow().kind().typeName());
    assertEquals("queue", p.component("mails").orElseThrow().kind().typeName());
    assertEquals("warehouse", p.component("deliver").orElseThrow().kind().typeName());
    assertEquals(
        List.of("register -> signups", "signups -> mailer", "mailer -> mails", "mails -> deliver"),
        p.connections().stream().map(Connection::label).toList());
    Diagnostic bad = refused(doc.replace("{type: warehouse}", "{type: spreadsheet}"));
    assertEquals("/operations/deliver/x-flowsim/type", bad.path());
    assertTrue(bad.message().contains("spreadsheet"), bad.message());
  }

  @Test
  void malformedYamlIsLocated() {
    Diagnostic d = refused("asyncapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: 1\n");
    assertEquals("syntax", d.code());
    assertTrue(d.location().line() >= 3, d.headline());
    assertTrue(d.message().contains("malformed YAML"), d.headline());
  }

  @Test
  void malformedJsonIsLocated() {
    Diagnostic d = refused("{\n  \"asyncapi\": \"3.0.0\",\n  \"info\": {\"title\": \"t\",}\n}\n");
    assertEquals("syntax", d.code());
    assertEquals(3, d.location().line(), d.headline());
    assertTrue(d.location().column() > 1, d.headline());
  }

  @Test
  void anAsyncApi2DocumentIsRefusedAtItsVersion() {
    Diagnostic d = refused("asyncapi: 2.6.0\ninfo:\n  title: t\n  version: '1'\nchannels: {}\n");
    assertEquals("/asyncapi", d.path());
    assertEquals(1, d.location().line());
    assertTrue(d.message().contains("3.x") && d.message().contains("convert"), d.message());
  }

  @Test
  void aDocumentWithoutVersionIsNotAsyncApi() {
    Diagnostic d = refused("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n");
    assertEquals("not-asyncapi", d.code());
  }

  @Test
  void aDanglingReferenceIsLocatedAtTheRef() {
    Diagnostic d =
        refused(
            String.join(
                "\n",
                "asyncapi: 3.0.0",
                "info: {title: t, version: '1'}",
                "channels:",
                "  orders:",
                "    address: orders",
                "    servers:",
                "      - $ref: '#/servers/nowhere'",
                ""));
    assertEquals("/channels/orders/servers/0/$ref", d.path());
    assertEquals(7, d.location().line(), d.headline());
    assertTrue(d.message().contains("#/servers/nowhere"), d.message());
  }

  @Test
  void aChannelWithoutAddressIsLocatedAtTheChannel() {
    Diagnostic d =
        refused(
            "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\nchannels:\n  orders:\n    description: no address\n");
    assertEquals("/channels/orders", d.path());
    assertEquals(4, d.location().line(), d.headline());
    assertTrue(d.message().contains("no address"), d.message());
  }

  @Test
  void anOperationWithAnUnknownActionIsLocatedAtTheAction() {
    Diagnostic d =
        refused(
            String.join(
                "\n",
                "asyncapi: 3.0.0",
                "info: {title: t, version: '1'}",
                "channels:",
                "  orders: {address: orders}",
                "operations:",
                "  placeOrder:",
                "    action: publish",
                "    channel: {$ref: '#/channels/orders'}",
                ""));
    assertEquals("/operations/placeOrder/action", d.path());
    assertEquals(7, d.location().line(), d.headline());
  }

  @Test
  void anOperationWithoutChannelIsRefused() {
    Diagnostic d =
        refused(
            "asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\noperations:\n  o:\n    action: send\n");
    assertEquals("/operations/o", d.path());
    assertEquals(4, d.location().line());
  }

  @Test
  void badFlowsimSettingsAreLocatedAtTheirChannel() {
    Diagnostic d =
        refused(
            String.join(
                "\n",
                "asyncapi: 3.0.0",
                "info: {title: t, version: '1'}",
                "channels:",
                "  orders:",
                "    address: orders",
                "    x-flowsim:",
                "      component: {id: orders, type: topic, partitions: four}",
                ""));
    assertEquals("/channels/orders", d.path());
    assertEquals(4, d.location().line(), d.headline());
    assertTrue(d.message().contains("partitions"), d.message());
  }

  @Test
  void duplicateKeysAndEmptyFilesAreRefused() {
    assertEquals("empty", refused("  \n").code());
    Diagnostic d = refused("asyncapi: 3.0.0\ninfo: {title: t, version: '1'}\ninfo: {title: u}\n");
    assertTrue(d.location().line() >= 1, d.headline());
    assertFalse(d.message().isBlank());
  }

  @Test
  void designErrorsAfterImportAreLocatedInTheDocument() throws Exception {
    // a valid document whose design is not: a topic fed by a reader (x-flowsim says so)
    String doc =
        String.join(
            "\n",
            "asyncapi: 3.0.0",
            "info: {title: t, version: '1'}",
            "channels:",
            "  orders: {address: orders}",
            "operations:",
            "  look:",
            "    action: send",
            "    channel: {$ref: '#/channels/orders'}",
            "x-flowsim:",
            "  components:",
            "    - {id: look, type: reader}",
            "");
    AsyncApiImporter.Imported imported = AsyncApiImporter.read("doc.yaml", doc);
    List<Diagnostic> errors =
        imported.locate(SpecCheck.check(imported.pipeline())).stream()
            .filter(Diagnostic::isError)
            .toList();
    assertFalse(errors.isEmpty());
    assertTrue(
        errors.stream().allMatch(e -> e.location() != null && e.location().line() > 0),
        errors.toString());
  }

  private static Diagnostic refused(String text) {
    SpecException e = assertThrows(SpecException.class, () -> AsyncApiImporter.read("doc", text));
    Diagnostic d = e.diagnostics().get(0);
    assertTrue(d.isError());
    assertEquals("doc", d.location().source());
    return d;
  }
}
