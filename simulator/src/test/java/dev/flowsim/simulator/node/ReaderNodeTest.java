package dev.flowsim.simulator.node;

import static dev.flowsim.simulator.Runs.run;
import static dev.flowsim.simulator.Runs.spec;
import static dev.flowsim.simulator.Runs.steps;
import static dev.flowsim.simulator.TraceFacts.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.trace.StepKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Readers acting as the users of a producer, against a database with two asynchronous followers
 * lagging up to 800 ms. A READ step records the replica (partition), the version seen (offset) and
 * the version the user's own writes of the key had been acknowledged with when the read was sent
 * (old value). The users write without retries: their session still learns each write's version.
 */
class ReaderNodeTest {

  private static List<Step> reads(String routing) {
    String spec =
        "'seed': 17, 'duration': '20s', 'components': ["
            + "{'id': 'edits', 'type': 'producer', 'rate': '50/s', 'keys': {'count': 50,"
            + " 'prefix': 'user'}},"
            + "{'id': 'db', 'type': 'database', 'followers': 2, 'replication': 'async',"
            + " 'replicationLag': 'uniform(50ms,800ms)'},"
            + "{'id': 'page', 'type': 'reader', 'rate': '300/s', 'sameUsersAs': 'edits',"
            + " 'routing': '"
            + routing
            + "', 'recentWindow': '1s'}],"
            + "'connections': [{'from': 'edits', 'to': 'db'}, {'from': 'db', 'to': 'page'}]";
    List<Step> reads = of(steps(run(spec(spec))), "page", StepKind.READ);
    assertTrue(reads.size() > 3000);
    assertTrue(reads.stream().filter(s -> s.oldValue() > 0).count() > 2000, "users know writes");
    return reads;
  }

  private static long ownWritesMissed(List<Step> reads) {
    return reads.stream().filter(s -> s.offset() < s.oldValue()).count();
  }

  /** Reads that saw an older version of a key than the same user's previous read of it. */
  private static long wentBack(List<Step> reads) {
    Map<String, Long> seen = new HashMap<>();
    long back = 0;
    for (Step s : reads) {
      Long before = seen.put(s.key(), s.offset());
      if (before != null && s.offset() < before) {
        back++;
      }
    }
    return back;
  }

  @Test
  void randomFollowerReadsSometimesMissTheUsersOwnWrite() {
    List<Step> reads = reads("random-follower");
    assertTrue(ownWritesMissed(reads) > 20, "missed: " + ownWritesMissed(reads));
    assertTrue(reads.stream().allMatch(s -> s.partition() != 0), "followers answer");
  }

  @Test
  void readYourWritesRoutingNeverMissesThem() {
    List<Step> reads = reads("read-your-writes");
    assertEquals(0, ownWritesMissed(reads));
    Set<Integer> replicas = new HashSet<>();
    reads.forEach(s -> replicas.add(s.partition()));
    assertEquals(Set.of(0, 1, 2), replicas, "recent writers read the leader, others followers");
  }

  @Test
  void waitForVersionRoutingNeverMissesThem() {
    List<Step> reads = reads("wait-for-version");
    assertEquals(0, ownWritesMissed(reads));
    assertTrue(reads.stream().allMatch(s -> s.partition() != 0), "followers answer");
  }

  @Test
  void stickyFollowerReadsNeverGoBackAndRandomOnesDo() {
    List<Step> sticky = reads("sticky-follower");
    assertEquals(0, wentBack(sticky));
    Map<String, Integer> replicaOf = new HashMap<>();
    for (Step s : sticky) {
      assertEquals(
          replicaOf.computeIfAbsent(s.key(), k -> s.partition()),
          s.partition(),
          "a user always reads the same follower");
    }
    assertTrue(new HashSet<>(replicaOf.values()).size() == 2, "users are spread over both");

    long back = wentBack(reads("random-follower"));
    assertTrue(back > 20, "went back: " + back);
  }
}
