package dev.flowsim.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A client reading from a store. Against a replicated database its routing policy decides which
 * replica answers: always the leader, a random follower, a follower fixed per user (sticky), the
 * leader for keys the user wrote recently (read-your-writes), or any replica once it has reached
 * the version the user last saw (wait-for-version).
 *
 * @param rate reads per unit of time (default 50/s)
 * @param keys which keys are read (ignored when {@code sameUsersAs} is set)
 * @param routing which replica answers (default leader)
 * @param sameUsersAs id of a producer whose users do these reads: each read is of a key that user
 *     recently wrote, so read-your-writes and monotonic reads can be judged
 * @param recentWindow how long a write counts as recent for read-your-writes routing (default 5s)
 */
@JsonPropertyOrder({"id", "rate", "keys", "routing", "sameUsersAs", "recentWindow"})
public record Reader(
    @JsonProperty(required = true) String id,
    Rate rate,
    KeySpace keys,
    Routing routing,
    String sameUsersAs,
    Duration recentWindow)
    implements Component {

  /** Which replica serves a read. */
  public enum Routing {
    @JsonProperty("leader")
    LEADER,
    @JsonProperty("random-follower")
    RANDOM_FOLLOWER,
    @JsonProperty("sticky-follower")
    STICKY_FOLLOWER,
    @JsonProperty("read-your-writes")
    READ_YOUR_WRITES,
    @JsonProperty("wait-for-version")
    WAIT_FOR_VERSION
  }

  public Reader {
    rate = rate == null ? Rate.perSecond(50) : rate;
    keys = keys == null ? KeySpace.DEFAULT : keys;
    routing = routing == null ? Routing.LEADER : routing;
    recentWindow = recentWindow == null ? Duration.ofSeconds(5) : recentWindow;
  }

  public static Reader of(String id) {
    return new Reader(id, null, null, null, null, null);
  }

  @Override
  public ComponentKind kind() {
    return ComponentKind.READER;
  }

  @Override
  public Reader withId(String id) {
    return new Reader(id, rate, keys, routing, sameUsersAs, recentWindow);
  }
}
