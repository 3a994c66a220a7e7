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
  /** A producer created an event: event id, key, value; clock = its event time. */
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
  /** A broker appended a message to a partition at an offset (or enqueued it in a queue). */
  APPEND(5),
  /** A consumer took the message at (partition, offset) from a broker for processing. */
  CONSUME(6),
  /** A consumer committed its read position: offset = next offset to read in the partition. */
  COMMIT(7),
  /** A store applied a write to a key: offset = version, value, old value it replaced. */
  APPLY(8),
  /** A reader read a key from a store and saw (offset = version, value). */
  READ(9),
  /** A follower applied a write replicated from its leader: offset = version. */
  REPLICATE(10),
  /** A window result was emitted (or corrected): key, value = aggregate, offset = window start. */
  WINDOW_EMIT(11),
  /** An event arrived behind the watermark: clock = event time, value = the watermark. */
  LATE(12),
  /** A component crashed; its volatile state is lost. */
  CRASH(13),
  /** A component restarted from its durable state. */
  RESTART(14),
  /** A receiver acknowledged a message or write (event id) to its sender. */
  ACK(15),
  /** A queue broker handed an unacknowledged message to a consumer again (timeout or crash). */
  REDELIVER(16),
  /** Retention deleted a message (partition, offset) from a log or queue. */
  EXPIRE(17),
  /** A component deliberately did not apply an event: duplicate request, older version, rule. */
  SKIP(18),
  /** A processor durably saved its state and input positions (offset = position). */
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
