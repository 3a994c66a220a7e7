package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The system of record: a leader and {@code followers}. Replication is synchronous (every follower
 * before the ack), semi-synchronous (one follower before the ack) or asynchronous (after the ack,
 * with a lag); when the leader crashes a follower is promoted after {@code failoverAfter}, and with
 * asynchronous replication acknowledged but unreplicated writes are lost. A connection from a
 * database to a topic publishes its ordered commit log there (change data capture).
 *
 * @param followers number of follower replicas (default 0)
 * @param replication sync, semi-sync or async (default async)
 * @param replicationLag delay before a follower applies a write (default exp(10ms))
 * @param failoverAfter how long after a leader crash a follower takes over (default 5s)
 * @param writeLatency time for the leader to commit one write (default 1ms)
 */
@JsonPropertyOrder({
  "id",
  "followers",
  "replication",
  "replicationLag",
  "failoverAfter",
  "writeLatency"
})
public record Database(
    @JsonProperty(required = true) String id,
    Integer followers,
    Replication replication,
    Distribution replicationLag,
    Duration failoverAfter,
    Distribution writeLatency)
    implements Component {

  /** When a write is acknowledged relative to its replication. */
  public enum Replication {
    @JsonProperty("sync")
    SYNC,
    @JsonProperty("semi-sync")
    SEMI_SYNC,
    @JsonProperty("async")
    ASYNC
  }

  public Database {
    followers = followers == null ? 0 : followers;
    replication = replication == null ? Replication.ASYNC : replication;
    replicationLag =
        replicationLag == null ? new Distribution.Exp(Duration.ofMillis(10)) : replicationLag;
    failoverAfter = failoverAfter == null ? Duration.ofSeconds(5) : failoverAfter;
    writeLatency = writeLatency == null ? Processor.DEFAULT_SERVICE_TIME : writeLatency;
  }

  public static Database of(String id) {
    return new Database(id, null, null, null, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.DATABASE;
  }

  @Override
  public Database withId(String id) {
    return new Database(id, followers, replication, replicationLag, failoverAfter, writeLatency);
  }
}
