package dev.flowsim.simulator.trace;

/**
 * The trace vocabulary: what a component did in one observable step. This enum is the one place
 * where the vocabulary is documented; checkers and the GUI rely on exactly these meanings.
 *
 * <p>Fields of a step not listed for its kind hold {@link TraceStep#NONE} (ids, indices, offsets)
 * or {@link TraceStep#NO_VALUE} (value, old value, clock). "Offset" is a log offset for brokers and
 * a record version for stores. Each kind has a fixed {@link #code()} that enters the trace hash:
 * new kinds get new codes at the end; codes are never reused or renumbered.
 */
public enum StepKind {
  /**
   * A producer created an event: event id, key, value; offset = the event it depends on (its cause)
   * or NONE; clock = its event time. A stream-stream join records a joined result as a PRODUCE at
   * the processor: offset = the first input's event, value = the second's.
   */
  PRODUCE(1),
  /**
   * A component handed a message (event id, key, value; partition and offset of a broker's record)
   * to a link towards another component; old value = the link's index in the component table.
   */
  SEND(2),
  /**
   * A link delivered a message to its destination component (possibly a duplicate), fields as for
   * SEND; old value = the link.
   */
  DELIVER(3),
  /**
   * A message was lost: by a link (loss, cut, a down receiver; recorded by the sender or receiver,
   * old value = the link), a full queue's overflow policy, or a service whose write failed.
   */
  DROP(4),
  /**
   * A broker appended a message to a partition at an offset (a queue: partition -1, or the fan-out
   * link's number, and offset = the message's sequence number).
   */
  APPEND(5),
  /** A consumer took the message at (partition, offset) from a broker for processing. */
  CONSUME(6),
  /**
   * A topic recorded a consumer group's commit: partition, offset = next offset to read, value =
   * the group's number (in the order of the topic's outgoing links). An offset lower than the
   * group's previous one is a rewind (an offset reset): the group reads those entries again.
   */
  COMMIT(7),
  /**
   * A store applied a write to a key: value = new value, old value = the value it replaced, offset
   * = the write's version (the source's commit version, a topic offset + 1, or 0 when none). For a
   * database: partition = the leader's replica number and offset = the commit version. A
   * stream-table or table-table join records the rows of its tables as APPLY at the processor.
   */
  APPLY(8),
  /**
   * A read: a reader saw (offset = version, value) of a key from a store's replica (partition =
   * replica, 0 = leader); event = the reading user's last own write of the key (0 if none); old
   * value = the version the user's own writes had been acknowledged with when the read was sent. A
   * stream-table join records the table row an event met as a READ at the processor (event = the
   * stream event, offset = version met, value = the row's value).
   */
  READ(9),
  /**
   * A database follower applied a write from its leader's log: partition = the follower's replica
   * number, offset = version, value, old value.
   */
  REPLICATE(10),
  /**
   * A window result was emitted or corrected: event = the result (a new event), key = the input
   * key, partition = the instance, offset = window start, clock = window end - 1, value = the
   * aggregate, old value = the aggregate emitted before (a correction) or NO_VALUE.
   */
  WINDOW_EMIT(11),
  /**
   * An event arrived for a window that had already fired: clock = its event time, value = the
   * watermark, offset = that window's start. What follows says how it was handled: a correction
   * (WINDOW_EMIT with an old value), a SKIP (dropped), or the event sent on (side output).
   */
  LATE(12),
  /**
   * A component crashed; its volatile state is lost. For a database follower crashing alone:
   * partition = its replica number, offset = its last applied version.
   */
  CRASH(13),
  /** A component restarted from its durable state. */
  RESTART(14),
  /**
   * A write was acknowledged: a database (partition = leader replica, offset = the write's version,
   * value), or a service to its caller (offset = the version its writes got).
   */
  ACK(15),
  /** A queue broker handed an unacknowledged message to a consumer again (timeout or crash). */
  REDELIVER(16),
  /**
   * A log deleted an entry: by retention (old value = NO_VALUE) or by compaction (old value = the
   * offset of the later entry of the same key that supersedes it).
   */
  EXPIRE(17),
  /**
   * A component deliberately did not apply or pass on an event: a filter, a duplicate request id, a
   * write with an older version (offset = its version, old value = the value held), a late event
   * dropped, a constraint refusal (value = refused value, old value = the value held), a record
   * before a restored checkpoint.
   */
  SKIP(18),
  /**
   * A processor checkpointed its state: one step per input partition (partition, offset = the
   * position, value = the checkpoint number, old value = the input's number).
   */
  CHECKPOINT(19),
  /**
   * A database promoted a follower to leader: partition = the new leader's replica number, offset =
   * its last version, old value = the old leader's last version (the versions between are lost).
   */
  FAILOVER(20),
  /**
   * A link stopped carrying messages (a network partition began); component = the link, offset =
   * the directions cut (1 forward, 2 backward, 3 both).
   */
  CUT(21),
  /** A partition of a link ended; component = the link, offset = the directions it had cut. */
  HEAL(22);

  private static final StepKind[] BY_CODE = byCode();

  private final int code;

  StepKind(int code) {
    this.code = code;
  }

  /** The stable numeric code of this kind, as hashed and as stored. */
  public int code() {
    return code;
  }

  /**
   * The kind with the given code.
   *
   * @throws IllegalArgumentException if no kind has that code
   */
  public static StepKind fromCode(int code) {
    if (code <= 0 || code >= BY_CODE.length || BY_CODE[code] == null) {
      throw new IllegalArgumentException("no step kind has code " + code);
    }
    return BY_CODE[code];
  }

  private static StepKind[] byCode() {
    int max = 0;
    for (StepKind kind : values()) {
      max = Math.max(max, kind.code);
    }
    StepKind[] table = new StepKind[max + 1];
    for (StepKind kind : values()) {
      if (table[kind.code] != null) {
        throw new AssertionError("duplicate step kind code " + kind.code);
      }
      table[kind.code] = kind;
    }
    return table;
  }
}
