package dev.flowsim.model.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.flowsim.model.Cache;
import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Constraint;
import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Fault;
import dev.flowsim.model.KeySpace;
import dev.flowsim.model.MaterializedView;
import dev.flowsim.model.Operator;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Rate;
import dev.flowsim.model.Reader;
import dev.flowsim.model.Retention;
import dev.flowsim.model.SearchIndex;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.model.Warehouse;
import dev.flowsim.model.check.Diagnostic;
import dev.flowsim.model.check.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The JSON Schema of the spec format ({@code schema/flowsim-1.schema.json} at the repository root)
 * checked against the Java model: the schema is a valid draft 2020-12 schema; its definitions have
 * exactly the fields, required fields, enum values and defaults of the records; a spec with every
 * field set, written by {@link SpecWriter}, validates; the example specs validate; and the schema
 * and the Java reader and validator agree on what they reject.
 */
class SchemaTest {

  private static final String SCHEMA_ID = "https://flowsim.dev/schema/flowsim-1.schema.json";

  /** Maven runs the tests of a module with the module folder as working directory. */
  private static final Path REPO = Path.of("..");

  private static final Path SCHEMA_FILE = REPO.resolve("schema/flowsim-1.schema.json");
  private static final Path EXAMPLES = REPO.resolve("examples");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where each record of the spec is defined in the schema (JSON pointers; "" is the root). */
  private static final java.util.Map<String, Class<?>> DEFINITIONS = definitions();

  /** The schema definitions of the polymorphic interfaces, told apart by {@code type}. */
  private static final java.util.Map<String, Class<?>> DISPATCHERS =
      java.util.Map.of(
          "/$defs/component", Component.class,
          "/$defs/operator", Operator.class,
          "/$defs/fault", Fault.class);

  private static final Set<Class<?>> POLYMORPHIC =
      Set.of(Component.class, Operator.class, Fault.class);

  /** Records written as strings or arrays, not as objects with fields. */
  private static final Set<Class<?>> VALUE_TYPES =
      Set.of(Duration.class, Rate.class, Distribution.class, Position.class);

  private static JsonNode schemaNode;
  private static JsonSchema schema;

  private static java.util.Map<String, Class<?>> definitions() {
    java.util.Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("", Pipeline.class);
    m.put("/$defs/producer", Producer.class);
    m.put("/$defs/producer/properties/clock", Producer.Clock.class);
    m.put("/$defs/producer/properties/retry", Producer.Retry.class);
    m.put("/$defs/keySpace", KeySpace.class);
    m.put("/$defs/topic", Topic.class);
    m.put("/$defs/retention", Retention.class);
    m.put("/$defs/queue", Queue.class);
    m.put("/$defs/processor", Processor.class);
    m.put("/$defs/mapOperator", Operator.Map.class);
    m.put("/$defs/filterOperator", Operator.Filter.class);
    m.put("/$defs/enrichOperator", Operator.Enrich.class);
    m.put("/$defs/windowOperator", Operator.Window.class);
    m.put("/$defs/joinOperator", Operator.Join.class);
    m.put("/$defs/dedupeOperator", Operator.Dedupe.class);
    m.put("/$defs/service", Service.class);
    m.put("/$defs/database", Database.class);
    m.put("/$defs/searchIndex", SearchIndex.class);
    m.put("/$defs/cache", Cache.class);
    m.put("/$defs/warehouse", Warehouse.class);
    m.put("/$defs/materializedView", MaterializedView.class);
    m.put("/$defs/reader", Reader.class);
    m.put("/$defs/connection", Connection.class);
    m.put("/$defs/consumer", Connection.Consumer.class);
    m.put("/$defs/crashFault", Fault.Crash.class);
    m.put("/$defs/partitionFault", Fault.Partition.class);
    m.put("/$defs/slowFault", Fault.Slow.class);
    m.put("/$defs/clockFault", Fault.ClockChange.class);
    m.put("/$defs/burstFault", Fault.Burst.class);
    m.put("/$defs/offlineFault", Fault.Offline.class);
    m.put("/$defs/retentionShrinkFault", Fault.RetentionShrink.class);
    m.put("/$defs/rewindFault", Fault.Rewind.class);
    m.put("/$defs/constraint", Constraint.class);
    return m;
  }

  // ------------------------------------------------------------------ loading

  private static synchronized JsonNode schemaNode() throws IOException {
    if (schemaNode == null) {
      schemaNode = JSON.readTree(SCHEMA_FILE.toFile());
    }
    return schemaNode;
  }

  /** The schema, loaded by its {@code $id} (mapped to the file) as an editor would. */
  private static synchronized JsonSchema schema() {
    if (schema == null) {
      String file = SCHEMA_FILE.toAbsolutePath().normalize().toUri().toString();
      JsonSchemaFactory factory =
          JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V202012,
              b -> b.schemaMappers(m -> m.mapPrefix(SCHEMA_ID, file)));
      JsonSchema s = factory.getSchema(SchemaLocation.of(SCHEMA_ID));
      s.initializeValidators(); // resolves every $ref now, so a broken one fails here
      schema = s;
    }
    return schema;
  }

  private static Set<ValidationMessage> schemaErrors(String json) {
    try {
      return schema().validate(JSON.readTree(json));
    } catch (IOException e) {
      throw new AssertionError("fixture is not JSON: " + json, e);
    }
  }

  private static String show(Set<ValidationMessage> messages) {
    return messages.stream()
        .map(ValidationMessage::toString)
        .sorted()
        .collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  /** Fixtures are written with single quotes for readability. */
  private static String q(String json) {
    return json.replace('\'', '"');
  }

  // ------------------------------------------------------------------ the schema itself

  @Test
  void schemaIsValidDraft202012AndLoads() throws IOException {
    JsonNode node = schemaNode();
    assertEquals("https://json-schema.org/draft/2020-12/schema", node.path("$schema").asText());
    assertEquals(SCHEMA_ID, node.path("$id").asText());
    JsonSchema meta =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    Set<ValidationMessage> problems = meta.validate(node);
    assertTrue(problems.isEmpty(), "not a valid 2020-12 schema:" + show(problems));
    assertNotNull(schema());
  }

  /**
   * The model jar ships the schema as {@code dev/flowsim/model/json/flowsim-1.schema.json} (a
   * resource entry in model/pom.xml copies it from the repository root); the copy is the file.
   */
  @Test
  void theJarShipsTheSchema() throws IOException {
    try (InputStream in = SpecReader.class.getResourceAsStream("flowsim-1.schema.json")) {
      Assumptions.assumeTrue(
          in != null,
          "the schema is not on the classpath: model/pom.xml needs the resource entry for"
              + " ../schema/flowsim-1.schema.json");
      assertArrayEquals(Files.readAllBytes(SCHEMA_FILE), in.readAllBytes());
    }
  }

  @Test
  void everyDefinitionAndPropertyHasATitleAndADescription() throws IOException {
    List<String> missing = new ArrayList<>();
    JsonNode root = schemaNode();
    documented("", root, missing);
    root.path("$defs")
        .fields()
        .forEachRemaining(e -> documented("/$defs/" + e.getKey(), e.getValue(), missing));
    assertTrue(missing.isEmpty(), "without title or description:" + String.join("\n  ", missing));
  }

  private static void documented(String at, JsonNode node, List<String> missing) {
    for (String k : List.of("title", "description")) {
      if (node.path(k).asText().isBlank()) {
        missing.add(at + " (" + k + ")");
      }
    }
    node.path("properties")
        .fields()
        .forEachRemaining(e -> documented(at + "/properties/" + e.getKey(), e.getValue(), missing));
    Iterator<JsonNode> items = node.path("prefixItems").elements();
    for (int i = 0; items.hasNext(); i++) {
      documented(at + "/prefixItems/" + i, items.next(), missing);
    }
    if (node.path("items").has("properties")) {
      documented(at + "/items", node.path("items"), missing);
    }
  }

  // ------------------------------------------------------------------ schema against records

  @Test
  void definitionsCoverEveryRecordOfTheSpec() {
    assertEquals(
        names(specRecords()),
        names(new LinkedHashSet<>(DEFINITIONS.values())),
        "each record reachable from Pipeline needs a schema definition (and the table above)");
  }

  @Test
  void definitionsHaveTheFieldsRequiredFieldsAndTypesOfTheRecords() throws IOException {
    List<String> problems = new ArrayList<>();
    for (var def : DEFINITIONS.entrySet()) {
      String at = def.getKey();
      Class<?> type = def.getValue();
      JsonNode node = schemaNode().at(at);
      if (!node.path("type").asText().equals("object")
          || !node.path("additionalProperties").isBoolean()
          || node.path("additionalProperties").asBoolean()) {
        problems.add(at + ": expected an object with \"additionalProperties\": false");
      }
      Set<String> fields = new TreeSet<>();
      Set<String> required = new TreeSet<>();
      if (isPolymorphic(type)) {
        fields.add("type");
        required.add("type");
        String name = typeName(type);
        if (!node.path("properties").path("type").path("const").asText().equals(name)) {
          problems.add(at + "/properties/type: expected \"const\": \"" + name + "\"");
        }
      }
      for (RecordComponent rc : type.getRecordComponents()) {
        fields.add(jsonName(rc));
        if (isRequired(rc)) {
          required.add(jsonName(rc));
        }
        JsonNode property = node.path("properties").path(jsonName(rc));
        if (!property.isMissingNode()) {
          String problem = typeProblem(at + "/properties/" + jsonName(rc), property, rc);
          if (problem != null) {
            problems.add(problem);
          }
        }
      }
      Set<String> schemaFields = new TreeSet<>();
      node.path("properties").fieldNames().forEachRemaining(schemaFields::add);
      if (!schemaFields.equals(fields)) {
        problems.add(
            at + ": properties " + schemaFields + ", but " + type.getName() + " has " + fields);
      }
      Set<String> schemaRequired = new TreeSet<>();
      node.path("required").forEach(n -> schemaRequired.add(n.asText()));
      if (!schemaRequired.equals(required)) {
        problems.add(at + ": required " + schemaRequired + ", but the reader requires " + required);
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void dispatchersListExactlyTheJacksonSubtypes() throws IOException {
    for (var d : DISPATCHERS.entrySet()) {
      JsonNode node = schemaNode().at(d.getKey());
      Set<String> names = new TreeSet<>();
      Set<String> classes = new TreeSet<>();
      for (JsonSubTypes.Type t : d.getValue().getAnnotation(JsonSubTypes.class).value()) {
        names.add(t.name());
        classes.add(t.value().getName());
      }
      Set<String> enumNames = new TreeSet<>();
      node.path("properties").path("type").path("enum").forEach(n -> enumNames.add(n.asText()));
      assertEquals(names, enumNames, d.getKey() + "/properties/type/enum");
      // one "if type is X then the definition of X" per subtype
      Set<String> branches = new TreeSet<>();
      for (JsonNode branch : node.path("allOf")) {
        String name = branch.path("if").path("properties").path("type").path("const").asText();
        Class<?> type = classAt(ref(branch.path("then")));
        assertEquals(typeName(type), name, d.getKey() + "/allOf: the branch of " + name);
        branches.add(type.getName());
      }
      assertEquals(classes, branches, d.getKey() + "/allOf");
      assertEquals("type", node.path("required").path(0).asText(), d.getKey() + "/required");
    }
  }

  /** Why a property's schema does not fit the record component's Java type, or null if it does. */
  private static String typeProblem(String at, JsonNode property, RecordComponent rc)
      throws IOException {
    Class<?> t = rc.getType();
    String ref = property.has("$ref") ? ref(property) : null;
    JsonNode resolved = ref == null ? property : schemaNode().at(ref);
    String jsonType = resolved.path("type").asText();
    if (t.isEnum()) {
      List<String> expected = JsonErrors.enumNames(t);
      List<String> actual = new ArrayList<>();
      resolved.path("enum").forEach(n -> actual.add(n.asText()));
      return expected.equals(actual) ? null : at + ": enum " + actual + ", expected " + expected;
    }
    String expected;
    boolean ok;
    if (t == Boolean.class) {
      expected = "boolean";
      ok = jsonType.equals("boolean");
    } else if (t == Integer.class || t == Long.class) {
      expected = "integer";
      ok = jsonType.equals("integer");
    } else if (t == Double.class) {
      expected = "number";
      ok = jsonType.equals("number");
    } else if (t == String.class) {
      expected = "string";
      ok = jsonType.equals("string");
    } else if (t == Duration.class) {
      expected = "a $ref to a duration";
      ok =
          Set.of("/$defs/duration", "/$defs/nonNegativeDuration", "/$defs/positiveDuration")
              .contains(String.valueOf(ref));
    } else if (t == Rate.class) {
      expected = "a $ref to #/$defs/rate";
      ok = "/$defs/rate".equals(ref);
    } else if (t == Distribution.class) {
      expected = "a $ref to #/$defs/distribution";
      ok = "/$defs/distribution".equals(ref);
    } else if (List.class.isAssignableFrom(t)) {
      expected = "array";
      ok = jsonType.equals("array");
    } else if (java.util.Map.class.isAssignableFrom(t)) {
      expected = "object";
      ok = jsonType.equals("object");
    } else if (POLYMORPHIC.contains(t)) {
      expected = "a $ref to the " + t.getSimpleName() + " dispatcher";
      ok = ref != null && DISPATCHERS.get(ref) == t;
    } else {
      expected = "the definition of " + t.getName();
      String where = ref != null ? ref : at;
      ok = DEFINITIONS.get(where) == t;
    }
    return ok ? null : at + ": expected " + expected + " for " + rc;
  }

  /**
   * Every {@code default} in the schema is the Java default: a record read with the default written
   * out equals the record read without it. And a field without a schema default defaults to null in
   * Java (it means "none"). Each object with its default spelt out also validates.
   */
  @Test
  void schemaDefaultsAreTheJavaDefaults() throws Exception {
    List<String> problems = new ArrayList<>();
    for (var def : DEFINITIONS.entrySet()) {
      String at = def.getKey();
      Class<?> type = def.getValue();
      JsonNode node = schemaNode().at(at);
      ObjectNode minimal = minimal(at);
      Object bare = read(minimal, type);
      for (RecordComponent rc : type.getRecordComponents()) {
        String name = jsonName(rc);
        JsonNode property = node.path("properties").path(name);
        if (isRequired(rc)) {
          if (property.has("default")) {
            problems.add(at + "/properties/" + name + ": a required field has no default");
          }
          continue;
        }
        if (!property.has("default")) {
          if (minimal.has(name)) {
            continue; // filled in to make a valid object (a join's table)
          }
          Object javaDefault = rc.getAccessor().invoke(bare);
          if (javaDefault != null) {
            problems.add(
                at
                    + "/properties/"
                    + name
                    + ": no \"default\", but Java defaults to "
                    + javaDefault);
          }
          continue;
        }
        ObjectNode spelt = minimal.deepCopy();
        spelt.set(name, property.get("default"));
        Object withDefault;
        try {
          withDefault = read(spelt, type);
        } catch (IOException e) {
          problems.add(at + "/properties/" + name + ": the reader refuses the default: " + e);
          continue;
        }
        if (!bare.equals(withDefault)) {
          problems.add(
              at
                  + "/properties/"
                  + name
                  + ": default "
                  + property.get("default")
                  + " reads as "
                  + rc.getAccessor().invoke(withDefault)
                  + ", but Java defaults to "
                  + rc.getAccessor().invoke(bare));
        }
        Set<ValidationMessage> errors = schemaErrors(JSON.writeValueAsString(embed(type, spelt)));
        if (!errors.isEmpty()) {
          problems.add(
              at + "/properties/" + name + ": the default fails the schema:" + show(errors));
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** A misspelt field fails both the schema and the reader, in every kind of object. */
  @TestFactory
  Stream<DynamicTest> aMisspeltFieldFailsEverywhere() {
    return DEFINITIONS.entrySet().stream()
        .map(
            def ->
                dynamicTest(
                    def.getValue().getSimpleName()
                        + " at "
                        + (def.getKey().isEmpty() ? "/" : def.getKey()),
                    () -> {
                      ObjectNode object = minimal(def.getKey());
                      String json = JSON.writeValueAsString(embed(def.getValue(), object));
                      assertTrue(
                          schemaErrors(json).isEmpty(), "the minimal object is valid: " + json);
                      assertReaderAccepts(json);
                      object.put("bogus", 1);
                      String bad = JSON.writeValueAsString(embed(def.getValue(), object));
                      assertFalse(schemaErrors(bad).isEmpty(), "schema accepts " + bad);
                      assertThrows(SpecException.class, () -> SpecReader.parse("fixture", bad));
                    }));
  }

  // ------------------------------------------------------------------ valid specs

  @Test
  void minimalSpecIsValid() {
    String json = q("{'flowsim': 1}");
    assertTrue(schemaErrors(json).isEmpty(), show(schemaErrors(json)));
    Pipeline p = assertReaderAccepts(json);
    assertEquals(List.of(), Validator.validate(p));
  }

  /**
   * A pipeline with every component kind, operator, fault and connection setting, every field away
   * from its default so the writer writes it, and nothing the validator refuses.
   */
  static Pipeline everything() {
    var users =
        new Producer(
            "users",
            Rate.parse("5/ms"),
            Producer.Arrivals.CONSTANT,
            new KeySpace(500, KeySpace.Shape.ZIPF, 1.2, null, "user"),
            Producer.Operation.INCREMENT,
            new Producer.Clock(d("-250ms"), 50.0),
            true,
            new Producer.Retry(d("2s"), 5),
            "accounts",
            100_000L);
    var accounts =
        new Producer(
            "accounts",
            Rate.parse("1200/m"),
            Producer.Arrivals.POISSON,
            new KeySpace(null, KeySpace.Shape.FIXED, null, List.of("alice", "bob"), null),
            Producer.Operation.CLAIM,
            null,
            null,
            null,
            null,
            null);
    var events =
        new Topic(
            "events",
            "kafka-main",
            12,
            Topic.Partitioner.ROUND_ROBIN,
            new Retention(100_000L, d("1h")),
            true);
    var changes = Topic.of("changes");
    var joined =
        new Topic("joined", null, 3, Topic.Partitioner.RANDOM, new Retention(null, d("10m")), null);
    var jobs =
        new Queue(
            "jobs",
            "rabbit",
            Queue.Delivery.FAN_OUT,
            10,
            d("45s"),
            5_000,
            Queue.Overflow.DROP_OLDEST,
            Queue.Durability.IN_MEMORY);
    var filter =
        new Processor("filter", new Operator.Filter(0.25), 4, dist("uniform(1ms,3ms)"), d("30s"));
    var enrich = Processor.of("enrich", new Operator.Enrich());
    var windowed =
        Processor.of(
            "windowed",
            new Operator.Window(
                Operator.WindowType.HOPPING,
                d("1m"),
                d("30s"),
                d("10s"),
                Operator.TimeSemantics.PROCESSING,
                d("2s"),
                d("5s"),
                Operator.LatePolicy.SIDE_OUTPUT,
                Operator.Aggregate.SUM));
    var joiner =
        Processor.of(
            "joiner",
            new Operator.Join(
                Operator.JoinType.STREAM_TABLE, d("30s"), "changes", true, d("500ms")));
    var pairs =
        Processor.of(
            "pairs", new Operator.Join(Operator.JoinType.STREAM_STREAM, d("5s"), null, null, null));
    var dedupe = Processor.of("dedupe", new Operator.Dedupe(d("30m")));
    var app =
        new Service(
            "app",
            Service.WriteStrategy.DUAL_WRITE,
            Service.WriteOrder.PARALLEL,
            0.01,
            3,
            dist("lognormal(2ms,20ms)"));
    var db =
        new Database(
            "db",
            2,
            Database.Replication.SEMI_SYNC,
            dist("uniform(5ms,50ms)"),
            d("10s"),
            dist("exp(2ms)"));
    var search = new SearchIndex("search", dist("20ms"), DerivedStore.WriteMode.VERSION_CHECKED);
    var cache =
        new Cache("cache", dist("exp(1ms)"), DerivedStore.WriteMode.VERSION_CHECKED, d("5m"));
    var dw = new Warehouse("dw", dist("1s"), DerivedStore.WriteMode.VERSION_CHECKED);
    var view = new MaterializedView("view", dist("500us"), DerivedStore.WriteMode.VERSION_CHECKED);
    var reader =
        new Reader(
            "reader",
            Rate.parse("1200/m"),
            new KeySpace(10, null, 2.0, null, "acct"),
            Reader.Routing.READ_YOUR_WRITES,
            "users",
            d("10s"));
    List<Component> components =
        List.of(
            users, accounts, events, changes, joined, jobs, filter, enrich, windowed, joiner, pairs,
            dedupe, app, db, search, cache, dw, view, reader);
    List<Connection> connections =
        List.of(
            new Connection("users", "app", dist("lognormal(1ms,10ms)"), 0.001, 0.002, false, null),
            Connection.of("users", "jobs"),
            Connection.of("accounts", "events"),
            Connection.of("app", "db"),
            Connection.of("app", "cache"),
            Connection.of("db", "changes"),
            Connection.of("db", "reader"),
            new Connection(
                "events",
                "filter",
                null,
                null,
                null,
                null,
                new Connection.Consumer(
                    "g1", Connection.CommitPolicy.AUTO, d("1s"), Connection.StartFrom.LATEST)),
            Connection.of("filter", "search"),
            Connection.of("jobs", "enrich"),
            Connection.of("enrich", "dw"),
            Connection.of("events", "windowed"),
            Connection.of("windowed", "view"),
            Connection.of("events", "joiner"),
            Connection.of("changes", "joiner"),
            Connection.of("joiner", "joined"),
            Connection.of("joined", "dedupe"),
            Connection.of("dedupe", "view"),
            Connection.of("events", "pairs"),
            Connection.of("changes", "pairs"),
            Connection.of("pairs", "dw"));
    List<Fault> faults =
        List.of(
            new Fault.Crash("db", d("10s"), d("5s"), 1),
            new Fault.Partition("app", "db", d("20s"), d("3s"), true),
            new Fault.Slow("filter", d("5s"), d("2s"), 4.0),
            new Fault.ClockChange("users", d("1s"), d("2s"), -30.0),
            new Fault.Burst("users", d("15s"), d("1s"), 20.0),
            new Fault.Offline("accounts", d("25s"), d("4s")),
            new Fault.RetentionShrink("events", d("30s"), new Retention(10L, d("1s"))),
            new Fault.Rewind("events", "g1", d("40s"), d("5s")));
    List<Constraint> constraints =
        List.of(
            new Constraint("one-owner", Constraint.Type.UNIQUE, "db", "db"),
            new Constraint("balance", Constraint.Type.NON_NEGATIVE, "view", null));
    java.util.Map<String, Position> layout = new LinkedHashMap<>();
    for (int i = 0; i < components.size(); i++) {
      layout.put(components.get(i).id(), new Position(40 + 160 * (i % 5), -80.5 + 120 * (i / 5)));
    }
    return new Pipeline(
        1,
        "../schema/flowsim-1.schema.json",
        "Everything",
        "Every component kind, operator, fault and setting.",
        42L,
        d("2m"),
        components,
        connections,
        faults,
        constraints,
        layout);
  }

  @Test
  void aSpecWithEveryFieldSetValidatesAndRoundTrips() throws Exception {
    Pipeline pipeline = everything();
    assertEquals(
        List.of(),
        Validator.validate(pipeline).stream().filter(Diagnostic::isError).toList(),
        "the fixture itself is a valid pipeline");
    String json = SpecWriter.write(pipeline);
    Set<ValidationMessage> errors = schemaErrors(json);
    assertTrue(errors.isEmpty(), "the written spec fails the schema:" + show(errors) + "\n" + json);
    Pipeline read = SpecReader.parse("everything.json", json).pipeline();
    assertEquals(pipeline, read, "reading the written spec gives the pipeline back");
    assertEquals(json, SpecWriter.write(read), "writing it again gives the same text");
  }

  /** Every field of every record appears in the written fixture, so the schema saw them all. */
  @Test
  void theFixtureWritesEveryFieldOfEveryRecord() throws Exception {
    JsonNode written = JSON.readTree(SpecWriter.write(everything()));
    java.util.Map<Class<?>, Set<String>> seen = new LinkedHashMap<>();
    walk(written, Pipeline.class, seen, "");
    List<String> missing = new ArrayList<>();
    for (Class<?> type : specRecords()) {
      Set<String> fields = new TreeSet<>();
      for (RecordComponent rc : type.getRecordComponents()) {
        fields.add(jsonName(rc));
      }
      Set<String> got = seen.getOrDefault(type, Set.of());
      fields.removeAll(got);
      // the map operator is the default operator, so the writer never writes it; a hand-written
      // fixture (validSpecs) covers it
      if (!seen.containsKey(type) && type != Operator.Map.class) {
        missing.add(type.getName() + ": never written");
      } else if (!fields.isEmpty()) {
        missing.add(type.getName() + ": " + fields + " never written");
      }
    }
    assertTrue(missing.isEmpty(), String.join("\n", missing));
  }

  /**
   * Hand-written specs (value syntaxes, explicit defaults) that both the schema and reader take.
   */
  @TestFactory
  Stream<DynamicTest> validSpecs() {
    java.util.Map<String, String> specs = new LinkedHashMap<>();
    specs.put(
        "readme example",
        q(
            """
            { 'flowsim': 1, 'name': 'Dual write', 'seed': 42, 'duration': '60s',
              'components': [
                { 'id': 'users', 'type': 'producer', 'rate': '200/s',
                  'keys': { 'count': 50, 'distribution': 'zipf' } },
                { 'id': 'app', 'type': 'service', 'writeStrategy': 'dual-write' },
                { 'id': 'db', 'type': 'database', 'followers': 2, 'replication': 'async',
                  'replicationLag': 'exp(20ms)' },
                { 'id': 'index', 'type': 'search-index' } ],
              'connections': [
                { 'from': 'users', 'to': 'app' },
                { 'from': 'app', 'to': 'db', 'latency': 'uniform(1ms,5ms)' },
                { 'from': 'app', 'to': 'index' } ] }
            """));
    specs.put(
        "explicit defaults",
        q(
            """
            { 'flowsim': 1, '$schema': '../schema/flowsim-1.schema.json', 'name': '',
              'description': '', 'seed': 1, 'duration': '60s',
              'components': [
                { 'type': 'producer', 'id': 'p', 'rate': '100/s', 'arrivals': 'poisson',
                  'keys': { 'count': 100, 'distribution': 'uniform', 'zipfExponent': 1.0,
                            'values': [], 'prefix': 'key' },
                  'operation': 'set', 'clock': { 'skew': '0s', 'driftPpm': 0 },
                  'requestIds': false },
                { 'type': 'processor', 'id': 'm', 'operator': { 'type': 'map' }, 'parallelism': 1,
                  'serviceTime': '1ms', 'checkpointInterval': '10s' },
                { 'type': 'processor', 'id': 'w',
                  'operator': { 'type': 'window', 'window': 'hopping', 'advance': '5s' } },
                { 'type': 'processor', 'id': 'j',
                  'operator': { 'type': 'join', 'join': 'table-table' } },
                { 'type': 'processor', 'id': 'k',
                  'operator': { 'type': 'join', 'table': 't' } },
                { 'type': 'database', 'id': 'd', 'replication': 'sync', 'followers': 1 },
                { 'type': 'producer', 'id': 'f',
                  'keys': { 'distribution': 'fixed', 'values': ['a', 'b'], 'count': 0 } } ],
              'connections': [
                { 'from': 'p', 'to': 'm', 'latency': '1ms', 'loss': 0, 'duplication': 0,
                  'fifo': true, 'consumer': {} } ],
              'faults': [], 'constraints': [], 'layout': { 'p': [0, 0], 'm': [-1.5, 1e3] } }
            """));
    specs.put(
        "value syntaxes",
        q(
            """
            { 'flowsim': 1, 'duration': '1.5m',
              'components': [
                { 'type': 'producer', 'id': 'a', 'rate': '5/ms', 'clock': { 'skew': '-1.5s' } },
                { 'type': 'producer', 'id': 'b', 'rate': '1200/m', 'clock': { 'skew': '-0s' } },
                { 'type': 'producer', 'id': 'c', 'rate': '3/h', 'clock': { 'skew': '500\u00b5s' } },
                { 'type': 'producer', 'id': 'd', 'rate': '0.5 / min', 'retry': {} },
                { 'type': 'processor', 'id': 'e', 'serviceTime': 'const(5ms)',
                  'checkpointInterval': '1h' },
                { 'type': 'processor', 'id': 'f', 'serviceTime': 'uniform(0, 30ms)',
                  'checkpointInterval': '500us' },
                { 'type': 'processor', 'id': 'g', 'serviceTime': 'exp (20ms)',
                  'checkpointInterval': '0.001ms' },
                { 'type': 'processor', 'id': 'h', 'serviceTime': 'lognormal( 10ms , 200ms )',
                  'checkpointInterval': '2 s' },
                { 'type': 'processor', 'id': 'i', 'serviceTime': '0',
                  'checkpointInterval': '1min' },
                { 'type': 'processor', 'id': 'j', 'serviceTime': ' 1.000000s ' } ],
              'faults': [ { 'type': 'crash', 'component': 'a', 'at': '0' },
                          { 'type': 'clock', 'component': 'a', 'at': '0s', 'skew': '-2s' } ] }
            """));
    return specs.entrySet().stream()
        .map(
            e ->
                dynamicTest(
                    e.getKey(),
                    () -> {
                      Set<ValidationMessage> errors = schemaErrors(e.getValue());
                      assertTrue(errors.isEmpty(), show(errors));
                      assertReaderAccepts(e.getValue());
                    }));
  }

  /** Every {@code examples/*.json} at the repository root validates (when the folder exists). */
  @TestFactory
  Stream<DynamicTest> examplesValidate() throws IOException {
    if (!Files.isDirectory(EXAMPLES)) {
      return Stream.of(
          dynamicTest(
              "examples/",
              () ->
                  Assumptions.abort(
                      "no examples folder at " + EXAMPLES.toAbsolutePath().normalize())));
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(EXAMPLES, "*.json")) {
      dir.forEach(files::add);
    }
    files.sort(null);
    if (files.isEmpty()) {
      return Stream.of(
          dynamicTest("examples/", () -> fail("examples/ exists but holds no .json file")));
    }
    return files.stream()
        .map(
            file ->
                dynamicTest(
                    "examples/" + file.getFileName(),
                    () -> {
                      Set<ValidationMessage> errors =
                          schema().validate(JSON.readTree(Files.readString(file)));
                      assertTrue(errors.isEmpty(), file + " fails the schema:" + show(errors));
                      // what the schema takes, the reader takes too
                      SpecReader.load(file);
                    }));
  }

  // ------------------------------------------------------------------ invalid specs

  /**
   * An invalid fixture; {@code validatorPath} is null when the reader refuses it, else the JSON
   * path where the validator reports an error (the reader takes it: bounds are the validator's).
   */
  record Invalid(String name, String json, String validatorPath) {}

  private static Invalid reader(String name, String json) {
    return new Invalid(name, q(json), null);
  }

  private static Invalid validator(String name, String path, String json) {
    return new Invalid(name, q(json), path);
  }

  private static String component(String fields) {
    return "{'flowsim': 1, 'components': [" + fields + "]}";
  }

  static List<Invalid> invalidSpecs() {
    String topicAndProcessor = "{'type': 'topic', 'id': 't'}, {'type': 'processor', 'id': 'p'}";
    return List.of(
        // unknown fields
        reader("unknown top-level field", "{'flowsim': 1, 'nmae': 'x'}"),
        reader(
            "misspelt component field", component("{'type': 'producer', 'id': 'p', 'rat': '5/s'}")),
        reader(
            "misspelt operator field",
            component(
                "{'type': 'processor', 'id': 'p', 'operator': {'type': 'filter', 'kep': 0.5}}")),
        reader(
            "misspelt fault field",
            "{'flowsim': 1, 'faults': [{'type': 'crash', 'component': 'a', 'at': '1s',"
                + " 'restart': '1s'}]}"),
        reader(
            "misspelt connection field",
            "{'flowsim': 1, 'connections': [{'from': 'a', 'to': 'b', 'lossy': 0.1}]}"),
        reader(
            "misspelt key space field",
            component("{'type': 'producer', 'id': 'p', 'keys': {'cnt': 5}}")),
        reader(
            "misspelt field of another kind",
            component("{'type': 'topic', 'id': 't', 'delivery': 'fan-out'}")),
        // unknown or missing types
        reader("unknown component type", component("{'type': 'stream', 'id': 's'}")),
        reader("missing component type", component("{'id': 's'}")),
        reader(
            "unknown operator type",
            component("{'type': 'processor', 'id': 'p', 'operator': {'type': 'reduce'}}")),
        reader(
            "unknown fault type",
            "{'flowsim': 1, 'faults': [{'type': 'meteor', 'component': 'a', 'at': '1s'}]}"),
        // bad enum values
        reader("bad arrivals", component("{'type': 'producer', 'id': 'p', 'arrivals': 'bursty'}")),
        reader(
            "bad replication",
            component("{'type': 'database', 'id': 'd', 'replication': 'eventual'}")),
        reader("bad routing", component("{'type': 'reader', 'id': 'r', 'routing': 'nearest'}")),
        reader(
            "bad write mode",
            component("{'type': 'cache', 'id': 'c', 'writeMode': 'newest-wins'}")),
        reader(
            "bad key distribution",
            component("{'type': 'producer', 'id': 'p', 'keys': {'distribution': 'normal'}}")),
        reader(
            "bad commit policy",
            "{'flowsim': 1, 'connections': [{'from': 'a', 'to': 'b',"
                + " 'consumer': {'commit': 'never'}}]}"),
        reader(
            "bad constraint type",
            "{'flowsim': 1, 'constraints': [{'id': 'c', 'type': 'positive', 'store': 'db'}]}"),
        reader(
            "enum in upper case",
            component("{'type': 'topic', 'id': 't', 'partitioner': 'KEY_HASH'}")),
        // malformed durations
        reader("duration in words", "{'flowsim': 1, 'duration': '10 seconds'}"),
        reader("duration without unit", "{'flowsim': 1, 'duration': '5'}"),
        reader("duration as a number", "{'flowsim': 1, 'duration': 5}"),
        reader("duration in days", "{'flowsim': 1, 'duration': '1d'}"),
        reader("duration finer than 1us", "{'flowsim': 1, 'duration': '1.5us'}"),
        reader("duration with a comma", "{'flowsim': 1, 'duration': '1,5s'}"),
        reader(
            "duration with an exponent",
            component("{'type': 'queue', 'id': 'q', 'ackTimeout': '1e3ms'}")),
        // malformed distributions
        reader(
            "uniform with one bound",
            component("{'type': 'processor', 'id': 'p', 'serviceTime': 'uniform(1ms)'}")),
        reader(
            "unknown distribution",
            component("{'type': 'processor', 'id': 'p', 'serviceTime': 'normal(5ms)'}")),
        reader(
            "exponential with zero mean",
            component("{'type': 'processor', 'id': 'p', 'serviceTime': 'exp(0ms)'}")),
        reader(
            "lognormal with one parameter",
            component("{'type': 'processor', 'id': 'p', 'serviceTime': 'lognormal(10ms)'}")),
        reader(
            "negative constant",
            component("{'type': 'processor', 'id': 'p', 'serviceTime': '-5ms'}")),
        reader(
            "negative const()",
            component("{'type': 'database', 'id': 'd', 'writeLatency': 'const(-1ms)'}")),
        reader(
            "three bounds",
            "{'flowsim': 1, 'connections': [{'from': 'a', 'to': 'b',"
                + " 'latency': 'uniform(1ms,2ms,3ms)'}]}"),
        reader(
            "distribution without unit",
            component("{'type': 'processor', 'id': 'p', 'serviceTime': 'exp(20)'}")),
        // malformed rates
        reader(
            "rate in words",
            component("{'type': 'producer', 'id': 'p', 'rate': '200 per second'}")),
        reader("rate without unit", component("{'type': 'producer', 'id': 'p', 'rate': '200'}")),
        reader("rate per day", component("{'type': 'reader', 'id': 'r', 'rate': '5/d'}")),
        reader("rate as a number", component("{'type': 'producer', 'id': 'p', 'rate': 200}")),
        // missing required fields
        reader("missing id", component("{'type': 'topic'}")),
        reader("missing connection end", "{'flowsim': 1, 'connections': [{'from': 'a'}]}"),
        reader(
            "missing fault time",
            "{'flowsim': 1, 'faults': [{'type': 'crash', 'component': 'a'}]}"),
        reader(
            "missing partition duration",
            "{'flowsim': 1, 'faults': [{'type': 'partition', 'from': 'a', 'to': 'b',"
                + " 'at': '1s'}]}"),
        reader(
            "missing retention of a shrink",
            "{'flowsim': 1, 'faults': [{'type': 'retention-shrink', 'component': 't',"
                + " 'at': '1s'}]}"),
        reader(
            "missing constraint store",
            "{'flowsim': 1, 'constraints': [{'id': 'c', 'type': 'unique'}]}"),
        // format version
        reader("wrong flowsim version", "{'flowsim': 2}"),
        reader("flowsim version 0", "{'flowsim': 0}"),
        reader("flowsim version as a string", "{'flowsim': '1'}"),
        reader("missing flowsim version", "{'name': 'x'}"),
        // wrong JSON types
        reader(
            "partitions as a string", component("{'type': 'topic', 'id': 't', 'partitions': '3'}")),
        reader(
            "partitions as a fraction",
            component("{'type': 'topic', 'id': 't', 'partitions': 1.5}")),
        reader(
            "boolean as a string", component("{'type': 'topic', 'id': 't', 'compaction': 'yes'}")),
        reader("null for a field", component("{'type': 'topic', 'id': 't', 'partitions': null}")),
        reader("null in a list", "{'flowsim': 1, 'components': [null]}"),
        reader("components not a list", "{'flowsim': 1, 'components': {}}"),
        reader("position of three numbers", "{'flowsim': 1, 'layout': {'a': [1, 2, 3]}}"),
        reader("position of a string", "{'flowsim': 1, 'layout': {'a': ['x', 2]}}"),
        reader("position out of range", "{'flowsim': 1, 'layout': {'a': [2e9, 0]}}"),
        // bounds the validator checks
        validator(
            "partitions 0",
            "components[0].partitions",
            component("{'type': 'topic', 'id': 't', 'partitions': 0}")),
        validator(
            "partitions 10001",
            "components[0].partitions",
            component("{'type': 'topic', 'id': 't', 'partitions': 10001}")),
        validator(
            "loss probability 1.5",
            "connections[0].loss",
            "{'flowsim': 1, 'connections': [{'from': 'a', 'to': 'b', 'loss': 1.5}]}"),
        validator(
            "loss of every message",
            "connections[0].loss",
            "{'flowsim': 1, 'connections': [{'from': 'a', 'to': 'b', 'loss': 1}]}"),
        validator(
            "negative duplication",
            "connections[0].duplication",
            "{'flowsim': 1, 'connections': [{'from': 'a', 'to': 'b', 'duplication': -0.1}]}"),
        validator(
            "failure probability 1.5",
            "components[0].failureProbability",
            component("{'type': 'service', 'id': 's', 'failureProbability': 1.5}")),
        validator(
            "filter keeps 1.5",
            "components[0].operator.keep",
            component(
                "{'type': 'processor', 'id': 'p', 'operator': {'type': 'filter', 'keep': 1.5}}")),
        validator(
            "parallelism 0",
            "components[0].parallelism",
            component("{'type': 'processor', 'id': 'p', 'parallelism': 0}")),
        validator(
            "parallelism 1025",
            "components[0].parallelism",
            component("{'type': 'processor', 'id': 'p', 'parallelism': 1025}")),
        validator(
            "followers 17",
            "components[0].followers",
            component("{'type': 'database', 'id': 'd', 'followers': 17}")),
        validator(
            "sync replication without followers",
            "components[0].replication",
            component("{'type': 'database', 'id': 'd', 'replication': 'sync'}")),
        validator(
            "retries 101",
            "components[0].retries",
            component("{'type': 'service', 'id': 's', 'retries': 101}")),
        validator(
            "prefetch 0",
            "components[0].prefetch",
            component("{'type': 'queue', 'id': 'q', 'prefetch': 0}")),
        validator(
            "capacity 0",
            "components[0].capacity",
            component("{'type': 'queue', 'id': 'q', 'capacity': 0}")),
        validator(
            "blank broker",
            "components[0].broker",
            component("{'type': 'queue', 'id': 'q', 'broker': '  '}")),
        validator(
            "max attempts 0",
            "components[0].retry.maxAttempts",
            component("{'type': 'producer', 'id': 'p', 'retry': {'maxAttempts': 0}}")),
        validator(
            "retry timeout 0",
            "components[0].retry.timeout",
            component("{'type': 'producer', 'id': 'p', 'retry': {'timeout': '0s'}}")),
        validator(
            "limit 0",
            "components[0].limit",
            component("{'type': 'producer', 'id': 'p', 'limit': 0}")),
        validator(
            "drift too large",
            "components[0].clock.driftPpm",
            component("{'type': 'producer', 'id': 'p', 'clock': {'driftPpm': 200000}}")),
        validator(
            "zipf exponent 0",
            "components[0].keys.zipfExponent",
            component("{'type': 'producer', 'id': 'p', 'keys': {'zipfExponent': 0}}")),
        validator(
            "key count 0",
            "components[0].keys.count",
            component("{'type': 'reader', 'id': 'r', 'keys': {'count': 0}}")),
        validator(
            "fixed keys without values",
            "components[0].keys.values",
            component("{'type': 'producer', 'id': 'p', 'keys': {'distribution': 'fixed'}}")),
        validator(
            "values without fixed",
            "components[0].keys.values",
            component("{'type': 'producer', 'id': 'p', 'keys': {'values': ['a']}}")),
        validator(
            "duplicate key values",
            "components[0].keys.values[1]",
            component(
                "{'type': 'producer', 'id': 'p',"
                    + " 'keys': {'distribution': 'fixed', 'values': ['a', 'a']}}")),
        validator(
            "blank key value",
            "components[0].keys.values[0]",
            component(
                "{'type': 'producer', 'id': 'p',"
                    + " 'keys': {'distribution': 'fixed', 'values': [' ']}}")),
        validator(
            "empty key prefix",
            "components[0].keys.prefix",
            component("{'type': 'producer', 'id': 'p', 'keys': {'prefix': ''}}")),
        validator(
            "rate 0",
            "components[0].rate",
            component("{'type': 'producer', 'id': 'p', 'rate': '0/s'}")),
        validator(
            "negative rate",
            "components[0].rate",
            component("{'type': 'reader', 'id': 'r', 'rate': '-5/s'}")),
        validator("negative run length", "duration", "{'flowsim': 1, 'duration': '-5s'}"),
        validator("zero run length", "duration", "{'flowsim': 1, 'duration': '0'}"),
        validator(
            "ack timeout 0",
            "components[0].ackTimeout",
            component("{'type': 'queue', 'id': 'q', 'ackTimeout': '0ms'}")),
        validator(
            "checkpoint interval 0",
            "components[0].checkpointInterval",
            component("{'type': 'processor', 'id': 'p', 'checkpointInterval': '0s'}")),
        validator(
            "ttl 0", "components[0].ttl", component("{'type': 'cache', 'id': 'c', 'ttl': '0s'}")),
        validator(
            "negative recent window",
            "components[0].recentWindow",
            component("{'type': 'reader', 'id': 'r', 'recentWindow': '-1s'}")),
        validator(
            "failover after 0",
            "components[0].failoverAfter",
            component("{'type': 'database', 'id': 'd', 'failoverAfter': '0s'}")),
        validator(
            "retention count 0",
            "components[0].retention.count",
            component("{'type': 'topic', 'id': 't', 'retention': {'count': 0}}")),
        validator(
            "retention time 0",
            "components[0].retention.time",
            component("{'type': 'topic', 'id': 't', 'retention': {'time': '0s'}}")),
        validator(
            "window size 0",
            "components[0].operator.size",
            component(
                "{'type': 'processor', 'id': 'p', 'operator': {'type': 'window', 'size': '0s'}}")),
        validator(
            "negative watermark delay",
            "components[0].operator.watermarkDelay",
            component(
                "{'type': 'processor', 'id': 'p',"
                    + " 'operator': {'type': 'window', 'watermarkDelay': '-1s'}}")),
        validator(
            "advance on a tumbling window",
            "components[0].operator.advance",
            component(
                "{'type': 'processor', 'id': 'p',"
                    + " 'operator': {'type': 'window', 'advance': '1s'}}")),
        validator(
            "stream-table join without table",
            "components[0].operator.table",
            component("{'type': 'processor', 'id': 'p', 'operator': {'type': 'join'}}")),
        validator(
            "table on a stream-stream join",
            "components[0].operator.table",
            component(
                "{'type': 'processor', 'id': 'p',"
                    + " 'operator': {'type': 'join', 'join': 'stream-stream', 'table': 'x'}}")),
        validator(
            "negative join wait",
            "components[0].operator.maxWait",
            component(
                "{'type': 'processor', 'id': 'p',"
                    + " 'operator': {'type': 'join', 'table': 'x', 'maxWait': '-1ms'}}")),
        validator(
            "dedupe retention 0",
            "components[0].operator.retention",
            component(
                "{'type': 'processor', 'id': 'p',"
                    + " 'operator': {'type': 'dedupe', 'retention': '0s'}}")),
        validator(
            "id with a space", "components[0].id", component("{'type': 'topic', 'id': 'a b'}")),
        validator(
            "id of 65 characters",
            "components[0].id",
            component("{'type': 'topic', 'id': '" + "x".repeat(65) + "'}")),
        validator(
            "id starting with a dash",
            "components[0].id",
            component("{'type': 'topic', 'id': '-t'}")),
        validator(
            "layout of a malformed id", "layout.a b", "{'flowsim': 1, 'layout': {'a b': [0, 0]}}"),
        validator(
            "malformed consumer group",
            "connections[0].consumer.group",
            "{'flowsim': 1, 'components': ["
                + topicAndProcessor
                + "], 'connections': [{'from': 't', 'to': 'p', 'consumer': {'group': 'g 1'}}]}"),
        validator(
            "auto-commit interval 0",
            "connections[0].consumer.autoCommitInterval",
            "{'flowsim': 1, 'components': ["
                + topicAndProcessor
                + "], 'connections': [{'from': 't', 'to': 'p',"
                + " 'consumer': {'autoCommitInterval': '0s'}}]}"),
        validator(
            "fault before time 0",
            "faults[0].at",
            "{'flowsim': 1, 'faults': [{'type': 'crash', 'component': 'a', 'at': '-1s'}]}"),
        validator(
            "restart after 0",
            "faults[0].restartAfter",
            "{'flowsim': 1, 'faults': [{'type': 'crash', 'component': 'a', 'at': '1s',"
                + " 'restartAfter': '0s'}]}"),
        validator(
            "partition of no time",
            "faults[0].duration",
            "{'flowsim': 1, 'faults': [{'type': 'partition', 'from': 'a', 'to': 'b',"
                + " 'at': '1s', 'duration': '0s'}]}"),
        validator(
            "slow factor 0",
            "faults[0].factor",
            "{'flowsim': 1, 'faults': [{'type': 'slow', 'component': 'a', 'at': '1s',"
                + " 'duration': '1s', 'factor': 0}]}"),
        validator(
            "burst factor too large",
            "faults[0].factor",
            "{'flowsim': 1, 'faults': [{'type': 'burst', 'component': 'a', 'at': '1s',"
                + " 'duration': '1s', 'factor': 2000000}]}"),
        validator(
            "offline for no time",
            "faults[0].duration",
            "{'flowsim': 1, 'faults': [{'type': 'offline', 'component': 'a', 'at': '1s',"
                + " 'duration': '0s'}]}"),
        validator(
            "retention shrink to forever",
            "faults[0].retention",
            "{'flowsim': 1, 'faults': [{'type': 'retention-shrink', 'component': 't',"
                + " 'at': '1s', 'retention': {}}]}"),
        validator(
            "malformed constraint id",
            "constraints[0].id",
            "{'flowsim': 1, 'constraints': [{'id': 'no good', 'type': 'unique', 'store': 'db'}]}"));
  }

  /** Each invalid fixture fails the schema, and the reader or the validator refuses it too. */
  @TestFactory
  Stream<DynamicTest> invalidSpecsFailTheSchemaAndJava() {
    return invalidSpecs().stream()
        .map(
            c ->
                dynamicTest(
                    c.name(),
                    () -> {
                      assertFalse(
                          schemaErrors(c.json()).isEmpty(), "the schema accepts " + c.json());
                      if (c.validatorPath() == null) {
                        assertThrows(
                            SpecException.class,
                            () -> SpecReader.parse("fixture", c.json()),
                            "the reader accepts " + c.json());
                      } else {
                        Pipeline p = assertReaderAccepts(c.json());
                        List<Diagnostic> errors = Validator.validate(p);
                        assertTrue(
                            errors.stream()
                                .anyMatch(d -> d.isError() && d.path().equals(c.validatorPath())),
                            "no validator error at "
                                + c.validatorPath()
                                + " for "
                                + c.json()
                                + "; got "
                                + errors);
                      }
                    }));
  }

  // ------------------------------------------------------------------ value grammars

  private static final List<String> NUMBERS =
      List.of(
          "0",
          "00",
          "1",
          "10",
          "007",
          "1.5",
          "0.5",
          "0.001",
          "0.0015",
          "1.000",
          "0.000001",
          "0.0000001",
          "2.50",
          "1.",
          ".5",
          "1e3",
          "1,5",
          "+1",
          "",
          "\u0661");
  private static final List<String> DURATION_UNITS =
      List.of("us", "\u00b5s", "ms", "s", "m", "min", "h", "", "ns", "sec", "d", "S", "MS", "hr");

  /** Duration-like strings: well-formed and malformed, signed, spaced and not. */
  private static List<String> durationCorpus() {
    List<String> out = new ArrayList<>();
    for (String sign : List.of("", "-")) {
      for (String n : NUMBERS) {
        for (String unit : DURATION_UNITS) {
          out.add(sign + n + unit);
          if (!unit.isEmpty()) {
            out.add(sign + n + " " + unit);
          }
        }
      }
    }
    out.addAll(List.of(" 2s", "2s ", "\t2s", "- 2s", "2 s s", "2s2", "0 ", " 0", "-0"));
    return out;
  }

  /**
   * The schema's duration, rate and distribution patterns accept exactly what the Java parsers
   * (and, for signs and zero, the validator) accept, over a corpus of well- and malformed strings.
   * Where the schema cannot follow Java, see {@link #whereTheSchemaIsLooserThanJava}.
   */
  @TestFactory
  Stream<DynamicTest> valuePatternsAgreeWithTheJavaParsers() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        agreement(
            "signed durations (clock skew)",
            durationCorpus(),
            v -> component("{'type': 'producer', 'id': 'p', 'clock': {'skew': " + str(v) + "}}"),
            "components[0].clock.skew"));
    tests.add(
        agreement(
            "durations of 0 or more (watermark delay)",
            durationCorpus(),
            v ->
                component(
                    "{'type': 'processor', 'id': 'p',"
                        + " 'operator': {'type': 'window', 'watermarkDelay': "
                        + str(v)
                        + "}}"),
            "components[0].operator.watermarkDelay"));
    tests.add(
        agreement(
            "durations above 0 (checkpoint interval)",
            durationCorpus(),
            v ->
                component("{'type': 'processor', 'id': 'p', 'checkpointInterval': " + str(v) + "}"),
            "components[0].checkpointInterval"));
    List<String> rates = new ArrayList<>();
    for (String sign : List.of("", "-")) {
      for (String n : NUMBERS) {
        for (String per :
            List.of(
                "/s", "/ms", "/m", "/min", "/h", "/d", "/us", "s", "", " / s", "/S", " per s")) {
          rates.add(sign + n + per);
        }
      }
    }
    tests.add(
        agreement(
            "rates",
            rates,
            v -> component("{'type': 'producer', 'id': 'p', 'rate': " + str(v) + "}"),
            "components[0].rate"));
    List<String> distributions = new ArrayList<>();
    for (String sign : List.of("", "-")) {
      for (String n : NUMBERS) {
        for (String unit : List.of("us", "ms", "s", "m", "h", "")) {
          String v = sign + n + unit;
          distributions.addAll(
              List.of(
                  v,
                  "const(" + v + ")",
                  "uniform(" + v + ",100h)",
                  "uniform(0, " + v + ")",
                  "exp(" + v + ")",
                  "lognormal(" + v + ",1000h)"));
        }
      }
    }
    distributions.addAll(
        List.of(
            "exp (5ms)",
            " exp(5ms) ",
            "Exp(5ms)",
            "exp[5ms]",
            "exp()",
            "exp(5ms,)",
            "exp(5ms",
            "uniform(1ms;2ms)",
            "uniform(1ms,2ms,3ms)",
            "lognormal(1ms)",
            "const()",
            "const(1ms,2ms)",
            "normal(5ms)",
            "5 ms",
            "const( 5ms )"));
    tests.add(
        agreement(
            "distributions",
            distributions,
            v -> component("{'type': 'processor', 'id': 'p', 'serviceTime': " + str(v) + "}"),
            "components[0].serviceTime"));
    return tests.stream();
  }

  private static DynamicTest agreement(
      String name,
      List<String> values,
      java.util.function.Function<String, String> spec,
      String path) {
    return dynamicTest(
        name,
        () -> {
          List<String> disagreements = new ArrayList<>();
          for (String v : values) {
            String json = q(spec.apply(v));
            boolean bySchema = schemaErrors(json).isEmpty();
            boolean byJava = javaAccepts(json, path);
            if (bySchema != byJava) {
              disagreements.add(
                  str(v) + ": schema " + verdict(bySchema) + ", Java " + verdict(byJava));
            }
          }
          assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
        });
  }

  /**
   * What the schema cannot express — arithmetic on the values, and limits of size — it accepts and
   * Java refuses. Listed so that the gaps are known; if the schema learns one, move it to {@link
   * #invalidSpecs}.
   */
  @TestFactory
  Stream<DynamicTest> whereTheSchemaIsLooserThanJava() {
    java.util.Map<String, String[]> gaps = new LinkedHashMap<>();
    gaps.put(
        "uniform with low above high",
        new String[] {
          component("{'type': 'processor', 'id': 'p', 'serviceTime': 'uniform(30ms,1ms)'}"), null
        });
    gaps.put(
        "lognormal p99 not above the median",
        new String[] {
          component("{'type': 'processor', 'id': 'p', 'serviceTime': 'lognormal(20ms,10ms)'}"), null
        });
    gaps.put(
        "minutes finer than 1us", new String[] {"{'flowsim': 1, 'duration': '0.00000001m'}", null});
    gaps.put(
        "duration too long to hold",
        new String[] {
          component("{'type': 'processor', 'id': 'p', 'checkpointInterval': '99999999999999999h'}"),
          null
        });
    gaps.put(
        "run longer than 7 days", new String[] {"{'flowsim': 1, 'duration': '169h'}", "duration"});
    gaps.put(
        "rate above 10000000/s",
        new String[] {
          component("{'type': 'producer', 'id': 'p', 'rate': '20000/ms'}"), "components[0].rate"
        });
    gaps.put(
        "hop longer than the window",
        new String[] {
          component(
              "{'type': 'processor', 'id': 'p', 'operator': {'type': 'window',"
                  + " 'window': 'hopping', 'size': '1s', 'advance': '2s'}}"),
          "components[0].operator.advance"
        });
    // JSON Schema counts 1.0 as an integer; the reader wants whole numbers written without a point
    gaps.put("a whole number written 1.0", new String[] {"{'flowsim': 1, 'seed': 1.0}", null});
    gaps.put(
        "duplicate component ids",
        new String[] {
          component("{'type': 'topic', 'id': 't'}, {'type': 'queue', 'id': 't'}"),
          "components[1].id"
        });
    gaps.put(
        "dangling reference",
        new String[] {
          "{'flowsim': 1, 'connections': [{'from': 'a', 'to': 'b'}]}", "connections[0].from"
        });
    return gaps.entrySet().stream()
        .map(
            g ->
                dynamicTest(
                    g.getKey(),
                    () -> {
                      String json = q(g.getValue()[0]);
                      assertTrue(schemaErrors(json).isEmpty(), show(schemaErrors(json)));
                      String path = g.getValue()[1];
                      if (path == null) {
                        assertThrows(SpecException.class, () -> SpecReader.parse("gap", json));
                      } else {
                        assertFalse(javaAccepts(json, path), "Java accepts " + json);
                      }
                    }));
  }

  private static String verdict(boolean accepts) {
    return accepts ? "accepts" : "refuses";
  }

  private static String str(String v) {
    try {
      return JSON.writeValueAsString(v).replace('"', '\'');
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The reader reads the spec and the validator has nothing to say at {@code path} or below. */
  private static boolean javaAccepts(String json, String path) {
    Pipeline p;
    try {
      p = SpecReader.parse("fixture", json).pipeline();
    } catch (SpecException e) {
      return false;
    }
    return Validator.validate(p).stream()
        .noneMatch(
            d ->
                d.isError()
                    && (d.path().equals(path)
                        || d.path().startsWith(path + ".")
                        || d.path().startsWith(path + "[")));
  }

  private static Pipeline assertReaderAccepts(String json) {
    try {
      return SpecReader.parse("fixture", json).pipeline();
    } catch (SpecException e) {
      throw new AssertionError("the reader refuses " + json + ": " + e.diagnostics(), e);
    }
  }

  // ------------------------------------------------------------------ helpers on records

  private static Duration d(String text) {
    return Duration.parse(text);
  }

  private static Distribution dist(String text) {
    return Distribution.parse(text);
  }

  /** The records of the spec, reachable from {@link Pipeline}, except the value types. */
  static Set<Class<?>> specRecords() {
    Set<Class<?>> out = new LinkedHashSet<>();
    Deque<Type> todo = new ArrayDeque<>(List.of(Pipeline.class));
    while (!todo.isEmpty()) {
      Type t = todo.removeFirst();
      if (t instanceof ParameterizedType p) {
        todo.addAll(Arrays.asList(p.getActualTypeArguments()));
      } else if (t instanceof Class<?> c
          && c.getPackageName().equals(Pipeline.class.getPackageName())
          && !VALUE_TYPES.contains(c)) {
        if (c.isSealed()) {
          todo.addAll(Arrays.asList(c.getPermittedSubclasses()));
        } else if (c.isRecord() && out.add(c)) {
          for (RecordComponent rc : c.getRecordComponents()) {
            todo.add(rc.getGenericType());
          }
        }
      }
    }
    return out;
  }

  private static Set<String> names(Set<Class<?>> classes) {
    return classes.stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  static String jsonName(RecordComponent rc) {
    JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
    return p != null && !p.value().isEmpty() ? p.value() : rc.getName();
  }

  static boolean isRequired(RecordComponent rc) {
    JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
    return p != null && p.required();
  }

  private static Class<?> polymorphicBase(Class<?> type) {
    return POLYMORPHIC.stream().filter(b -> b.isAssignableFrom(type)).findFirst().orElse(null);
  }

  private static boolean isPolymorphic(Class<?> type) {
    return polymorphicBase(type) != null;
  }

  private static String typeName(Class<?> type) {
    for (JsonSubTypes.Type t : polymorphicBase(type).getAnnotation(JsonSubTypes.class).value()) {
      if (t.value() == type) {
        return t.name();
      }
    }
    throw new AssertionError("no JSON type name for " + type);
  }

  private static Class<?> subtype(Class<?> base, String name) {
    for (JsonSubTypes.Type t : base.getAnnotation(JsonSubTypes.class).value()) {
      if (t.name().equals(name)) {
        return t.value();
      }
    }
    throw new AssertionError("no " + base.getSimpleName() + " of type " + name);
  }

  /** {@code #/$defs/x} as the JSON pointer {@code /$defs/x}. */
  private static String ref(JsonNode node) {
    String ref = node.path("$ref").asText();
    assertTrue(ref.startsWith("#"), "a local $ref: " + ref);
    return ref.substring(1);
  }

  private static Class<?> classAt(String pointer) {
    Class<?> c = DEFINITIONS.get(pointer);
    assertNotNull(c, "no record for " + pointer);
    return c;
  }

  /** A record's object with only its required fields (and what its conditions need) filled in. */
  private static ObjectNode minimal(String pointer) throws IOException {
    JsonNode def = schemaNode().at(pointer);
    ObjectNode out = JSON.createObjectNode();
    for (JsonNode name : def.path("required")) {
      out.set(name.asText(), sample(def.path("properties").path(name.asText())));
    }
    if (DEFINITIONS.get(pointer) == Operator.Join.class) {
      out.put("table", "x"); // a stream-table join, the default, names its table
    }
    return out;
  }

  private static JsonNode sample(JsonNode property) {
    if (property.has("const")) {
      return property.get("const");
    }
    if (property.has("enum")) {
      return property.get("enum").get(0);
    }
    String ref = property.path("$ref").asText();
    return switch (ref) {
      case "#/$defs/id", "#/$defs/componentRef" -> JSON.getNodeFactory().textNode("x");
      case "#/$defs/duration", "#/$defs/nonNegativeDuration", "#/$defs/positiveDuration" ->
          JSON.getNodeFactory().textNode("1s");
      case "#/$defs/retention" -> JSON.createObjectNode().put("count", 1);
      default -> throw new AssertionError("no sample for required " + property);
    };
  }

  /** Reads an object as the record {@code type} with the spec's mapper. */
  private static Object read(ObjectNode object, Class<?> type) throws IOException {
    Class<?> base = polymorphicBase(type);
    Class<?> target = base != null ? base : type;
    return SpecJson.MAPPER.treeToValue(object, target);
  }

  /** A whole spec with {@code object} where a record of {@code type} goes. */
  private static ObjectNode embed(Class<?> type, ObjectNode object) {
    if (type == Pipeline.class) {
      return object;
    }
    ObjectNode spec = JSON.createObjectNode().put("flowsim", 1);
    Class<?> base = polymorphicBase(type);
    if (base == Component.class) {
      spec.putArray("components").add(object);
    } else if (base == Operator.class) {
      spec.putArray("components")
          .addObject()
          .put("type", "processor")
          .put("id", "p")
          .set("operator", object);
    } else if (base == Fault.class) {
      spec.putArray("faults").add(object);
    } else if (type == Producer.Clock.class
        || type == Producer.Retry.class
        || type == KeySpace.class) {
      String field =
          type == KeySpace.class ? "keys" : type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
      spec.putArray("components")
          .addObject()
          .put("type", "producer")
          .put("id", "p")
          .set(field, object);
    } else if (type == Retention.class) {
      spec.putArray("components")
          .addObject()
          .put("type", "topic")
          .put("id", "t")
          .set("retention", object);
    } else if (type == Connection.class) {
      spec.putArray("connections").add(object);
    } else if (type == Connection.Consumer.class) {
      spec.putArray("connections")
          .addObject()
          .put("from", "a")
          .put("to", "b")
          .set("consumer", object);
    } else if (type == Constraint.class) {
      spec.putArray("constraints").add(object);
    } else {
      throw new AssertionError("cannot place a " + type);
    }
    return spec;
  }

  /** Records which fields of which records appear in a written spec. */
  private static void walk(
      JsonNode node, Type declared, java.util.Map<Class<?>, Set<String>> seen, String at) {
    if (declared instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type element = p.getActualTypeArguments()[p.getActualTypeArguments().length - 1];
      if (List.class.isAssignableFrom(raw)) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), element, seen, at + "[" + i + "]");
        }
      } else if (java.util.Map.class.isAssignableFrom(raw)) {
        node.fields()
            .forEachRemaining(e -> walk(e.getValue(), element, seen, at + "." + e.getKey()));
      }
      return;
    }
    Class<?> type = (Class<?>) declared;
    if (POLYMORPHIC.contains(type) || type == DerivedStore.class) {
      type =
          subtype(POLYMORPHIC.contains(type) ? type : Component.class, node.path("type").asText());
    }
    if (!type.isRecord() || VALUE_TYPES.contains(type)) {
      return;
    }
    Set<String> fields = seen.computeIfAbsent(type, k -> new TreeSet<>());
    java.util.Map<String, RecordComponent> byName = new TreeMap<>();
    for (RecordComponent rc : type.getRecordComponents()) {
      byName.put(jsonName(rc), rc);
    }
    for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) node::fields) {
      if (e.getKey().equals("type") && isPolymorphic(type)) {
        continue;
      }
      RecordComponent rc = byName.get(e.getKey());
      assertNotNull(rc, at + "." + e.getKey() + " is not a field of " + type.getName());
      fields.add(e.getKey());
      walk(e.getValue(), rc.getGenericType(), seen, at + "." + e.getKey());
    }
  }
}
