package dev.flowsim.simulator.trace;

/**
 * A read-only view of one trace step: (virtual time, component, kind, event id, key, partition,
 * offset or version, value, old value, component clock). Views are flyweights: the object handed to
 * a {@link TraceListener} or returned by a {@link TraceCursor} is reused for the next step, so read
 * its fields right away and never keep the view itself.
 *
 * <p>Components and keys are indices into the trace's {@link StringTable}s. Which fields a kind
 * uses is documented on {@link StepKind}; unused fields hold {@link #NONE} or {@link #NO_VALUE}.
 */
public interface TraceStep {

  /** Marks an unused id, index or offset field (component, key, partition, event id, offset). */
  int NONE = -1;

  /** Marks an unused value, old value or clock field. */
  long NO_VALUE = Long.MIN_VALUE;

  /** The step's position in the whole trace, counting from 0 (dropped steps included). */
  long index();

  /** The true (simulator) time of the step in microseconds. */
  long timeMicros();

  /** The index of the component that took the step. */
  int component();

  /** What happened. */
  StepKind kind();

  /** The id of the event or message concerned. */
  long eventId();

  /** The index of the key concerned. */
  int key();

  /** The partition concerned. */
  int partition();

  /** The log offset (brokers) or record version (stores). */
  long offset();

  /** The value written, read or emitted. */
  long value();

  /** The value replaced by a write. */
  long oldValue();

  /** The component's own clock at the step (true time + skew + drift), e.g. an event time. */
  long clock();

  /** A one-line description of a step's fields, for messages and debugging. */
  static String describe(TraceStep step) {
    return "#"
        + step.index()
        + " t="
        + step.timeMicros()
        + "us "
        + step.kind()
        + " component="
        + step.component()
        + " event="
        + step.eventId()
        + " key="
        + step.key()
        + " partition="
        + step.partition()
        + " offset="
        + step.offset()
        + " value="
        + step.value()
        + " old="
        + step.oldValue()
        + " clock="
        + step.clock();
  }
}
