package dev.flowsim.app.gui.edit;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.check.Validator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Component ids for new, pasted and renamed components: legal per the spec schema ({@code
 * [A-Za-z0-9][A-Za-z0-9_.-]{0,63}}) and unique in their pipeline. Fresh ids follow the {@code
 * database-2} style: the base itself when free, otherwise the first free numbered variant.
 */
public final class Ids {
  private static final Pattern NUMBERED = Pattern.compile("(.*)-(\\d+)");
  private static final int MAX_LENGTH = 64;

  private Ids() {}

  public static boolean isLegal(String id) {
    return id != null && Validator.ID.matcher(id).matches();
  }

  public static Set<String> taken(Pipeline pipeline) {
    Set<String> ids = new HashSet<>();
    pipeline.components().forEach(c -> ids.add(c.id()));
    return ids;
  }

  /**
   * {@code base} when it is free, else {@code base-2}, {@code base-3}, …; a numbered base restarts.
   */
  public static String fresh(String base, Set<String> taken) {
    String stem = base;
    Matcher m = NUMBERED.matcher(base);
    if (m.matches() && !m.group(1).isEmpty()) {
      stem = m.group(1);
    }
    if (!taken.contains(base) && isLegal(base)) {
      return base;
    }
    for (int n = 2; ; n++) {
      String suffix = "-" + n;
      String s =
          stem.length() + suffix.length() > MAX_LENGTH
              ? stem.substring(0, MAX_LENGTH - suffix.length())
              : stem;
      String candidate = s + suffix;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  /** Why {@code id} cannot be the new name of {@code oldId}, or empty when it can. */
  public static Optional<String> renameRefusal(Pipeline pipeline, String oldId, String id) {
    if (id == null || id.isEmpty()) {
      return Optional.of("an id cannot be empty");
    }
    if (!isLegal(id)) {
      return Optional.of(
          "\""
              + id
              + "\" is not a legal id: start with a letter or digit, then letters, digits,"
              + " '_', '.' or '-', at most 64 characters");
    }
    if (!id.equals(oldId) && pipeline.component(id).isPresent()) {
      return Optional.of("another component is already called \"" + id + "\"");
    }
    return Optional.empty();
  }
}
