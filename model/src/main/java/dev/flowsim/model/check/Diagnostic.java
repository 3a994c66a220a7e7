package dev.flowsim.model.check;

import java.util.List;

/**
 * One finding about a spec: an error (the spec cannot be used) or a warning (a design risk named by
 * the concept it embodies), with where it is — the JSON path and, when the spec came from a file,
 * the line and column — what is wrong, and for warnings why it matters and the usual fix.
 *
 * @param severity error or warning
 * @param code a stable kebab-case name (e.g. {@code dangling-id}, {@code dual-write})
 * @param path the JSON path, e.g. {@code components[3].replication}; empty for the whole file
 * @param message what is wrong, naming what was expected and what was found
 * @param why for warnings: the consequence, in one line; else empty
 * @param fix for warnings: the usual fix, in one line; else empty
 * @param components ids of the components involved (for selecting them in the designer)
 * @param location the file position, or {@code null} when not known
 */
public record Diagnostic(
    Severity severity,
    String code,
    String path,
    String message,
    String why,
    String fix,
    List<String> components,
    Location location) {

  /** How serious a diagnostic is. */
  public enum Severity {
    ERROR,
    WARNING;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A position in a source file; line and column are 1-based, 0 when unknown.
   *
   * @param source the file name as the user gave it
   */
  public record Location(String source, int line, int column) {
    @Override
    public String toString() {
      return line > 0 ? source + ":" + line + ":" + column : source;
    }
  }

  public Diagnostic {
    path = path == null ? "" : path;
    why = why == null ? "" : why;
    fix = fix == null ? "" : fix;
    components = components == null ? List.of() : List.copyOf(components);
  }

  public static Diagnostic error(String code, String path, String message, String... components) {
    return new Diagnostic(Severity.ERROR, code, path, message, "", "", List.of(components), null);
  }

  public static Diagnostic warning(
      String code, String path, String message, String why, String fix, String... components) {
    return new Diagnostic(
        Severity.WARNING, code, path, message, why, fix, List.of(components), null);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public Diagnostic at(Location location) {
    return new Diagnostic(severity, code, path, message, why, fix, components, location);
  }

  /**
   * The one-line form, as compilers print: {@code file:14:22: error: components[3].replication:
   * expected one of sync, semi-sync, async, got "asnyc"}. Warnings carry their code: {@code warning
   * [dual-write]}.
   */
  public String headline() {
    StringBuilder b = new StringBuilder();
    if (location != null) {
      b.append(location).append(": ");
    }
    b.append(severity);
    if (severity == Severity.WARNING) {
      b.append(" [").append(code).append(']');
    }
    b.append(": ");
    if (!path.isEmpty()) {
      b.append(path).append(": ");
    }
    return b.append(message).toString();
  }

  /** The headline followed by the why and fix lines, when present. */
  public String format() {
    StringBuilder b = new StringBuilder(headline());
    if (!why.isEmpty()) {
      b.append("\n    why: ").append(why);
    }
    if (!fix.isEmpty()) {
      b.append("\n    fix: ").append(fix);
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return headline();
  }
}
