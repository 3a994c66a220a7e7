package dev.flowsim.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;

class SimRandomTest {

  @Test
  void matchesTheSplitMix64ReferenceOutput() {
    // First outputs of SplitMix64 (Vigna's splitmix64.c) seeded with 0.
    SimRandom random = new SimRandom(0);
    assertEquals(0xe220a8397b1dcdafL, random.nextLong());
    assertEquals(0x6e789e6aa1b965f4L, random.nextLong());
    assertEquals(0x06c45d188009454fL, random.nextLong());
  }

  @Test
  void boundedDrawsStayInRange() {
    qt().withFixedSeed(11)
        .forAll(longs().all(), integers().between(1, Integer.MAX_VALUE))
        .checkAssert(
            (seed, bound) -> {
              SimRandom random = new SimRandom(seed);
              for (int i = 0; i < 20; i++) {
                int n = random.nextInt(bound);
                assertTrue(n >= 0 && n < bound, n + " not in [0, " + bound + ")");
                long m = random.nextLong(bound * 3L);
                assertTrue(m >= 0 && m < bound * 3L);
                long r = random.nextLong(-bound, bound);
                assertTrue(r >= -bound && r < bound);
                double d = random.nextDouble();
                assertTrue(d >= 0.0 && d < 1.0);
              }
            });
  }

  @Test
  void smallBoundsAreRoughlyUniform() {
    SimRandom random = new SimRandom(99);
    int[] counts = new int[6];
    for (int i = 0; i < 60_000; i++) {
      counts[random.nextInt(6)]++;
    }
    for (int count : counts) {
      assertTrue(count > 9_000 && count < 11_000, "count " + count);
    }
  }

  @Test
  void badBoundsAreRejected() {
    SimRandom random = new SimRandom(1);
    assertThrows(IllegalArgumentException.class, () -> random.nextInt(0));
    assertThrows(IllegalArgumentException.class, () -> random.nextLong(-5));
    assertThrows(IllegalArgumentException.class, () -> random.nextLong(5, 5));
    assertThrows(IllegalArgumentException.class, () -> random.nextLong(Long.MIN_VALUE, 1));
  }
}
