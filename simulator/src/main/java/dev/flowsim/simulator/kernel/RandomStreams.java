package dev.flowsim.simulator.kernel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-component random streams derived from one run seed. The stream of a component depends only on
 * (run seed, component id, purpose), through a fixed algorithm (FNV-1a over the seed and the
 * length-prefixed UTF-8 bytes of the strings, then SplitMix64's finalizer); it never depends on
 * which other components exist, on the order in which streams are requested, or on {@code
 * hashCode}. Adding, removing or editing one component therefore leaves every other component's
 * random draws unchanged.
 *
 * <p>A component that needs independent randomness for different concerns asks for sub-streams by
 * purpose, e.g. {@code forComponent("db", "latency")} and {@code forComponent("db", "loss")}, so
 * that drawing more of one (say, after changing the loss rate) does not shift the other.
 *
 * <p>Asking again for the same (component, purpose) returns the same generator, continuing where it
 * was, so a restarted component does not replay its earlier draws.
 */
public final class RandomStreams {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final long seed;
  private final Map<StreamKey, SimRandom> issued = new HashMap<>();

  /** Creates the streams of a run with the given seed. */
  public RandomStreams(long seed) {
    this.seed = seed;
  }

  /** The run seed. */
  public long seed() {
    return seed;
  }

  /** The main stream of a component. */
  public SimRandom forComponent(String componentId) {
    return issued.computeIfAbsent(
        new StreamKey(Objects.requireNonNull(componentId, "componentId"), null),
        k -> new SimRandom(streamSeed(seed, k.componentId(), null)));
  }

  /** An independent sub-stream of a component for one purpose (e.g. "latency", "loss"). */
  public SimRandom forComponent(String componentId, String purpose) {
    return issued.computeIfAbsent(
        new StreamKey(
            Objects.requireNonNull(componentId, "componentId"),
            Objects.requireNonNull(purpose, "purpose")),
        k -> new SimRandom(streamSeed(seed, k.componentId(), k.purpose())));
  }

  /**
   * The seed of the stream for (seed, component id, purpose): a pure function, fixed forever since
   * changing it would change every recorded run.
   *
   * @param purpose the sub-stream purpose, or null for the component's main stream
   */
  public static long streamSeed(long seed, String componentId, String purpose) {
    long h = FNV_OFFSET;
    for (int i = 0; i < Long.BYTES; i++) {
      h = fnv(h, (int) (seed >>> (8 * i)));
    }
    h = fnvString(h, componentId);
    if (purpose == null) {
      h = fnv(h, 0);
    } else {
      h = fnv(h, 1);
      h = fnvString(h, purpose);
    }
    return SimRandom.mix64(h);
  }

  /** Length-prefixed, so ("ab", "c") and ("a", "bc") differ. */
  private static long fnvString(long h, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < Integer.BYTES; i++) {
      h = fnv(h, bytes.length >>> (8 * i));
    }
    for (byte b : bytes) {
      h = fnv(h, b);
    }
    return h;
  }

  private static long fnv(long h, int octet) {
    return (h ^ (octet & 0xff)) * FNV_PRIME;
  }

  private record StreamKey(String componentId, String purpose) {}
}
