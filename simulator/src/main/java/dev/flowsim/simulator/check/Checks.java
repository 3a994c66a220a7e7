package dev.flowsim.simulator.check;

import dev.flowsim.simulator.trace.TraceListener;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * All checkers of a run behind one trace listener: every step goes to each checker in a fixed
 * order, and {@link #finish(long)} lets each judge the final state.
 */
public final class Checks implements TraceListener {
  /**
   * The checkers of every run: the flow checks (order, duplicates, loss, causality) and the state
   * checks (replicas, reads, stores, constraints, windows).
   */
  private static final List<Function<CheckContext, List<Checker>>> STANDARD =
      List.of(FlowChecks::create, StateChecks::create);

  private final CheckContext context;
  private final Checker[] checkers;

  private Checks(CheckContext context, List<Checker> checkers) {
    this.context = context;
    this.checkers = checkers.toArray(new Checker[0]);
  }

  /** Every standard checker. */
  public static Checks standard(CheckContext context) {
    List<Checker> list = new ArrayList<>();
    for (Function<CheckContext, List<Checker>> make : STANDARD) {
      list.addAll(make.apply(context));
    }
    return new Checks(context, list);
  }

  /** Only the given checkers (for tests). */
  public static Checks of(CheckContext context, List<Checker> checkers) {
    return new Checks(context, checkers);
  }

  @Override
  public void onStep(TraceStep step) {
    for (Checker c : checkers) {
      c.onStep(step);
    }
  }

  /** Judges final states once the run has drained. */
  public void finish(long endMicros) {
    for (Checker c : checkers) {
      c.finish(endMicros);
    }
  }

  public Findings findings() {
    return context.findings();
  }
}
