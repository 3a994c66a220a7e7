package dev.flowsim.simulator.node;

import dev.flowsim.model.Reader;
import dev.flowsim.simulator.engine.KeyChooser;
import dev.flowsim.simulator.engine.Link;
import dev.flowsim.simulator.engine.Messages;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.Sampler;
import dev.flowsim.simulator.engine.World;
import dev.flowsim.simulator.kernel.SimRandom;
import dev.flowsim.simulator.trace.StepKind;
import java.util.HashMap;
import java.util.Map;

/**
 * A client reading keys from one store at its rate (Poisson). Acting as the users of a producer
 * ({@code sameUsersAs}), it reads keys those users write and knows, as their session does, which
 * write of theirs was last acknowledged and with what version. Against a replicated database its
 * routing picks the replica: the leader; a random follower; a follower fixed per user (sticky); the
 * leader for keys the user wrote within the recent window (read-your-writes); or a random follower
 * that must first reach the version the user last had acknowledged (wait-for-version). Each answer
 * is recorded as a READ step: partition = replica, offset = version seen, value = value seen, old
 * value = the version the user's own writes had reached when the read was sent.
 */
final class ReaderNode extends Node {
  private final Reader spec;
  private final SimRandom arrivals;
  private final SimRandom routing;
  private KeyChooser keys;
  private ProducerNode users;
  private int followers;
  private boolean stopped;
  private long nextRequest = 1;
  private final Map<Long, long[]> outstanding = new HashMap<>();

  ReaderNode(World world, Reader spec) {
    super(world, spec.id());
    this.spec = spec;
    this.arrivals = world.random(spec.id(), "arrivals");
    this.routing = world.random(spec.id(), "routing");
  }

  @Override
  protected void onStart() {
    if (spec.sameUsersAs() != null && world.node(spec.sameUsersAs()) instanceof ProducerNode p) {
      users = p;
      keys =
          new KeyChooser(p.keys().space(), world.random(spec.id(), "keys"), world.trace().keys());
    } else {
      keys = new KeyChooser(spec.keys(), world.random(spec.id(), "keys"), world.trace().keys());
    }
    Link source = inputs().get(0);
    followers = source.from() instanceof DatabaseNode db ? db.followerCount() : 0;
    scheduleNext();
  }

  private void scheduleNext() {
    long gap = Math.max(1, Sampler.exponential(arrivals, spec.rate().meanGapMicros()));
    int born = incarnation();
    world.kernel().schedule(gap, () -> tick(born));
  }

  private void tick(int born) {
    if (born != incarnation() || !isUp() || stopped) {
      return;
    }
    read();
    scheduleNext();
  }

  private void read() {
    int key = keys.next();
    long expectedEvent = users == null ? 0 : users.lastEvent(key);
    long ownVersion = users == null ? 0 : users.ackedVersion(key);
    int replica = -1;
    long least = 0;
    if (followers > 0) {
      switch (spec.routing()) {
        case LEADER -> replica = -1;
        case RANDOM_FOLLOWER -> replica = routing.nextInt(followers);
        case STICKY_FOLLOWER -> replica = Math.floorMod(world.keyHash(key), followers);
        case READ_YOUR_WRITES -> {
          long wrote = users == null ? -1 : users.lastEventTime(key);
          boolean recent = wrote >= 0 && world.now() - wrote <= spec.recentWindow().micros();
          replica = recent ? -1 : routing.nextInt(followers);
        }
        case WAIT_FOR_VERSION -> {
          replica = routing.nextInt(followers);
          least = ownVersion;
        }
      }
    }
    long request = nextRequest++;
    outstanding.put(request, new long[] {ownVersion, world.now()});
    Messages msgs = world.messages();
    Link source = inputs().get(0);
    source.reply(msgs.alloc(Messages.READ, expectedEvent, key, 0, least, replica, request));
  }

  @Override
  protected void receive(Link link, int m, boolean fromDownstream) {
    Messages msgs = world.messages();
    if (fromDownstream || msgs.kind(m) != Messages.READ_REPLY) {
      return;
    }
    long[] request = outstanding.remove(msgs.aux(m));
    long ownVersion = request == null ? 0 : request[0];
    step(
        StepKind.READ,
        msgs.event(m),
        msgs.key(m),
        msgs.partition(m),
        msgs.sourceVersion(m),
        msgs.value(m),
        ownVersion);
  }

  @Override
  protected void stopProducing() {
    stopped = true;
  }

  @Override
  protected void onCrash() {
    outstanding.clear();
  }

  @Override
  protected void onRestart() {
    scheduleNext();
  }
}
