package dev.flowsim.simulator.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of a run: exact counts per kind, and the findings themselves kept up to a cap per
 * kind (the first ones, in the order found) so a long run does not hold millions of them.
 */
public final class Findings {
  /** Findings kept per kind; counts stay exact beyond it. */
  public static final int DEFAULT_CAP = 1000;

  private final int cap;
  private final long[] counts = new long[AnomalyKind.values().length];
  private final Map<AnomalyKind, List<Finding>> kept = new EnumMap<>(AnomalyKind.class);

  public Findings() {
    this(DEFAULT_CAP);
  }

  public Findings(int cap) {
    this.cap = cap;
  }

  public void add(Finding f) {
    counts[f.kind().ordinal()]++;
    List<Finding> list = kept.computeIfAbsent(f.kind(), k -> new ArrayList<>());
    if (list.size() < cap) {
      list.add(f);
    }
  }

  /** How many findings of {@code kind} the run had (not capped). */
  public long count(AnomalyKind kind) {
    return counts[kind.ordinal()];
  }

  /** The kept findings of {@code kind}, in the order found. */
  public List<Finding> of(AnomalyKind kind) {
    return Collections.unmodifiableList(kept.getOrDefault(kind, List.of()));
  }

  /** Every kept finding, by kind (declaration order) then in the order found. */
  public List<Finding> all() {
    List<Finding> out = new ArrayList<>();
    for (AnomalyKind k : AnomalyKind.values()) {
      out.addAll(of(k));
    }
    return out;
  }

  /** Counts of the kinds that occurred, in declaration order. */
  public Map<AnomalyKind, Long> counts() {
    Map<AnomalyKind, Long> m = new EnumMap<>(AnomalyKind.class);
    for (AnomalyKind k : AnomalyKind.values()) {
      if (counts[k.ordinal()] > 0) {
        m.put(k, counts[k.ordinal()]);
      }
    }
    return m;
  }

  /** True when any integrity anomaly occurred. */
  public boolean anyIntegrity() {
    for (AnomalyKind k : AnomalyKind.values()) {
      if (k.isIntegrity() && counts[k.ordinal()] > 0) {
        return true;
      }
    }
    return false;
  }

  public int cap() {
    return cap;
  }
}
