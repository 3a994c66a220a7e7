package dev.flowsim.simulator.check;

import static dev.flowsim.simulator.check.StateChecks.at;
import static dev.flowsim.simulator.check.StateChecks.quote;
import static dev.flowsim.simulator.check.StateChecks.value;

import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Service;
import dev.flowsim.simulator.check.StateChecks.Db;
import dev.flowsim.simulator.check.StateChecks.Derived;
import dev.flowsim.simulator.check.StateChecks.Stores;
import java.util.ArrayList;
import java.util.List;

/**
 * DIVERGENCE: after the run has drained, a derived store's value of a key differs from its source
 * database's value (the current leader's replica, after any failover). Each derived store is paired
 * with the databases it derives from (their change stream reaches it through brokers, services and
 * map/enrich/dedupe processors) or shares a writer with (a service, processor or producer writing
 * both: a dual write); only keys both hold are compared. One finding per (store, database, key), in
 * store, database and key order, at the later of the two last writes of the key; the witnesses are
 * those two writes.
 *
 * <p>The explanation names the mechanism the trace shows: the store holds a write the database lost
 * in a failover after its change stream had published it; a write to one side failed (the service's
 * DROP, or a link's) and was not retried; the two sides applied the last two writes in opposite
 * orders (a dual-write race); or, failing those, just the two different last writes.
 */
final class DivergenceChecker extends Checker {
  private final Stores stores;

  DivergenceChecker(CheckContext ctx, Stores stores) {
    super(ctx);
    this.stores = stores;
  }

  @Override
  public void finish(long endMicros) {
    for (Object o : stores.all()) {
      if (!(o instanceof Derived st)) {
        continue;
      }
      for (String id : st.sources) {
        Db d = stores.db(id);
        if (d == null) {
          continue;
        }
        int limit = st.times.limit();
        for (int k = 0; k < limit; k++) {
          if (st.holds(k) && d.holds(k) && st.values.get(k) != d.value(k)) {
            report(st, d, k, endMicros);
          }
        }
      }
    }
  }

  private void report(Derived st, Db d, int k, long endMicros) {
    int top = d.history.count(k) - 1;
    long when = Math.max(st.times.get(k), top >= 0 ? d.history.time(k, top) : -1);
    if (StateChecks.countOnly(ctx, AnomalyKind.DIVERGENCE, when, 0)) {
      return;
    }
    long se = st.events.get(k);
    long de = d.event(k);
    long stTime = st.times.get(k);
    int di = d.history.count(k) - 1;
    long dTime = di >= 0 ? d.history.time(k, di) : -1;
    String key = ctx.key(k);
    String writer = StateChecks.sharedWriter(ctx.pipeline(), d.id(), st.id());
    StringBuilder b = new StringBuilder();
    b.append("After the run drained (")
        .append(at(endMicros))
        .append("), ")
        .append(quote(st.id()))
        .append(" holds ")
        .append(value(st.values.get(k)))
        .append(" for ")
        .append(key)
        .append(" (from ")
        .append(Finding.event(se))
        .append(", applied at ")
        .append(at(stTime))
        .append(") but its source ")
        .append(quote(d.id()))
        .append(" holds ")
        .append(value(d.value(k)))
        .append(" (from ")
        .append(Finding.event(de))
        .append(", version ")
        .append(d.version(k));
    if (dTime >= 0) {
      b.append(", committed at ").append(at(dTime));
    }
    b.append("): ");
    String fix = AnomalyKind.DIVERGENCE.usualFix();
    if (d.lostEvent.get(k) == se && se != 0 && d.lostAt.get(k) >= 0) {
      b.append(Finding.event(se))
          .append(" was committed by ")
          .append(quote(d.id()))
          .append("'s old leader as version ")
          .append(d.lostVersion.get(k))
          .append(" and published to its change stream, but the leader crashed");
      if (d.crashedAt >= 0) {
        b.append(" at ").append(at(d.crashedAt));
      }
      b.append(" and the failover at ")
          .append(at(d.lostAt.get(k)))
          .append(" promoted a replica that lacked it (")
          .append(d.replication())
          .append("), so the database lost the write while ")
          .append(quote(st.id()))
          .append(" kept it.");
      if (st.spec.writeMode() == DerivedStore.WriteMode.VERSION_CHECKED) {
        b.append(" As the new leader numbers its writes from the lost versions again, the")
            .append(" version-checked store may also refuse its next writes of the key.");
      }
      fix = AnomalyKind.LOST_WRITE.usualFix() + "; rebuild derived stores after a failover";
    } else if (st.dropEvent.get(k) == de && de != 0) {
      b.append("the write of ")
          .append(Finding.event(de))
          .append(" to ")
          .append(quote(st.id()))
          .append(dropped(st.dropBy.get(k), st.dropTime.get(k)))
          .append(", so ")
          .append(quote(st.id()))
          .append(" still holds the older ")
          .append(Finding.event(se))
          .append('.');
      fix = failedWriteFix(writer);
    } else if (d.dropEvent.get(k) == se && se != 0) {
      b.append("the write of ")
          .append(Finding.event(se))
          .append(" to ")
          .append(quote(d.id()))
          .append(dropped(d.dropBy.get(k), d.dropTime.get(k)))
          .append(", so only ")
          .append(quote(st.id()))
          .append(" has it.");
      fix = failedWriteFix(writer);
    } else {
      int dAt = d.history.ofEvent(k, se);
      boolean dbFirst = dAt >= 0 && dAt < di;
      boolean storeFirst = st.prevEvents.get(k) == de && de != 0;
      if (dbFirst || storeFirst) {
        b.append("the two last writes of ")
            .append(key)
            .append(" were applied in opposite orders: ");
        b.append(quote(d.id())).append(" applied ").append(Finding.event(se));
        if (dAt >= 0) {
          b.append(" (version ")
              .append(d.history.version(k, dAt))
              .append(" at ")
              .append(at(d.history.time(k, dAt)))
              .append(')');
        }
        b.append(" then ").append(Finding.event(de)).append(", while ").append(quote(st.id()));
        b.append(" applied ").append(Finding.event(de));
        if (storeFirst && st.prevTimes.get(k) >= 0) {
          b.append(" (at ").append(at(st.prevTimes.get(k))).append(')');
        }
        b.append(" then ").append(Finding.event(se)).append(". ");
      } else {
        b.append("the two sides applied different last writes of ").append(key).append(". ");
      }
      b.append(mechanism(writer, d, st));
    }
    List<String> components = new ArrayList<>(List.of(st.id(), d.id()));
    if (writer != null) {
      components.add(writer);
    }
    List<String> events = new ArrayList<>(2);
    if (se != 0) {
      events.add(Finding.event(se));
    }
    if (de != 0 && de != se) {
      events.add(Finding.event(de));
    }
    ctx.report(
        AnomalyKind.DIVERGENCE,
        Math.max(stTime, dTime),
        components,
        List.of(key),
        events,
        b.toString(),
        fix,
        0);
  }

  /** " failed at 12.3 s in `svc` and was not retried (retries: 0)" or lost on a link. */
  private String dropped(long by, long time) {
    int c = (int) by;
    Component comp = by >= 0 ? ctx.component(c) : null;
    if (comp instanceof Service svc) {
      return " failed in "
          + quote(svc.id())
          + " at "
          + at(time)
          + " and was not retried (retries: "
          + svc.retries()
          + ")";
    }
    Connection link = by >= 0 ? ctx.connection(c) : null;
    if (link != null) {
      return " was lost on the link " + quote(link.label()) + " at " + at(time);
    }
    return " was lost at " + at(time);
  }

  private static String failedWriteFix(String writer) {
    return writer == null
        ? "make the path durable (acks and retries), or rebuild the store from the source's"
            + " change stream"
        : "write only the database and derive the store from its change stream (CDC), or retry"
            + " failed writes until they succeed";
  }

  /** Why the two sides can apply writes in different orders. */
  private String mechanism(String writer, Db d, Derived st) {
    String lastArrival =
        st.spec.writeMode() == DerivedStore.WriteMode.LAST_ARRIVAL_WINS
            ? ", and " + quote(st.id()) + " applies whatever arrives last (last-arrival-wins)"
            : "";
    if (writer != null) {
      Connection toDb = ctx.connection(writer, d.id());
      Connection toStore = ctx.connection(writer, st.id());
      StringBuilder b = new StringBuilder();
      b.append(quote(writer)).append(" writes both itself (a dual write)");
      if (toDb != null && toStore != null) {
        b.append(": to ")
            .append(quote(d.id()))
            .append(" over ")
            .append(CheckContext.describe(toDb))
            .append("; to ")
            .append(quote(st.id()))
            .append(" over ")
            .append(CheckContext.describe(toStore));
      }
      b.append(". So concurrent updates of one key can overtake each other on one path and not")
          .append(" on the other")
          .append(lastArrival)
          .append('.');
      return b.toString();
    }
    return quote(st.id())
        + " follows "
        + quote(d.id())
        + "'s change stream, which delivered the writes of the key in another order than they"
        + " were committed"
        + lastArrival
        + '.';
  }
}
