package dev.flowsim.model.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecWriter;

/**
 * A pipeline as the JSON tree of its canonical spec (fields in declared order, defaults left out),
 * so exporters can embed components and connections exactly as a spec file writes them.
 */
final class SpecTree {
  static final ObjectMapper PLAIN = new ObjectMapper();

  private SpecTree() {}

  static ObjectNode of(Pipeline pipeline) {
    try {
      return (ObjectNode) PLAIN.readTree(SpecWriter.write(pipeline));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the canonical spec JSON could not be read back", e);
    }
  }

  /** The canonical JSON object of component number {@code index}. */
  static ObjectNode component(ObjectNode spec, int index) {
    return (ObjectNode) spec.path("components").get(index);
  }

  static JsonNode connection(ObjectNode spec, int index) {
    return spec.path("connections").get(index);
  }
}
