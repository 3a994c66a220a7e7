package dev.flowsim.simulator.trace;

/** The flyweight handed to listeners: the fields of the step being recorded. */
final class LiveStep implements TraceStep {

  private long index;
  private long timeMicros;
  private int component;
  private StepKind kind;
  private long eventId;
  private int key;
  private int partition;
  private long offset;
  private long value;
  private long oldValue;
  private long clock;

  void set(
      long index,
      long timeMicros,
      int component,
      StepKind kind,
      long eventId,
      int key,
      int partition,
      long offset,
      long value,
      long oldValue,
      long clock) {
    this.index = index;
    this.timeMicros = timeMicros;
    this.component = component;
    this.kind = kind;
    this.eventId = eventId;
    this.key = key;
    this.partition = partition;
    this.offset = offset;
    this.value = value;
    this.oldValue = oldValue;
    this.clock = clock;
  }

  @Override
  public long index() {
    return index;
  }

  @Override
  public long timeMicros() {
    return timeMicros;
  }

  @Override
  public int component() {
    return component;
  }

  @Override
  public StepKind kind() {
    return kind;
  }

  @Override
  public long eventId() {
    return eventId;
  }

  @Override
  public int key() {
    return key;
  }

  @Override
  public int partition() {
    return partition;
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public long value() {
    return value;
  }

  @Override
  public long oldValue() {
    return oldValue;
  }

  @Override
  public long clock() {
    return clock;
  }

  @Override
  public String toString() {
    return TraceStep.describe(this);
  }
}
