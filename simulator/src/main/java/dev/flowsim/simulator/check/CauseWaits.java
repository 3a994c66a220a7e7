package dev.flowsim.simulator.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * What waits, per store, for a cause that store has not applied yet: the causes awaited (a bitset
 * over the history's window, so a step costs one bit test) and, for each, its waiters (an effect
 * applied early, or a read that saw one) as small records. Shared by {@link CausalityChecker} and
 * {@link ConsistentPrefixChecker}; allocation only when something starts waiting.
 */
final class CauseWaits {
  /** Judges the waiters of {@code cause} at {@code store} whose cause will not come. */
  interface Judge {
    void neverCame(int store, long cause, List<long[]> waiters);
  }

  private final EventSet[] causes;
  private final List<Map<Long, List<long[]>>> byCause = new ArrayList<>();

  /** Waits for the stores among {@code n} trace components for which {@code isStore} holds. */
  CauseWaits(int n, IntPredicate isStore) {
    causes = new EventSet[n];
    for (int i = 0; i < n; i++) {
      causes[i] = isStore.test(i) ? new EventSet() : null;
      byCause.add(isStore.test(i) ? new LinkedHashMap<>() : null);
    }
  }

  /** Whether {@code store} is one this waits for. */
  boolean tracks(int store) {
    return store >= 0 && store < causes.length && causes[store] != null;
  }

  /** Whether anything at {@code store} waits for {@code cause}. */
  boolean awaits(int store, long cause) {
    return causes[store].contains(cause);
  }

  /** Records that {@code waiter} waits at {@code store} for {@code cause}. */
  void add(int store, long cause, long[] waiter) {
    causes[store].add(cause);
    byCause.get(store).computeIfAbsent(cause, c -> new ArrayList<>()).add(waiter);
  }

  /**
   * The waiters of {@code cause} at {@code store} (a live list; empty it through {@link #done}).
   */
  List<long[]> waiters(int store, long cause) {
    return byCause.get(store).getOrDefault(cause, List.of());
  }

  /** Stops waiting at {@code store} for {@code cause}; returns its waiters (null if none). */
  List<long[]> done(int store, long cause) {
    if (!causes[store].remove(cause)) {
      return null;
    }
    return byCause.get(store).remove(cause);
  }

  /** At the end of the run: judges everything still waiting, store by store, in arrival order. */
  void finish(Judge judge) {
    for (int store = 0; store < causes.length; store++) {
      if (causes[store] != null) {
        for (Map.Entry<Long, List<long[]>> e : byCause.get(store).entrySet()) {
          judge.neverCame(store, e.getKey(), e.getValue());
        }
      }
    }
  }

  /**
   * The history is about to forget {@code cause}: what waits for it is judged now, as at the end of
   * the run, and the window of awaited causes slides past it.
   */
  void forget(long cause, Judge judge) {
    for (int store = 0; store < causes.length; store++) {
      if (causes[store] == null) {
        continue;
      }
      List<long[]> waiters = done(store, cause);
      if (waiters != null) {
        judge.neverCame(store, cause, waiters);
      }
      causes[store].forgetBelow(cause + 1);
    }
  }
}
