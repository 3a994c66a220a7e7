package dev.flowsim.model.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.KeySpace;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AsyncAPI 3.0 document of a pipeline. Topics and queues become channels (with Kafka or AMQP
 * bindings) on servers named after their broker cluster; every connection into a topic or queue
 * becomes a {@code send} operation of its sender, every connection out of one a {@code receive}
 * operation of its receiver; each channel carries one message with a key and a payload schema.
 *
 * <p>What AsyncAPI cannot say is kept in {@code x-flowsim} extensions so that {@link
 * AsyncApiImporter} rebuilds the exact design: the channel's whole topic or queue (its spec JSON),
 * the operation's component id and connection settings (latency, loss, consumer group...), and at
 * the root the scenario settings, the other components (producers, services, processors, stores,
 * readers) in spec JSON, the connections no operation stands for, faults, constraints, the
 * component order and the layout.
 */
public final class AsyncApiExporter {
  /** The AsyncAPI version written. */
  public static final String ASYNCAPI_VERSION = "3.0.0";

  /** The version of the {@code x-flowsim} extensions' layout. */
  public static final int EXTENSION_VERSION = 1;

  static final String KAFKA_BINDING = "0.5.0";
  static final String AMQP_BINDING = "0.3.0";

  /** The extension key. */
  public static final String X = "x-flowsim";

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .build())
          .build();

  private AsyncApiExporter() {}

  /** The document as YAML text. */
  public static String toYaml(Pipeline p) {
    try {
      return YAML.writeValueAsString(toTree(p));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("AsyncAPI YAML could not be written", e);
    }
  }

  /** The document as JSON text (two-space indent, final newline). */
  public static String toJson(Pipeline p) {
    try {
      return SpecTree.PLAIN
              .writer()
              .with(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(toTree(p))
              .replace("\r\n", "\n")
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("AsyncAPI JSON could not be written", e);
    }
  }

  /** The channel id of a topic or queue (its component id). */
  static String channelId(String componentId) {
    return componentId;
  }

  /** The operation id of a connection into or out of a channel. */
  static String operationId(Connection c, boolean send) {
    return send ? c.from() + ".send." + c.to() : c.to() + ".receive." + c.from();
  }

  /** The document as a JSON tree. */
  public static ObjectNode toTree(Pipeline p) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode spec = SpecTree.of(p);
    ObjectNode doc = f.objectNode();
    doc.put("asyncapi", ASYNCAPI_VERSION);
    ObjectNode info = doc.putObject("info");
    info.put("title", p.name().isBlank() ? "Flowsim design" : p.name());
    info.put("version", "1.0.0");
    if (!p.description().isBlank()) {
      info.put("description", p.description());
    }
    doc.put("defaultContentType", "application/json");

    // servers: one per broker cluster, in order of first use
    Map<String, String> servers = new LinkedHashMap<>();
    for (Component c : p.components()) {
      if (c instanceof Topic t) {
        servers.putIfAbsent(t.broker(), "kafka");
      } else if (c instanceof Queue q) {
        servers.putIfAbsent(q.broker(), "amqp");
      }
    }
    ObjectNode serversNode = f.objectNode();
    servers.forEach(
        (name, protocol) -> {
          ObjectNode s = serversNode.putObject(serverKey(name));
          s.put("host", hostName(name) + (protocol.equals("kafka") ? ":9092" : ":5672"));
          s.put("protocol", protocol);
          s.put(
              "description",
              (protocol.equals("kafka") ? "Kafka" : "AMQP")
                  + " broker cluster '"
                  + name
                  + "' of the Flowsim design");
        });
    if (!serversNode.isEmpty()) {
      doc.set("servers", serversNode);
    }

    ObjectNode channels = doc.putObject("channels");
    ObjectNode operations = doc.putObject("operations");
    ObjectNode components = f.objectNode();
    ObjectNode schemas = components.putObject("schemas");
    ObjectNode messages = components.putObject("messages");
    schemas.set("FlowsimEvent", eventSchema(f));

    ArrayNode otherComponents = f.arrayNode();
    ArrayNode order = f.arrayNode();
    for (int i = 0; i < p.components().size(); i++) {
      Component c = p.components().get(i);
      order.add(c.id());
      ObjectNode json = SpecTree.component(spec, i);
      if (c instanceof Topic || c instanceof Queue) {
        String id = channelId(c.id());
        ObjectNode ch = channels.putObject(id);
        ch.put("address", c.id());
        ch.put("title", c.id());
        ch.put("description", describeChannel(p, c));
        String broker = c instanceof Topic t ? t.broker() : ((Queue) c).broker();
        ch.putArray("servers").addObject().put("$ref", "#/servers/" + serverKey(broker));
        String messageId = id + ".event";
        ch.putObject("messages")
            .putObject("event")
            .put("$ref", "#/components/messages/" + messageId);
        ObjectNode bindings = ch.putObject("bindings");
        if (c instanceof Topic t) {
          bindings.set("kafka", kafkaChannelBinding(f, t));
        } else {
          bindings.set("amqp", amqpChannelBinding(f, (Queue) c));
        }
        ch.putObject(X).set("component", json);
        messages.set(messageId, message(f, p, c));
      } else {
        otherComponents.add(json);
      }
    }

    ArrayNode otherConnections = f.arrayNode();
    for (int i = 0; i < p.connections().size(); i++) {
      Connection c = p.connections().get(i);
      JsonNode json = SpecTree.connection(spec, i);
      Component to = p.component(c.to()).orElse(null);
      Component from = p.component(c.from()).orElse(null);
      boolean send = to instanceof Topic || to instanceof Queue;
      boolean receive = !send && (from instanceof Topic || from instanceof Queue);
      String opId = send || receive ? operationId(c, send) : null;
      if (opId == null || operations.has(opId) || !KEY.matcher(opId).matches()) {
        otherConnections.add(json);
        continue;
      }
      String channel = channelId(send ? c.to() : c.from());
      String owner = send ? c.from() : c.to();
      Component ownerComponent = send ? from : to;
      ObjectNode op = operations.putObject(opId);
      op.put("action", send ? "send" : "receive");
      op.putObject("channel").put("$ref", "#/channels/" + channel);
      op.put(
          "summary",
          owner
              + " ("
              + (ownerComponent == null ? "?" : ownerComponent.kind().typeName())
              + (send ? ") sends to " : ") receives from ")
              + (send ? c.to() : c.from()));
      op.putArray("messages").addObject().put("$ref", "#/channels/" + channel + "/messages/event");
      if (!send && from instanceof Topic) {
        String group = c.consumerOrDefault().group() == null ? c.to() : c.consumer().group();
        ObjectNode kafka = op.putObject("bindings").putObject("kafka");
        kafka.putObject("groupId").put("type", "string").putArray("enum").add(group);
        kafka.put("bindingVersion", KAFKA_BINDING);
      }
      ObjectNode x = op.putObject(X);
      x.put("component", owner);
      ObjectNode settings = ((ObjectNode) json).deepCopy();
      settings.remove("from");
      settings.remove("to");
      if (!settings.isEmpty()) {
        x.set("connection", settings);
      }
    }
    if (operations.isEmpty()) {
      doc.remove("operations");
    }
    if (channels.isEmpty()) {
      doc.remove("channels");
    }
    if (messages.isEmpty()) {
      components.remove("messages");
      components.remove("schemas");
    }
    if (!components.isEmpty()) {
      doc.set("components", components);
    }

    ObjectNode x = f.objectNode();
    x.put("version", EXTENSION_VERSION);
    x.put("flowsim", p.flowsim());
    if (p.schema() != null) {
      x.put("$schema", p.schema());
    }
    for (String field : List.of("name", "description", "seed", "duration")) {
      if (spec.has(field)) {
        x.set(field, spec.get(field));
      }
    }
    x.set("order", order);
    ArrayNode connectionOrder = x.putArray("connectionOrder");
    p.connections().forEach(c -> connectionOrder.add(c.from() + " -> " + c.to()));
    if (!otherComponents.isEmpty()) {
      x.set("components", otherComponents);
    }
    if (!otherConnections.isEmpty()) {
      x.set("connections", otherConnections);
    }
    for (String field : List.of("faults", "constraints", "layout")) {
      if (spec.has(field)) {
        x.set(field, spec.get(field));
      }
    }
    doc.set(X, x);
    return doc;
  }

  /** A server key (AsyncAPI keys are limited to letters, digits, {@code . _ -}). */
  static String serverKey(String broker) {
    return KEY.matcher(broker).matches() ? broker : broker.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static String hostName(String broker) {
    String h = broker.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    return h.isEmpty() ? "broker" : h;
  }

  private static String describeChannel(Pipeline p, Component c) {
    if (c instanceof Topic t) {
      StringBuilder b = new StringBuilder("Flowsim topic on broker '" + t.broker() + "': ");
      b.append(t.partitions()).append(t.partitions() == 1 ? " partition" : " partitions");
      b.append(", partitioner ").append(EnumNames.of(t.partitioner()));
      if (t.compaction()) {
        b.append(", compacted");
      }
      if (!t.retention().isForever()) {
        b.append(", retention");
        if (t.retention().time() != null) {
          b.append(' ').append(t.retention().time());
        }
        if (t.retention().count() != null) {
          b.append(' ').append(t.retention().count()).append(" entries");
        }
      }
      return b.append('.').toString();
    }
    Queue q = (Queue) c;
    return "Flowsim queue on broker '"
        + q.broker()
        + "': "
        + EnumNames.of(q.delivery())
        + ", prefetch "
        + q.prefetch()
        + ", ack timeout "
        + q.ackTimeout()
        + (q.capacity() == null ? "" : ", capacity " + q.capacity())
        + ", "
        + EnumNames.of(q.durability())
        + ".";
  }

  private static ObjectNode kafkaChannelBinding(JsonNodeFactory f, Topic t) {
    ObjectNode b = f.objectNode();
    b.put("topic", t.id());
    b.put("partitions", t.partitions());
    ObjectNode config = f.objectNode();
    if (t.compaction()) {
      config.putArray("cleanup.policy").add("compact");
    }
    if (t.retention().time() != null) {
      config.put("retention.ms", Math.max(1, t.retention().time().micros() / 1000));
    }
    if (!config.isEmpty()) {
      b.set("topicConfiguration", config);
    }
    b.put("bindingVersion", KAFKA_BINDING);
    return b;
  }

  private static ObjectNode amqpChannelBinding(JsonNodeFactory f, Queue q) {
    ObjectNode b = f.objectNode();
    boolean durable = q.durability() == Queue.Durability.PERSISTENT;
    if (q.delivery() == Queue.Delivery.FAN_OUT) {
      b.put("is", "routingKey");
      ObjectNode ex = b.putObject("exchange");
      ex.put("name", q.id());
      ex.put("type", "fanout");
      ex.put("durable", durable);
      ex.put("autoDelete", false);
      ex.put("vhost", "/");
    } else {
      b.put("is", "queue");
      ObjectNode qu = b.putObject("queue");
      qu.put("name", q.id());
      qu.put("durable", durable);
      qu.put("exclusive", false);
      qu.put("autoDelete", false);
      qu.put("vhost", "/");
    }
    b.put("bindingVersion", AMQP_BINDING);
    return b;
  }

  private static ObjectNode eventSchema(JsonNodeFactory f) {
    ObjectNode s = f.objectNode();
    s.put("type", "object");
    s.put("description", "A Flowsim event: what one producer event does to its key.");
    ObjectNode props = s.putObject("properties");
    props.putObject("key").put("type", "string").put("description", "the key the event touches");
    ObjectNode op = props.putObject("operation");
    op.put("type", "string");
    ArrayNode ops = op.putArray("enum");
    for (Producer.Operation o : Producer.Operation.values()) {
      ops.add(EnumNames.of(o));
    }
    props.putObject("value").put("type", "number");
    props
        .putObject("eventTime")
        .put("type", "integer")
        .put("description", "event time in microseconds, by the producer's clock");
    props
        .putObject("requestId")
        .put("type", "string")
        .put("description", "for deduplication, when the producer attaches request ids");
    s.putArray("required").add("key").add("operation");
    return s;
  }

  private static ObjectNode message(JsonNodeFactory f, Pipeline p, Component channel) {
    ObjectNode m = f.objectNode();
    m.put("name", channel.id() + ".event");
    m.put("title", "Event on " + channel.id());
    m.put("contentType", "application/json");
    m.putObject("payload").put("$ref", "#/components/schemas/FlowsimEvent");
    ObjectNode key = keySchema(f, p, channel);
    if (channel instanceof Topic) {
      ObjectNode kafka = m.putObject("bindings").putObject("kafka");
      kafka.set("key", key);
      kafka.put("bindingVersion", KAFKA_BINDING);
    } else {
      m.putObject("headers").put("type", "object").putObject("properties").set("key", key);
    }
    return m;
  }

  /** The message key: a string, with the key names of the producers that feed the channel. */
  private static ObjectNode keySchema(JsonNodeFactory f, Pipeline p, Component channel) {
    ObjectNode key = f.objectNode();
    key.put("type", "string");
    Set<String> examples = new LinkedHashSet<>();
    List<String> from = new ArrayList<>();
    for (Component source : upstreamKeySources(p, channel.id(), new LinkedHashSet<>())) {
      KeySpace k =
          source instanceof Producer pr ? pr.keys() : source instanceof Reader r ? r.keys() : null;
      if (k == null || k.size() == 0) {
        continue;
      }
      from.add(source.id());
      examples.add(k.name(0));
      if (k.size() > 1) {
        examples.add(k.name(k.size() - 1));
      }
    }
    key.put(
        "description",
        from.isEmpty() ? "the event key" : "the event key, drawn by " + String.join(", ", from));
    if (!examples.isEmpty()) {
      ArrayNode ex = key.putArray("examples");
      examples.stream().limit(4).forEach(ex::add);
    }
    return key;
  }

  /** The producers whose keys reach a component, following connections backwards. */
  private static List<Component> upstreamKeySources(Pipeline p, String id, Set<String> seen) {
    List<Component> out = new ArrayList<>();
    if (!seen.add(id)) {
      return out;
    }
    for (Connection c : p.connectionsTo(id)) {
      Component from = p.component(c.from()).orElse(null);
      if (from instanceof Producer) {
        if (!out.contains(from)) {
          out.add(from);
        }
      } else if (from != null) {
        for (Component up : upstreamKeySources(p, from.id(), seen)) {
          if (!out.contains(up)) {
            out.add(up);
          }
        }
      }
    }
    return out;
  }
}
