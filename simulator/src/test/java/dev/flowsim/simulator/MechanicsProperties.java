package dev.flowsim.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.Runs.Step;
import dev.flowsim.simulator.trace.StepKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mechanics that hold for every pipeline, checked on small generated ones: a producer feeding a
 * topic and its consumers, a service writing a database and an index (or a database and its change
 * stream), or a replicated database read by its users, over links with random latencies, loss,
 * duplication, FIFO or not, with partitions and crashes (a record lost on its way out of a topic is
 * fetched again after the broker's fetch timeout, so every run drains).
 */
class MechanicsProperties {

  private static final long QT_SEED = 0x1ab5_f10e_0006L;

  /** A generated pipeline, as spec text and parsed. */
  record Case(String text, Pipeline pipeline) {
    @Override
    public String toString() {
      return text;
    }
  }

  private static String link(SplittableRandom r, String from, String to, boolean fromTopic) {
    int low = 1 + r.nextInt(5);
    StringBuilder b = new StringBuilder();
    b.append("{'from': '").append(from).append("', 'to': '").append(to).append("'");
    b.append(", 'latency': 'uniform(").append(low).append("ms,");
    b.append(low + r.nextInt(30)).append("ms)'");
    if (r.nextInt(3) == 0) {
      b.append(", 'loss': ").append(r.nextInt(15) / 100.0);
    }
    if (r.nextInt(3) == 0) {
      b.append(", 'duplication': ").append(r.nextInt(15) / 100.0);
    }
    b.append(", 'fifo': ").append(r.nextBoolean()).append("}");
    return b.toString();
  }

  private static String pick(SplittableRandom r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String store(SplittableRandom r, String id) {
    return "{'id': '"
        + id
        + "', 'type': '"
        + pick(r, "search-index", "cache", "materialized-view")
        + "', 'writeMode': '"
        + pick(r, "last-arrival-wins", "version-checked")
        + "', 'applyLatency': 'uniform(1ms,"
        + (1 + r.nextInt(10))
        + "ms)'}";
  }

  private static String topic(SplittableRandom r, String id) {
    return "{'id': '"
        + id
        + "', 'type': 'topic', 'partitions': "
        + (1 + r.nextInt(4))
        + ", 'partitioner': '"
        + pick(r, "key-hash", "round-robin", "random")
        + "'}";
  }

  private static String database(SplittableRandom r, String id, int followers) {
    return "{'id': '"
        + id
        + "', 'type': 'database', 'followers': "
        + followers
        + ", 'replication': '"
        + (followers == 0 ? "async" : pick(r, "async", "semi-sync", "sync"))
        + "', 'replicationLag': 'uniform(1ms,"
        + (1 + r.nextInt(100))
        + "ms)', 'failoverAfter': '200ms'}";
  }

  /** Builds a small pipeline from a seed. */
  static Case generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> components = new ArrayList<>();
    List<String> connections = new ArrayList<>();
    List<String> cuttable = new ArrayList<>();
    List<String> crashable = new ArrayList<>();
    String retry =
        r.nextBoolean()
            ? ", 'retry': {'timeout': '" + (100 + r.nextInt(300)) + "ms', 'maxAttempts': 3}"
            : "";
    components.add(
        "{'id': 'p', 'type': 'producer', 'rate': '"
            + (50 + r.nextInt(250))
            + "/s', 'keys': {'count': "
            + (1 + r.nextInt(15))
            + "}"
            + retry
            + "}");
    switch (r.nextInt(3)) {
      case 0 -> {
        components.add(topic(r, "t"));
        components.add(store(r, "s"));
        connections.add(link(r, "p", "t", false));
        connections.add(link(r, "t", "s", true));
        cuttable.add("'from': 'p', 'to': 't'");
        crashable.add("s");
        if (r.nextBoolean()) {
          components.add(store(r, "s2"));
          connections.add(link(r, "t", "s2", true));
        }
      }
      case 1 -> {
        boolean dual = r.nextBoolean();
        components.add(
            "{'id': 'app', 'type': 'service', 'writeStrategy': '"
                + (dual ? "dual-write" : "single-write")
                + "', 'writeOrder': '"
                + pick(r, "sequential", "parallel")
                + "', 'failureProbability': "
                + r.nextInt(10) / 100.0
                + ", 'retries': "
                + r.nextInt(3)
                + "}");
        components.add(database(r, "db", r.nextInt(3)));
        connections.add(link(r, "p", "app", false));
        connections.add(link(r, "app", "db", false));
        cuttable.add("'from': 'p', 'to': 'app'");
        cuttable.add("'from': 'app', 'to': 'db'");
        crashable.add("db");
        crashable.add("app");
        if (dual) {
          components.add(store(r, "index"));
          connections.add(link(r, "app", "index", false));
          cuttable.add("'from': 'app', 'to': 'index'");
        } else {
          components.add(topic(r, "cdc"));
          components.add(store(r, "view"));
          connections.add(link(r, "db", "cdc", false));
          connections.add(link(r, "cdc", "view", true));
          cuttable.add("'from': 'db', 'to': 'cdc'");
          cuttable.add("'from': 'cdc', 'to': 'view'");
        }
      }
      default -> {
        int followers = r.nextInt(3);
        components.add(database(r, "db", followers));
        components.add(topic(r, "cdc"));
        components.add(store(r, "view"));
        String routing =
            followers == 0
                ? "leader"
                : pick(
                    r,
                    "leader",
                    "random-follower",
                    "sticky-follower",
                    "read-your-writes",
                    "wait-for-version");
        components.add(
            "{'id': 'page', 'type': 'reader', 'rate': '100/s', 'sameUsersAs': 'p', 'routing': '"
                + routing
                + "'}");
        connections.add(link(r, "p", "db", false));
        connections.add(link(r, "db", "cdc", false));
        connections.add(link(r, "cdc", "view", true));
        connections.add(link(r, "db", "page", false));
        cuttable.add("'from': 'p', 'to': 'db'");
        cuttable.add("'from': 'db', 'to': 'cdc'");
        crashable.add("db");
      }
    }
    List<String> faults = new ArrayList<>();
    if (r.nextBoolean()) {
      faults.add(
          "{'type': 'partition', "
              + cuttable.get(r.nextInt(cuttable.size()))
              + ", 'at': '"
              + (200 + r.nextInt(1300))
              + "ms', 'duration': '"
              + (50 + r.nextInt(600))
              + "ms', 'oneWay': "
              + r.nextBoolean()
              + "}");
    }
    if (r.nextInt(3) == 0) {
      faults.add(
          "{'type': 'crash', 'component': '"
              + crashable.get(r.nextInt(crashable.size()))
              + "', 'at': '"
              + (200 + r.nextInt(1300))
              + "ms', 'restartAfter': '"
              + (50 + r.nextInt(500))
              + "ms'}");
    }
    String text =
        "'seed': "
            + r.nextInt(1000)
            + ", 'duration': '2s', 'components': ["
            + String.join(", ", components)
            + "], 'connections': ["
            + String.join(", ", connections)
            + "], 'faults': ["
            + String.join(", ", faults)
            + "]";
    return new Case(text, Runs.spec(text));
  }

  /** What identifies a message on a link: its event, record position and value. */
  private record Message(long event, int partition, long offset, long value) {
    static Message of(Step s) {
      return new Message(s.event(), s.partition(), s.offset(), s.value());
    }
  }

  /** A link's SEND, DELIVER and DROP steps; drops by its sender happened as it sent. */
  private record LinkSteps(Connection spec, List<Step> steps) {}

  private static Map<String, LinkSteps> byLink(SimulationResult r, List<Step> all) {
    Map<String, LinkSteps> links = new HashMap<>();
    for (Connection c : r.pipeline().connections()) {
      links.put(c.label(), new LinkSteps(c, new ArrayList<>()));
    }
    for (Step s : all) {
      boolean linkStep =
          s.kind() == StepKind.SEND || s.kind() == StepKind.DELIVER || s.kind() == StepKind.DROP;
      String label = linkStep ? TraceFacts.link(r, s) : null;
      if (label != null) {
        links.get(label).steps().add(s);
      }
    }
    return links;
  }

  @Test
  void linksNeitherReorderFifoTrafficNorLoseOrInventMessages() {
    qt().withFixedSeed(QT_SEED)
        .withExamples(150)
        .forAll(longs().all().map(MechanicsProperties::generate))
        .checkAssert(
            c -> {
              SimulationResult r = Runs.run(c.pipeline());
              assertTrue(r.drained(), "the run drains");
              List<Step> all = Runs.steps(r);
              for (LinkSteps l : byLink(r, all).values()) {
                checkAccounting(l);
                if (l.spec().fifo()) {
                  checkFifo(l);
                }
              }
              checkOffsets(all);
              checkReplication(all);
              assertEquals(r.traceHash(), Runs.run(c.pipeline()).traceHash(), "deterministic");
            });
  }

  /**
   * At every step of a link: a message arrives (delivered, or dropped on arrival) only after it was
   * sent, at most once per sending (twice when the link duplicates); a drop by the sender happens
   * as it sends. At the end of a drained run nothing is in flight: every message sent and not
   * dropped at once arrived at least once (exactly once on a link that never duplicates).
   */
  private static void checkAccounting(LinkSteps l) {
    String from = l.spec().from();
    int copies = l.spec().duplication() > 0 ? 2 : 1;
    Map<Message, Integer> sent = new HashMap<>();
    Map<Message, Integer> arrived = new HashMap<>();
    Step previous = null;
    for (Step s : l.steps()) {
      Message m = Message.of(s);
      switch (s.kind()) {
        case SEND -> {
          assertEquals(from, s.component(), "sent by " + from);
          sent.merge(m, 1, Integer::sum);
        }
        case DROP -> {
          if (s.component().equals(from)) {
            assertTrue(
                previous != null
                    && previous.kind() == StepKind.SEND
                    && Message.of(previous).equals(m)
                    && previous.time() == s.time(),
                "a sender drops a message as it sends it: " + s);
            sent.merge(m, -1, Integer::sum);
          } else {
            arrived.merge(m, 1, Integer::sum);
          }
        }
        default -> arrived.merge(m, 1, Integer::sum);
      }
      if (s.kind() == StepKind.DELIVER || s.kind() == StepKind.DROP) {
        int n = arrived.getOrDefault(m, 0);
        int max = copies * sent.getOrDefault(m, 0);
        assertTrue(n <= max, l.spec().label() + ": " + m + " arrived " + n + " times");
      }
      previous = s;
    }
    sent.forEach(
        (m, n) -> {
          int a = arrived.getOrDefault(m, 0);
          assertTrue(a >= n, l.spec().label() + ": " + m + " still in flight");
          if (copies == 1) {
            assertEquals(n, a, l.spec().label() + ": " + m);
          }
        });
  }

  /**
   * On a FIFO link the arrivals (deliveries and drops on arrival) come in the order of the sendings
   * that were not dropped at once, each duplicate right after its original.
   */
  private static void checkFifo(LinkSteps l) {
    String from = l.spec().from();
    List<Message> scheduled = new ArrayList<>();
    List<Message> arrivals = new ArrayList<>();
    for (Step s : l.steps()) {
      if (s.kind() == StepKind.SEND) {
        scheduled.add(Message.of(s));
      } else if (s.kind() == StepKind.DROP && s.component().equals(from)) {
        scheduled.remove(scheduled.size() - 1);
      } else {
        arrivals.add(Message.of(s));
      }
    }
    int next = 0;
    boolean copied = true;
    for (Message a : arrivals) {
      if (next < scheduled.size() && scheduled.get(next).equals(a)) {
        next++;
        copied = false;
      } else {
        assertTrue(
            l.spec().duplication() > 0 && !copied && next > 0 && scheduled.get(next - 1).equals(a),
            l.spec().label() + " reordered " + a);
        copied = true;
      }
    }
    assertEquals(scheduled.size(), next, l.spec().label() + ": everything arrived in order");
  }

  /** A partition's offsets are dense and increasing: 0, 1, 2, ... in append order. */
  private static void checkOffsets(List<Step> all) {
    Map<String, Long> next = new HashMap<>();
    for (Step s : all) {
      if (s.kind() == StepKind.APPEND) {
        String log = s.component() + "/" + s.partition();
        long expected = next.getOrDefault(log, 0L);
        assertEquals(expected, s.offset(), log);
        next.put(log, expected + 1);
      }
    }
  }

  /** Each replica applies its leader's log version after version, none skipped or repeated. */
  private static void checkReplication(List<Step> all) {
    Map<String, Long> applied = new HashMap<>();
    for (Step s : all) {
      if (s.kind() == StepKind.REPLICATE) {
        String replica = s.component() + "/" + s.partition();
        long expected = applied.getOrDefault(replica, 0L) + 1;
        assertEquals(expected, s.offset(), replica);
        applied.put(replica, expected);
      }
    }
  }
}
