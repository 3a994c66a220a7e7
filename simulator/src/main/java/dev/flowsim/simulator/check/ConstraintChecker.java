package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.StateChecks.at;
import static dev.flowsim.simulator.check.StateChecks.quote;
import static dev.flowsim.simulator.check.StateChecks.value;

import dev.flowsim.model.Constraint;
import dev.flowsim.simulator.check.StateChecks.Db;
import dev.flowsim.simulator.check.StateChecks.Derived;
import dev.flowsim.simulator.check.StateChecks.Stores;
import dev.flowsim.simulator.engine.Events;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CONSTRAINT_VIOLATION: an APPLY at the store of a spec constraint ({@code Pipeline.constraints()})
 * that breaks it.
 *
 * <ul>
 *   <li><b>unique</b>: a CLAIM (the event's operation) applied over a value held by another
 *       claimant (old value present and different from the new one): both claimants were told they
 *       succeeded. Witnesses: the claim that held the key and the one that replaced it. A retry of
 *       the holder's own claim (same value) is not a finding.
 *   <li><b>non-negative</b>: an APPLY that takes the value from zero or more (or nothing) below
 *       zero: one finding each time the invariant breaks (further writes while it stays negative
 *       are the same breach). Witness: that write.
 * </ul>
 *
 * For a database only the leader's commits count (its replicas copy them).
 */
final class ConstraintChecker extends Checker {
  private static final List<Constraint> NONE = List.of();
  private final Stores stores;
  private List<?>[] byComponent = new List<?>[16];

  ConstraintChecker(CheckContext ctx, Stores stores) {
    super(ctx);
    this.stores = stores;
  }

  @SuppressWarnings("unchecked")
  private List<Constraint> constraints(int c) {
    if (c < 0) {
      return NONE;
    }
    if (c >= byComponent.length) {
      byComponent = Arrays.copyOf(byComponent, Math.max(c + 1, byComponent.length * 2));
    }
    List<?> l = byComponent[c];
    if (l == null) {
      String name = ctx.name(c);
      List<Constraint> mine = new ArrayList<>();
      for (Constraint k : ctx.pipeline().constraints()) {
        if (k.store().equals(name)) {
          mine.add(k);
        }
      }
      l = mine.isEmpty() ? NONE : List.copyOf(mine);
      byComponent[c] = l;
    }
    return (List<Constraint>) l;
  }

  @Override
  public void onStep(TraceStep s) {
    if (s.kind() != StepKind.APPLY) {
      return;
    }
    List<Constraint> mine = constraints(s.component());
    if (mine.isEmpty()) {
      return;
    }
    for (Constraint c : mine) {
      if (c.type() == Constraint.Type.UNIQUE) {
        unique(s, c);
      } else {
        nonNegative(s, c);
      }
    }
  }

  private void unique(TraceStep s, Constraint c) {
    long event = s.eventId();
    if (event <= 0
        || ctx.events().op(event) != Events.CLAIM
        || s.oldValue() == TraceStep.NO_VALUE
        || s.oldValue() == s.value()) {
      return;
    }
    if (StateChecks.countOnly(ctx, AnomalyKind.CONSTRAINT_VIOLATION, s.timeMicros(), 0)) {
      return;
    }
    int k = s.key();
    long holder = 0;
    long since = -1;
    Db d = stores.db(s.component());
    Derived st = stores.derived(s.component());
    if (d != null) {
      holder = d.event(k);
      int top = d.history.count(k) - 1;
      since = top >= 0 && d.history.event(k, top) == holder ? d.history.time(k, top) : -1;
    } else if (st != null) {
      holder = st.events.get(k);
      since = st.times.get(k);
    }
    StringBuilder b = new StringBuilder();
    b.append(quote(c.store()))
        .append(" gave ")
        .append(ctx.key(k))
        .append(" to the claim ")
        .append(Finding.event(event))
        .append(from(event))
        .append(" at ")
        .append(at(s.timeMicros()))
        .append(", although the claim ");
    b.append(holder > 0 ? Finding.event(holder) + from(holder) : "with value " + s.oldValue());
    b.append(" already held it");
    if (since >= 0) {
      b.append(" (since ").append(at(since)).append(')');
    }
    b.append(": both claimants were told they succeeded, so ")
        .append(c.id())
        .append(" (unique) is broken. ")
        .append(enforcement(c));
    List<String> events = new ArrayList<>(2);
    if (holder > 0 && holder != event) {
      events.add(Finding.event(holder));
    }
    events.add(Finding.event(event));
    ctx.report(
        AnomalyKind.CONSTRAINT_VIOLATION,
        s.timeMicros(),
        List.of(c.store()),
        List.of(ctx.key(k)),
        events,
        b.toString(),
        fix(c),
        0);
  }

  private void nonNegative(TraceStep s, Constraint c) {
    long old = s.oldValue();
    if (s.value() >= 0
        || s.value() == TraceStep.NO_VALUE
        || (old != TraceStep.NO_VALUE && old < 0)) {
      return;
    }
    if (StateChecks.countOnly(ctx, AnomalyKind.CONSTRAINT_VIOLATION, s.timeMicros(), 0)) {
      return;
    }
    int k = s.key();
    long event = s.eventId();
    StringBuilder b = new StringBuilder();
    b.append(quote(c.store())).append(" applied ");
    b.append(event > 0 ? Finding.event(event) : "a write");
    if (event > 0) {
      int p = ctx.events().producer(event);
      b.append(" (").append(ctx.events().value(event));
      b.append(p >= 0 ? " from " + quote(ctx.name(p)) : "").append(')');
    }
    b.append(" to ")
        .append(ctx.key(k))
        .append(" at ")
        .append(at(s.timeMicros()))
        .append(", taking it from ")
        .append(value(old))
        .append(" to ")
        .append(s.value())
        .append(": below zero, so ")
        .append(c.id())
        .append(" (non-negative) is broken. ")
        .append(enforcement(c));
    ctx.report(
        AnomalyKind.CONSTRAINT_VIOLATION,
        s.timeMicros(),
        List.of(c.store()),
        List.of(ctx.key(k)),
        event > 0 ? List.of(Finding.event(event)) : List.of(),
        b.toString(),
        fix(c),
        0);
  }

  /** " (from `signups-eu`)" naming the event's producer. */
  private String from(long event) {
    int p = ctx.events().producer(event);
    return p >= 0 ? " (from " + quote(ctx.name(p)) + ")" : "";
  }

  private String enforcement(Constraint c) {
    if (c.enforcedBy() == null) {
      return "Nothing enforces it: no single ordering point sees every write of a key, so writes"
          + " that arrive over separate paths are each accepted without knowing of the other.";
    }
    return quote(c.enforcedBy())
        + " enforces it, yet this write reached "
        + quote(c.store())
        + ": a write that did not pass through the enforcer, or one the enforcer judged on"
        + " other state than the store's, broke it.";
  }

  private static String fix(Constraint c) {
    return c.enforcedBy() == null
        ? AnomalyKind.CONSTRAINT_VIOLATION.usualFix()
        : "make every write of " + c.store() + " pass through " + c.enforcedBy();
  }
}
