package dev.flowsim.simulator.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Interns names (component ids, key names) to dense ints 0, 1, 2, … in first-seen order, so the
 * trace stores ints and the numbering depends only on the order of first use, never on hashing.
 */
public final class StringTable {

  private final Map<String, Integer> indices = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  /** Returns the index of {@code name}, assigning the next free index if it is new. */
  public int intern(String name) {
    Integer index = indices.get(Objects.requireNonNull(name, "name"));
    if (index != null) {
      return index;
    }
    int next = names.size();
    names.add(name);
    indices.put(name, next);
    return next;
  }

  /** The index of {@code name}, or {@link TraceStep#NONE} if it was never interned. */
  public int indexOf(String name) {
    Integer index = indices.get(name);
    return index == null ? TraceStep.NONE : index;
  }

  /**
   * The name with the given index.
   *
   * @throws IndexOutOfBoundsException if no name has that index
   */
  public String name(int index) {
    return names.get(index);
  }

  /** Number of interned names. */
  public int size() {
    return names.size();
  }

  /** All names, in index order (a read-only live view). */
  public List<String> names() {
    return Collections.unmodifiableList(names);
  }
}
