package dev.flowsim.simulator.check;

/**
 * The anomaly kinds the checkers find, with exactly the names of the domain (CONCEPTS.md §7).
 * Integrity anomalies are permanent (the data is wrong for good); timeliness anomalies are
 * temporary (the system is behind but converges). The distinction is central to what Flowsim
 * teaches.
 */
public enum AnomalyKind {
  OUT_OF_ORDER(
      true,
      "a store applied events of one key in a different order than they were produced",
      "partition by key with one consumer per partition, use FIFO links, or version-check writes"),
  CAUSALITY_VIOLATION(
      true,
      "an event took effect before an event it depends on",
      "send dependent events through the same partition, or carry causal metadata and wait"),
  DUPLICATE_EFFECT(
      true,
      "one event's effect was applied more than once",
      "make effects idempotent: request ids with dedupe, or version-checked writes"),
  MESSAGE_LOSS(
      true,
      "an event was produced but never applied where it should have been",
      "durable brokers, acks and retries, enough retention, commit after processing, monitor lag"),
  REPLICATION_LAG(
      false,
      "a follower was behind its leader beyond the threshold",
      "add capacity to followers or read from the leader when freshness matters"),
  READ_YOUR_WRITES_VIOLATION(
      false,
      "a user did not see their own acknowledged write",
      "route reads of recently written keys to the leader (read-your-writes) or wait for the"
          + " version"),
  MONOTONIC_READ_VIOLATION(
      false,
      "a user saw newer data, then older",
      "pin each user to one replica (sticky routing) or wait for the version last seen"),
  CONSISTENT_PREFIX_VIOLATION(
      false,
      "a reader saw an effect without its cause",
      "keep causally related writes in one partition, or read at a consistent snapshot"),
  LATE_EVENT(
      true,
      "an event arrived behind the watermark and its window result is wrong",
      "raise the watermark delay and allowed lateness, and emit corrections"),
  STALE_READ(
      false,
      "a read returned an older version than its source held",
      "accept it (it converges) or read from the source / wait for the version"),
  DIVERGENCE(
      true,
      "after the run drained, a derived store disagrees with its source",
      "write only the source and derive the rest from its change stream (CDC) or an event log"),
  CONSTRAINT_VIOLATION(
      true,
      "a uniqueness or invariant was broken",
      "route the requests by key to one partition and decide there, or let the leader decide"),
  LOST_WRITE(
      true,
      "an acknowledged write vanished after a failover",
      "replicate synchronously or semi-synchronously, or accept and reconcile the loss");

  private final boolean integrity;
  private final String meaning;
  private final String usualFix;

  AnomalyKind(boolean integrity, String meaning, String usualFix) {
    this.integrity = integrity;
    this.meaning = meaning;
    this.usualFix = usualFix;
  }

  /** True for permanent anomalies; false for temporary (timeliness) ones. */
  public boolean isIntegrity() {
    return integrity;
  }

  /** "integrity" or "timeliness". */
  public String category() {
    return integrity ? "integrity" : "timeliness";
  }

  /** What the kind means, in one line. */
  public String meaning() {
    return meaning;
  }

  /** The usual fix, in one line. */
  public String usualFix() {
    return usualFix;
  }
}
