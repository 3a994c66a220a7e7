package dev.flowsim.app.gui.analysis;

import dev.flowsim.app.scenarios.ExampleLibrary;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecException;
import dev.flowsim.model.json.SpecReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The teaching scenarios bundled in the app jar ({@code NN-slug.broken.json} and {@code
 * NN-slug.fixed.json}, listed by {@link ExampleLibrary}), as the compare dialog offers them, and
 * the broken ↔ fixed counterpart of a file name.
 */
final class BundledSpecs {

  static final String BROKEN = ".broken.json";
  static final String FIXED = ".fixed.json";

  private BundledSpecs() {}

  /** Every bundled file name, broken before fixed, in index order. */
  static List<String> files() {
    List<String> out = new ArrayList<>();
    for (String stem : ExampleLibrary.stems()) {
      out.add(stem + BROKEN);
      out.add(stem + FIXED);
    }
    return out;
  }

  /** Reads a bundled spec. */
  static Pipeline load(String file) throws SpecException, IOException {
    return SpecReader.parse(file, ExampleLibrary.bytes(file)).pipeline();
  }

  /** {@code 01-dual-write.broken.json} ↔ {@code 01-dual-write.fixed.json}; empty for others. */
  static Optional<String> counterpart(String fileName) {
    if (fileName == null) {
      return Optional.empty();
    }
    if (fileName.endsWith(BROKEN)) {
      return Optional.of(fileName.substring(0, fileName.length() - BROKEN.length()) + FIXED);
    }
    if (fileName.endsWith(FIXED)) {
      return Optional.of(fileName.substring(0, fileName.length() - FIXED.length()) + BROKEN);
    }
    return Optional.empty();
  }

  /**
   * The bundled file a pipeline came from: by its file name when it has one, else the bundled spec
   * with the same name and description (an example opened untitled).
   */
  static Optional<String> bundledName(String fileName, Pipeline pipeline) {
    List<String> all = files();
    if (fileName != null && all.contains(fileName)) {
      return Optional.of(fileName);
    }
    if (pipeline == null || pipeline.name().isBlank()) {
      return Optional.empty();
    }
    for (String f : all) {
      try {
        Pipeline p = load(f);
        if (p.name().equals(pipeline.name()) && p.description().equals(pipeline.description())) {
          return Optional.of(f);
        }
      } catch (SpecException | IOException e) {
        // an unreadable bundled spec cannot be the origin
      }
    }
    return Optional.empty();
  }
}
