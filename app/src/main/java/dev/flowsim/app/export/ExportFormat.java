package dev.flowsim.app.export;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The formats a design can be exported to, with their usual file extension. */
public enum ExportFormat {
  ASYNCAPI_YAML("asyncapi", "AsyncAPI 3.0 (YAML)", "yaml"),
  ASYNCAPI_JSON("asyncapi", "AsyncAPI 3.0 (JSON)", "json"),
  DOT("dot", "Graphviz DOT", "dot"),
  MERMAID("mermaid", "Mermaid flowchart", "mmd"),
  SVG("svg", "SVG image", "svg"),
  PNG("png", "PNG image", "png");

  private final String cliName;
  private final String description;
  private final String extension;

  ExportFormat(String cliName, String description, String extension) {
    this.cliName = cliName;
    this.description = description;
    this.extension = extension;
  }

  /** The name of {@code flowsim export --format} (both AsyncAPI variants are {@code asyncapi}). */
  public String cliName() {
    return cliName;
  }

  /** A name for menus and file dialogs, e.g. {@code "Graphviz DOT"}. */
  public String description() {
    return description;
  }

  /** The usual file extension, without the dot. */
  public String extension() {
    return extension;
  }

  /** True for the image formats (drawn from the design's layout). */
  public boolean isImage() {
    return this == SVG || this == PNG;
  }

  /**
   * The format a file name asks for by its extension: {@code .yaml}/{@code .yml} AsyncAPI YAML,
   * {@code .json} AsyncAPI JSON, {@code .dot}/{@code .gv} DOT, {@code .mmd}/{@code .mermaid}
   * Mermaid, {@code .svg}, {@code .png}; empty for any other name.
   */
  public static Optional<ExportFormat> fromFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return switch (name.substring(dot + 1)) {
      case "yaml", "yml" -> Optional.of(ASYNCAPI_YAML);
      case "json" -> Optional.of(ASYNCAPI_JSON);
      case "dot", "gv" -> Optional.of(DOT);
      case "mmd", "mermaid" -> Optional.of(MERMAID);
      case "svg" -> Optional.of(SVG);
      case "png" -> Optional.of(PNG);
      default -> Optional.empty();
    };
  }

  public static Optional<ExportFormat> fromFileName(Path file) {
    Path name = file.getFileName();
    return name == null ? Optional.empty() : fromFileName(name.toString());
  }

  /**
   * The format named on the command line ({@code asyncapi}, {@code dot}, {@code mermaid}, {@code
   * svg}, {@code png}); for {@code asyncapi}, JSON when the output ends in {@code .json}, else
   * YAML.
   */
  public static Optional<ExportFormat> fromCliName(String name, Path out) {
    String n = name.toLowerCase(Locale.ROOT).strip();
    if (n.equals("asyncapi")) {
      boolean json = out != null && fromFileName(out).orElse(null) == ASYNCAPI_JSON;
      return Optional.of(json ? ASYNCAPI_JSON : ASYNCAPI_YAML);
    }
    for (ExportFormat f : values()) {
      if (f.cliName.equals(n)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
