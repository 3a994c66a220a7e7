package dev.flowsim.app.export;

import dev.flowsim.layouts.PipelineLayout;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.export.AsyncApiExporter;
import dev.flowsim.model.export.DotExporter;
import dev.flowsim.model.export.MermaidExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Exports a design to a file in one of the {@link ExportFormat}s. Text formats come from the pure
 * exporters of the model; images are drawn from the design's layout (components without a position
 * are placed by {@link PipelineLayout#complete}). Files are written atomically: into a temporary
 * file beside the target, then moved over it. Works headless (no display needed).
 */
public final class DesignExport {
  private DesignExport() {}

  /**
   * Writes {@code p} to {@code out} in format {@code f}.
   *
   * @param pngScale pixels per canvas unit of a PNG (e.g. 2 for high-density screens); ignored by
   *     the other formats
   */
  public static void export(Pipeline p, ExportFormat f, Path out, double pngScale)
      throws IOException {
    if (f == ExportFormat.PNG && !(pngScale > 0 && pngScale <= DesignImage.MAX_SCALE)) {
      throw new IllegalArgumentException(
          "the PNG scale must be above 0 and at most "
              + DesignImage.MAX_SCALE
              + ", got "
              + pngScale);
    }
    switch (f) {
      case PNG -> {
        DesignImage image = DesignImage.of(laidOut(p));
        writeAtomically(out, s -> image.writePng(s, pngScale));
      }
      default -> {
        String text = text(p, f);
        writeAtomically(out, s -> s.write(text.getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  /** The text of a text format (every format but PNG). */
  public static String text(Pipeline p, ExportFormat f) {
    return switch (f) {
      case ASYNCAPI_YAML -> AsyncApiExporter.toYaml(p);
      case ASYNCAPI_JSON -> AsyncApiExporter.toJson(p);
      case DOT -> DotExporter.export(p);
      case MERMAID -> MermaidExporter.export(p);
      case SVG -> DesignImage.of(laidOut(p)).svg();
      case PNG -> throw new IllegalArgumentException("PNG is not a text format");
    };
  }

  /** The pipeline with a position for every component (the missing ones completed). */
  public static Pipeline laidOut(Pipeline p) {
    for (var c : p.components()) {
      if (!p.layout().containsKey(c.id())) {
        return PipelineLayout.standard().complete(p);
      }
    }
    return p;
  }

  /** What writes the content of a file. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  static void writeAtomically(Path file, Content content) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (OutputStream s = Files.newOutputStream(tmp)) {
        content.writeTo(s);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }
}
