package dev.flowsim.model.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Validator;
import dev.flowsim.model.json.LoadedSpec;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an AsyncAPI 3.x document (YAML or JSON) into a Flowsim design.
 *
 * <p>Channels become topics (a {@code kafka} binding, or none) or queues (an {@code amqp} binding,
 * or a server with the amqp protocol); {@code send} operations become producers sending to their
 * channel and {@code receive} operations components receiving from it. The {@code x-flowsim}
 * extensions that {@link AsyncApiExporter} writes say exactly which component each channel and
 * operation stands for, with all its settings, and carry what AsyncAPI cannot (other components and
 * connections, faults, constraints, layout), so an exported design imports back equal.
 *
 * <p>A document written by hand has no such extensions; then each operation is its own component
 * named after the operation id: a producer if it sends, a processor if it receives. Two small hints
 * may be written by hand on an operation: {@code x-flowsim: {component: mailer}} makes operations
 * with the same name one component (one that receives and sends is a processor), and {@code
 * x-flowsim: {type: service}} picks the kind. Without a top-level {@code x-flowsim} the design is
 * then completed so it can run: a channel nobody sends to gets a producer ({@code
 * <channel>-source}, standing for the senders outside the document), and a processor that only
 * receives becomes a materialized view (a consumer at the end of the flow that keeps what it
 * reads). Each such choice is reported as a warning.
 *
 * <p>Errors (malformed YAML or JSON, not AsyncAPI 3, a dangling {@code $ref}, a channel without an
 * address, an operation without a valid action or channel, bad {@code x-flowsim} content) are
 * {@link Diagnostic}s located at a line and column of the document, with its JSON pointer as path.
 */
public final class AsyncApiImporter {
  private static final Pattern ID = Validator.ID;

  /** Documents larger than this are refused before parsing. */
  static final long MAX_BYTES = 16L * 1024 * 1024;

  private static final Pattern LOCAL_REF = Pattern.compile("#(/.*)?");
  private static final Pattern CHANNEL_REF = Pattern.compile("#/channels/([^/]+)");

  /**
   * An imported design: the pipeline, warnings about choices the import made, and where each
   * component and connection came from (for locating later validation errors in the document).
   */
  public static final class Imported {
    private final Pipeline pipeline;
    private final List<Diagnostic> warnings;
    private final LocatedTree tree;
    private final Map<String, String> origins;

    Imported(
        Pipeline pipeline,
        List<Diagnostic> warnings,
        LocatedTree tree,
        Map<String, String> origins) {
      this.pipeline = pipeline;
      this.warnings = List.copyOf(warnings);
      this.tree = tree;
      this.origins = Map.copyOf(origins);
    }

    public Pipeline pipeline() {
      return pipeline;
    }

    /** What the import chose where the document said nothing (e.g. a generated producer). */
    public List<Diagnostic> warnings() {
      return warnings;
    }

    /**
     * A diagnostic about the pipeline (path {@code components[3].rate}) located at the part of the
     * document the component or connection came from.
     */
    public Diagnostic locate(Diagnostic d) {
      String path = d.path();
      Matcher m = Pattern.compile("^(components|connections)\\[(\\d+)]").matcher(path);
      String pointer = m.find() ? origins.get(m.group()) : null;
      if (pointer == null) {
        return d.at(new Diagnostic.Location(tree.source(), 0, 0));
      }
      return d.at(tree.location(pointer));
    }

    public List<Diagnostic> locate(List<Diagnostic> diagnostics) {
      return diagnostics.stream().map(this::locate).toList();
    }
  }

  private final LocatedTree tree;
  private final JsonNode root;
  private final JsonNodeFactory f = JsonNodeFactory.instance;
  private final List<Diagnostic> errors = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  /** Component JSON objects by id, in the order found. */
  private final Map<String, ObjectNode> components = new LinkedHashMap<>();

  /** Where each component came from (a JSON pointer). */
  private final Map<String, String> componentOrigin = new HashMap<>();

  private final List<ObjectNode> connections = new ArrayList<>();
  private final List<String> connectionOrigin = new ArrayList<>();

  /** Components made from operations (not described by x-flowsim), and what they do. */
  private final Set<String> generated = new java.util.LinkedHashSet<>();

  private final Set<String> sending = new HashSet<>();
  private final Set<String> receiving = new HashSet<>();
  private final Map<String, String> typed = new HashMap<>();

  /** Channel key to component id. */
  private final Map<String, String> channels = new LinkedHashMap<>();

  private AsyncApiImporter(LocatedTree tree) {
    this.tree = tree;
    this.root = tree.root();
  }

  /** Reads a file; diagnostics name it as {@code file} was given. */
  public static Imported load(Path file) throws SpecException {
    String source = file.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw new SpecException(
            Diagnostic.error("io", "", "is a directory, not an AsyncAPI file")
                .at(new Diagnostic.Location(source, 0, 0)));
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new SpecException(
            Diagnostic.error(
                    "too-large",
                    "",
                    "the file is larger than "
                        + MAX_BYTES / 1048576
                        + " MB: not an AsyncAPI document"
                        + " Flowsim imports")
                .at(new Diagnostic.Location(source, 0, 0)));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(
          Diagnostic.error("io", "", "no such file").at(new Diagnostic.Location(source, 0, 0)));
    } catch (IOException e) {
      throw new SpecException(
          Diagnostic.error("io", "", "cannot read: " + e.getMessage())
              .at(new Diagnostic.Location(source, 0, 0)));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SpecException(
          Diagnostic.error("not-text", "", "expected UTF-8 text (YAML or JSON)")
              .at(new Diagnostic.Location(source, 1, 1)));
    }
    return read(source, text);
  }

  /** Reads a document's text; {@code source} names it in diagnostics. */
  public static Imported read(String source, String text) throws SpecException {
    LocatedTree tree = LocatedTree.parse(source, text);
    return new AsyncApiImporter(tree).run();
  }

  private Imported run() throws SpecException {
    if (!root.isObject()) {
      throw new SpecException(
          tree.error("not-asyncapi", "", "expected an AsyncAPI document (a mapping at the top)"));
    }
    checkVersion();
    checkRefs(root, "");
    failIfErrors();
    JsonNode x = root.path(AsyncApiExporter.X);
    if (!x.isMissingNode() && !x.isObject()) {
      error("/" + AsyncApiExporter.X, "expected a mapping of Flowsim settings");
    }
    readChannels();
    failIfErrors();
    readOperations();
    failIfErrors();
    readExtensionComponents(x);
    failIfErrors();
    if (x.isMissingNode()) {
      complete(); // a document written by hand, not by Flowsim
    }
    return build(x);
  }

  private void checkVersion() throws SpecException {
    JsonNode v = root.get("asyncapi");
    if (v == null) {
      throw new SpecException(
          tree.error(
              "not-asyncapi",
              "",
              "missing \"asyncapi\": expected an AsyncAPI 3.x document, e.g. asyncapi: 3.0.0"));
    }
    String text = v.isValueNode() ? v.asText() : v.toString();
    if (!v.isTextual() || !text.startsWith("3.")) {
      String hint =
          text.startsWith("2.")
              ? " (AsyncAPI 2 documents can be converted with the AsyncAPI CLI: asyncapi convert)"
              : "";
      throw new SpecException(
          tree.error(
              "asyncapi-version",
              "/asyncapi",
              "expected AsyncAPI version 3.x, got " + describe(v) + hint));
    }
  }

  /** Every local {@code $ref} must point at something; other references are not followed. */
  private void checkRefs(JsonNode node, String pointer) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null) {
        String at = pointer + "/$ref";
        if (!ref.isTextual()) {
          error(at, "expected a reference such as \"#/channels/orders\", got " + describe(ref));
        } else if (!LOCAL_REF.matcher(ref.asText()).matches()) {
          error(
              at,
              "only references inside the document are followed (\"#/...\"), got \""
                  + ref.asText()
                  + "\"");
        } else if (resolve(ref.asText()) == null) {
          error(at, "dangling reference \"" + ref.asText() + "\": nothing is there");
        }
      }
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("$ref")) {
          checkRefs(e.getValue(), pointer + "/" + LocatedTree.segment(e.getKey()));
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkRefs(node.get(i), pointer + "/" + i);
      }
    }
  }

  /** The node a local reference points at, or null. */
  private JsonNode resolve(String ref) {
    if (ref.equals("#")) {
      return root;
    }
    JsonNode n = root;
    for (String seg : ref.substring(2).split("/", -1)) {
      String key = LocatedTree.unescape(java.net.URLDecoder.decode(seg, StandardCharsets.UTF_8));
      if (n.isObject()) {
        n = n.get(key);
      } else if (n.isArray()) {
        try {
          n = n.get(Integer.parseInt(key));
        } catch (NumberFormatException e) {
          n = null;
        }
      } else {
        n = null;
      }
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /** A node with one level of {@code $ref} followed (already checked to resolve). */
  private JsonNode deref(JsonNode n) {
    for (int hops = 0; hops < 16 && n != null && n.isObject() && n.has("$ref"); hops++) {
      n = resolve(n.get("$ref").asText());
    }
    return n;
  }

  private void readChannels() {
    JsonNode chs = root.get("channels");
    if (chs == null) {
      return;
    }
    if (!chs.isObject()) {
      error("/channels", "expected a mapping of channels, got " + describe(chs));
      return;
    }
    Set<String> taken = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> it = chs.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String at = "/channels/" + LocatedTree.segment(key);
      JsonNode ch = deref(e.getValue());
      if (ch == null || !ch.isObject()) {
        error(at, "expected a channel (a mapping), got " + describe(ch));
        continue;
      }
      JsonNode xc = ch.path(AsyncApiExporter.X).path("component");
      ObjectNode json;
      if (xc.isObject()) {
        json = ((ObjectNode) xc).deepCopy();
        if (!json.path("id").isTextual()) {
          error(at + "/" + AsyncApiExporter.X + "/component", "expected the component's \"id\"");
          continue;
        }
        String type = json.path("type").asText();
        if (!type.equals("topic") && !type.equals("queue")) {
          error(
              at + "/" + AsyncApiExporter.X + "/component/type",
              "a channel stands for a topic or a queue, got " + describe(json.get("type")));
          continue;
        }
      } else {
        JsonNode address = ch.get("address");
        if (address == null || address.isNull()) {
          error(
              at,
              "channel \""
                  + key
                  + "\" has no address: Flowsim needs the topic or queue name (address:"
                  + " user.signedup)");
          continue;
        }
        if (!address.isTextual() || address.asText().isBlank()) {
          error(at + "/address", "expected the topic or queue name, got " + describe(address));
          continue;
        }
        json = channelComponent(key, at, ch, address.asText(), taken);
      }
      String id = json.get("id").asText();
      if (components.containsKey(id)) {
        error(at, "a second channel for component \"" + id + "\"");
        continue;
      }
      taken.add(id);
      components.put(id, json);
      componentOrigin.put(id, at);
      channels.put(key, id);
    }
  }

  /** A topic or queue from a channel's bindings and server. */
  private ObjectNode channelComponent(
      String key, String at, JsonNode ch, String address, Set<String> taken) {
    ObjectNode json = f.objectNode();
    String id = uniqueId(ID.matcher(address).matches() ? address : key, taken);
    JsonNode kafka = ch.path("bindings").path("kafka");
    JsonNode amqp = ch.path("bindings").path("amqp");
    String server = null;
    String protocol = null;
    JsonNode servers = ch.get("servers");
    if (servers != null && servers.isArray() && servers.size() > 0) {
      JsonNode ref = servers.get(0).path("$ref");
      if (ref.isTextual() && ref.asText().startsWith("#/servers/")) {
        server = LocatedTree.unescape(ref.asText().substring("#/servers/".length()));
        protocol = deref(servers.get(0)).path("protocol").asText("");
      }
    }
    boolean queue =
        amqp.isObject() || (!kafka.isObject() && protocol != null && protocol.startsWith("amqp"));
    json.put("type", queue ? "queue" : "topic");
    json.put("id", id);
    if (server != null
        && !server.equals(queue ? "amqp" : "kafka")
        && ID.matcher(server).matches()) {
      json.put("broker", server);
    }
    if (!queue) {
      JsonNode partitions = kafka.path("partitions");
      if (partitions.isIntegralNumber() && partitions.asInt() > 0) {
        json.put("partitions", partitions.asInt());
      }
      JsonNode config = kafka.path("topicConfiguration");
      JsonNode cleanup = config.path("cleanup.policy");
      if (cleanup.isArray()) {
        for (JsonNode p : cleanup) {
          if (p.asText().equals("compact")) {
            json.put("compaction", true);
          }
        }
      }
      JsonNode retentionMs = config.path("retention.ms");
      if (retentionMs.isIntegralNumber() && retentionMs.asLong() > 0) {
        json.putObject("retention").put("time", retentionMs.asLong() + "ms");
      }
    } else {
      if (amqp.path("is").asText().equals("routingKey")
          && amqp.path("exchange").path("type").asText().equals("fanout")) {
        json.put("delivery", "fan-out");
      }
      JsonNode durable =
          amqp.path("is").asText().equals("routingKey")
              ? amqp.path("exchange").path("durable")
              : amqp.path("queue").path("durable");
      if (durable.isBoolean() && !durable.asBoolean()) {
        json.put("durability", "in-memory");
      }
    }
    return json;
  }

  private void readOperations() {
    JsonNode ops = root.get("operations");
    if (ops == null) {
      return;
    }
    if (!ops.isObject()) {
      error("/operations", "expected a mapping of operations, got " + describe(ops));
      return;
    }
    Set<String> seen = new HashSet<>();
    Iterator<Map.Entry<String, JsonNode>> it = ops.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String at = "/operations/" + LocatedTree.segment(key);
      JsonNode op = deref(e.getValue());
      if (op == null || !op.isObject()) {
        error(at, "expected an operation (a mapping), got " + describe(op));
        continue;
      }
      JsonNode action = op.get("action");
      if (action == null) {
        error(at, "operation \"" + key + "\" has no action: expected send or receive");
        continue;
      }
      if (!action.isTextual()
          || !(action.asText().equals("send") || action.asText().equals("receive"))) {
        error(at + "/action", "expected send or receive, got " + describe(action));
        continue;
      }
      boolean send = action.asText().equals("send");
      JsonNode ref = op.path("channel").path("$ref");
      Matcher m = CHANNEL_REF.matcher(ref.asText(""));
      if (!ref.isTextual() || !m.matches()) {
        error(
            op.has("channel") ? at + "/channel" : at,
            "expected the operation's channel as a reference such as \"$ref:"
                + " '#/channels/orders'\"");
        continue;
      }
      String channelKey = LocatedTree.unescape(m.group(1));
      String channel = channels.get(channelKey);
      if (channel == null) {
        error(at + "/channel/$ref", "no channel \"" + channelKey + "\" was imported");
        continue;
      }
      JsonNode x = op.path(AsyncApiExporter.X);
      String owner;
      if (x.path("component").isTextual()) {
        owner = x.get("component").asText();
        if (!ID.matcher(owner).matches()) {
          error(
              at + "/" + AsyncApiExporter.X + "/component",
              "expected a component id of letters, digits, '.', '_' or '-', got \"" + owner + "\"");
          continue;
        }
      } else {
        owner = uniqueId(key, components.keySet());
      }
      if (!components.containsKey(owner)) {
        ObjectNode json = f.objectNode();
        json.put("type", send ? "producer" : "processor");
        json.put("id", owner);
        components.put(owner, json);
        componentOrigin.put(owner, at);
        generated.add(owner);
      }
      (send ? sending : receiving).add(owner);
      JsonNode type = x.path("type");
      if (type.isTextual() && generated.contains(owner)) {
        if (ComponentKind.byTypeName(type.asText()).isEmpty()) {
          error(
              at + "/" + AsyncApiExporter.X + "/type",
              "unknown component type \""
                  + type.asText()
                  + "\"; expected one of "
                  + java.util.Arrays.stream(ComponentKind.values())
                      .map(ComponentKind::typeName)
                      .collect(java.util.stream.Collectors.joining(", ")));
          continue;
        }
        typed.put(owner, type.asText());
      }
      ObjectNode c = f.objectNode();
      c.put("from", send ? owner : channel);
      c.put("to", send ? channel : owner);
      JsonNode settings = x.path("connection");
      if (settings.isObject()) {
        settings.fields().forEachRemaining(s -> c.set(s.getKey(), s.getValue().deepCopy()));
      } else if (!settings.isMissingNode()) {
        error(at + "/" + AsyncApiExporter.X + "/connection", "expected a mapping of settings");
        continue;
      } else if (!send) {
        String group = groupId(deref(op.path("bindings")));
        if (group != null && ID.matcher(group).matches()) {
          c.putObject("consumer").put("group", group);
        }
      }
      String pair = c.get("from").asText() + " -> " + c.get("to").asText();
      if (!seen.add(pair)) {
        continue; // two operations of one component on one channel: one connection
      }
      connections.add(c);
      connectionOrigin.add(at);
    }
    // a component made from operations: what it does decides its kind, unless x-flowsim names one
    for (String id : generated) {
      String type =
          typed.getOrDefault(
              id, receiving.contains(id) ? "processor" : sending.contains(id) ? "producer" : null);
      if (type != null) {
        components.get(id).put("type", type);
      }
    }
  }

  /** The Kafka consumer group of a receive operation's binding ({@code enum} or {@code const}). */
  private static String groupId(JsonNode bindings) {
    if (bindings == null) {
      return null;
    }
    JsonNode g = bindings.path("kafka").path("groupId");
    if (g.path("const").isTextual()) {
      return g.get("const").asText();
    }
    if (g.path("enum").isArray() && g.get("enum").size() == 1) {
      return g.get("enum").get(0).asText();
    }
    return null;
  }

  /** The root extension's components complete or override those found from operations. */
  private void readExtensionComponents(JsonNode x) {
    JsonNode list = x.path("components");
    if (list.isMissingNode()) {
      return;
    }
    String at = "/" + AsyncApiExporter.X + "/components";
    if (!list.isArray()) {
      error(at, "expected a list of Flowsim components");
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode c = list.get(i);
      if (!c.isObject() || !c.path("id").isTextual()) {
        error(at + "/" + i, "expected a Flowsim component with an \"id\"");
        continue;
      }
      String id = c.get("id").asText();
      if (!components.containsKey(id)) {
        componentOrigin.put(id, at + "/" + i);
      }
      components.put(id, ((ObjectNode) c).deepCopy());
    }
    JsonNode more = x.path("connections");
    if (more.isMissingNode()) {
      return;
    }
    String cat = "/" + AsyncApiExporter.X + "/connections";
    if (!more.isArray()) {
      error(cat, "expected a list of Flowsim connections");
      return;
    }
    for (int i = 0; i < more.size(); i++) {
      JsonNode c = more.get(i);
      if (!c.isObject()) {
        error(cat + "/" + i, "expected a Flowsim connection (from, to, ...)");
        continue;
      }
      connections.add(((ObjectNode) c).deepCopy());
      connectionOrigin.add(cat + "/" + i);
    }
  }

  /**
   * Makes a hand-written document's design runnable: a source for every channel nobody sends to,
   * and a materialized view for every processor that sends nothing on.
   */
  private void complete() {
    Map<String, Integer> ins = new HashMap<>();
    Map<String, Integer> outs = new HashMap<>();
    for (ObjectNode c : connections) {
      outs.merge(c.path("from").asText(), 1, Integer::sum);
      ins.merge(c.path("to").asText(), 1, Integer::sum);
    }
    for (String channel : new ArrayList<>(channels.values())) {
      if (ins.getOrDefault(channel, 0) == 0) {
        String id = uniqueId(channel + "-source", components.keySet());
        ObjectNode json = f.objectNode();
        json.put("type", "producer");
        json.put("id", id);
        components.put(id, json);
        String origin = componentOrigin.get(channel);
        componentOrigin.put(id, origin);
        ObjectNode c = f.objectNode();
        c.put("from", id);
        c.put("to", channel);
        connections.add(c);
        connectionOrigin.add(origin);
        warnings.add(
            Diagnostic.warning(
                    "import-source",
                    origin,
                    "no operation sends to channel of " + channel + ": added producer " + id,
                    "a topic or queue needs a sender for the simulation to have events",
                    "set the producer's rate and keys in the designer",
                    id)
                .at(tree.location(origin)));
      }
    }
    for (Map.Entry<String, ObjectNode> e : components.entrySet()) {
      ObjectNode json = e.getValue();
      if (json.path("type").asText().equals("processor")
          && generated.contains(e.getKey())
          && !typed.containsKey(e.getKey())
          && outs.getOrDefault(e.getKey(), 0) == 0) {
        json.put("type", "materialized-view");
        String origin = componentOrigin.get(e.getKey());
        warnings.add(
            Diagnostic.warning(
                    "import-consumer",
                    origin,
                    e.getKey()
                        + " only receives: imported as a materialized view, a consumer that keeps"
                        + " what it reads",
                    "a processor must send its results somewhere",
                    "change its type in the designer if it is a processor, and connect its output",
                    e.getKey())
                .at(tree.location(origin)));
      }
    }
  }

  private Imported build(JsonNode x) throws SpecException {
    ObjectNode spec = f.objectNode();
    spec.put("flowsim", Pipeline.FORMAT_VERSION);
    JsonNode info = root.path("info");
    copy(x, "$schema", spec);
    boolean flowsim = x.isObject(); // written by Flowsim: its settings are all in x-flowsim
    if (flowsim) {
      copy(x, "name", spec);
    } else if (info.path("title").isTextual()) {
      spec.put("name", info.get("title").asText());
    }
    if (flowsim) {
      copy(x, "description", spec);
    } else if (info.path("description").isTextual()) {
      spec.put("description", info.get("description").asText());
    }
    copy(x, "seed", spec);
    copy(x, "duration", spec);
    List<String> order = new ArrayList<>();
    JsonNode listed = x.path("order");
    if (listed.isArray()) {
      for (JsonNode id : listed) {
        if (components.containsKey(id.asText()) && !order.contains(id.asText())) {
          order.add(id.asText());
        }
      }
    }
    for (String id : components.keySet()) {
      if (!order.contains(id)) {
        order.add(id);
      }
    }
    Map<String, String> origins = new HashMap<>();
    ArrayNode cs = spec.putArray("components");
    for (String id : order) {
      origins.put("components[" + cs.size() + "]", componentOrigin.get(id));
      cs.add(components.get(id));
    }
    List<Integer> byOrder = new ArrayList<>();
    for (int i = 0; i < connections.size(); i++) {
      byOrder.add(i);
    }
    JsonNode connectionOrder = x.path("connectionOrder");
    if (connectionOrder.isArray()) {
      Map<String, Integer> rank = new HashMap<>();
      for (int i = 0; i < connectionOrder.size(); i++) {
        rank.putIfAbsent(connectionOrder.get(i).asText(), i);
      }
      byOrder.sort(
          java.util.Comparator.comparingInt(
              i ->
                  rank.getOrDefault(
                      connections.get(i).path("from").asText()
                          + " -> "
                          + connections.get(i).path("to").asText(),
                      Integer.MAX_VALUE)));
    }
    ArrayNode ks = spec.putArray("connections");
    for (int i : byOrder) {
      origins.put("connections[" + ks.size() + "]", connectionOrigin.get(i));
      ks.add(connections.get(i));
    }
    copy(x, "faults", spec);
    copy(x, "constraints", spec);
    copy(x, "layout", spec);
    String text;
    try {
      text = SpecTree.PLAIN.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    LoadedSpec loaded;
    try {
      loaded = SpecReader.parse(tree.source(), text);
    } catch (SpecException e) {
      List<Diagnostic> located = new ArrayList<>();
      for (Diagnostic d : e.diagnostics()) {
        located.add(relocate(d, origins));
      }
      throw new SpecException(located);
    }
    return new Imported(loaded.pipeline(), warnings, tree, origins);
  }

  /** A diagnostic about the assembled spec, moved to where its component came from. */
  private Diagnostic relocate(Diagnostic d, Map<String, String> origins) {
    Matcher m = Pattern.compile("^(components|connections)\\[(\\d+)]").matcher(d.path());
    String pointer = m.find() ? origins.get(m.group()) : null;
    if (pointer == null) {
      String top = d.path().isEmpty() ? "" : d.path().split("[.\\[]", 2)[0];
      pointer = top.isEmpty() ? "/" + AsyncApiExporter.X : "/" + AsyncApiExporter.X + "/" + top;
    }
    String message = d.path().isEmpty() ? d.message() : d.path() + ": " + d.message();
    return new Diagnostic(
        d.severity(),
        d.code(),
        pointer,
        message,
        d.why(),
        d.fix(),
        d.components(),
        tree.location(pointer));
  }

  private static void copy(JsonNode from, String field, ObjectNode to) {
    JsonNode v = from.get(field);
    if (v != null && !v.isNull()) {
      to.set(field, v.deepCopy());
    }
  }

  /** A valid Flowsim id from a name, not in {@code taken}. */
  static String uniqueId(String name, Set<String> taken) {
    String base = name.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
    if (base.isEmpty()) {
      base = "component";
    }
    if (base.length() > 60) {
      base = base.substring(0, 60);
    }
    String id = base;
    for (int n = 2; taken.contains(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private void error(String pointer, String message) {
    errors.add(tree.error("asyncapi", pointer, message));
  }

  private void failIfErrors() throws SpecException {
    if (!errors.isEmpty()) {
      throw new SpecException(errors);
    }
  }

  private static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return "\"" + n.asText() + "\"";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    return n.toString();
  }
}
