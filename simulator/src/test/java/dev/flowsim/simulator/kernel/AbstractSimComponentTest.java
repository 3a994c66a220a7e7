package dev.flowsim.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbstractSimComponentTest {

  /** Counts ticks in memory (volatile) and persists every fifth count (durable). */
  static final class Ticker extends AbstractSimComponent {
    final List<String> log = new ArrayList<>();
    long volatileCount;
    long durableCount;

    Ticker() {
      super("ticker");
    }

    @Override
    protected void onStart() {
      scheduleTick();
    }

    @Override
    protected void onCrash() {
      volatileCount = 0;
      log.add("crash@" + kernel().now());
    }

    @Override
    protected void onRestart() {
      volatileCount = durableCount;
      log.add("restart@" + kernel().now() + " from " + durableCount);
      scheduleTick();
    }

    private void scheduleTick() {
      int born = incarnation();
      kernel()
          .schedule(
              10,
              () -> {
                if (incarnation() != born) {
                  log.add("stale tick ignored@" + kernel().now());
                  return;
                }
                volatileCount++;
                if (volatileCount % 5 == 0) {
                  durableCount = volatileCount;
                }
                scheduleTick();
              });
    }
  }

  @Test
  void crashLosesVolatileStateAndRestartRecoversDurableState() {
    Kernel kernel = new Kernel();
    Ticker ticker = new Ticker();
    ticker.start(kernel);
    kernel.scheduleAt(75, ticker::crash);
    kernel.scheduleAt(95, ticker::restart);

    kernel.runUntil(120);

    assertEquals(List.of("crash@75", "stale tick ignored@80", "restart@95 from 5"), ticker.log);
    assertEquals(7, ticker.volatileCount); // 5 recovered + ticks at 105 and 115
    assertEquals(1, ticker.incarnation());
    assertTrue(ticker.isUp());
  }

  @Test
  void theLifecycleIsEnforced() {
    Ticker ticker = new Ticker();
    assertThrows(IllegalStateException.class, ticker::crash);
    assertThrows(IllegalStateException.class, ticker::restart);
    ticker.start(new Kernel());
    assertThrows(IllegalStateException.class, () -> ticker.start(new Kernel()));
    assertThrows(IllegalStateException.class, ticker::restart);
    ticker.crash();
    assertFalse(ticker.isUp());
    assertThrows(IllegalStateException.class, ticker::crash);
    assertEquals("ticker", ticker.id());
  }
}
