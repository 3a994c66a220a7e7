package dev.flowsim.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelTest {

  private final Kernel kernel = new Kernel();
  private final List<String> log = new ArrayList<>();

  private Action logs(String what) {
    return () -> log.add(what + "@" + kernel.now());
  }

  @Test
  void startsEmptyAtTimeZero() {
    assertEquals(0, kernel.now());
    assertTrue(kernel.isEmpty());
    assertEquals(Kernel.NEVER, kernel.peekTime());
    assertFalse(kernel.step());
    assertEquals(0, kernel.executedCount());
  }

  @Test
  void runsEventsInTimeOrderAndAdvancesTheClock() {
    kernel.schedule(30, logs("c"));
    kernel.schedule(10, logs("a"));
    kernel.scheduleAt(20, logs("b"));

    assertEquals(10, kernel.peekTime());
    while (kernel.step()) {
      // drain
    }

    assertEquals(List.of("a@10", "b@20", "c@30"), log);
    assertEquals(30, kernel.now());
    assertEquals(3, kernel.executedCount());
    assertEquals(3, kernel.scheduledCount());
  }

  @Test
  void tiesRunInSchedulingOrder() {
    for (String name : List.of("e", "b", "d", "a", "c")) {
      kernel.scheduleAt(7, logs(name));
    }
    kernel.schedule(7, logs("f")); // same time, scheduled through the relative API

    kernel.runUntil(100);

    assertEquals(List.of("e@7", "b@7", "d@7", "a@7", "c@7", "f@7"), log);
  }

  @Test
  void eventsScheduledForNowRunAfterThoseAlreadyDueNow() {
    kernel.scheduleAt(
        5,
        () -> {
          log.add("first");
          kernel.schedule(0, logs("scheduled-by-first"));
        });
    kernel.scheduleAt(5, logs("second"));

    kernel.runUntil(5);

    assertEquals(List.of("first", "second@5", "scheduled-by-first@5"), log);
  }

  @Test
  void aCancelledEventNeverRuns() {
    long keep = kernel.schedule(10, logs("keep"));
    long drop = kernel.schedule(10, logs("drop"));

    assertTrue(kernel.isPending(drop));
    assertTrue(kernel.cancel(drop));
    assertFalse(kernel.isPending(drop));
    assertFalse(kernel.cancel(drop), "a handle is single-use");
    assertEquals(1, kernel.pendingCount());

    kernel.runUntil(1_000);

    assertEquals(List.of("keep@10"), log);
    assertEquals(1, kernel.executedCount());
    assertFalse(kernel.cancel(keep), "an event that ran can no longer be cancelled");
  }

  @Test
  void cancellingTheOnlyEventLeavesTheKernelEmptyAndTheClockStill() {
    long handle = kernel.schedule(50, logs("x"));
    kernel.cancel(handle);

    assertTrue(kernel.isEmpty());
    assertEquals(Kernel.NEVER, kernel.peekTime());
    assertFalse(kernel.step());
    assertEquals(0, kernel.now(), "a cancelled event does not move the clock");
  }

  @Test
  void peekTimeSkipsCancelledEvents() {
    long early = kernel.schedule(1, logs("early"));
    kernel.schedule(2, logs("late"));
    kernel.cancel(early);

    assertEquals(2, kernel.peekTime());
  }

  @Test
  void anActionCanCancelALaterEventAtTheSameTime() {
    long[] victim = new long[1];
    kernel.scheduleAt(3, () -> assertTrue(kernel.cancel(victim[0])));
    victim[0] = kernel.scheduleAt(3, logs("victim"));

    kernel.runUntil(3);

    assertTrue(log.isEmpty());
  }

  @Test
  void aRunningEventsOwnHandleIsNoLongerPending() {
    long[] self = new long[1];
    self[0] = kernel.schedule(1, () -> log.add("cancel-self=" + kernel.cancel(self[0])));

    kernel.step();

    assertEquals(List.of("cancel-self=false"), log);
  }

  @Test
  void staleHandlesDoNotCancelLaterEventsReusingTheSameSlot() {
    long first = kernel.schedule(1, logs("first"));
    kernel.step();
    long second = kernel.schedule(1, logs("second")); // likely reuses the freed slot

    assertNotEquals(first, second);
    assertFalse(kernel.cancel(first));
    assertTrue(kernel.isPending(second));
    assertFalse(kernel.cancel(Kernel.NO_EVENT));
    assertFalse(kernel.cancel(-1L));
  }

  @Test
  void manyCancellationsCompactTheQueueWithoutChangingTheOrder() {
    List<Long> handles = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      int id = i;
      handles.add(kernel.scheduleAt(i % 10, () -> log.add(Integer.toString(id))));
    }
    List<String> expected = new ArrayList<>();
    for (int time = 0; time < 10; time++) {
      for (int i = time; i < 1_000; i += 10) {
        if (i % 7 == 0) {
          expected.add(Integer.toString(i));
        } else {
          assertTrue(kernel.cancel(handles.get(i)));
        }
      }
    }

    assertEquals(expected.size(), kernel.pendingCount());
    kernel.runUntil(10);

    assertEquals(expected, log);
  }

  @Test
  void runUntilRunsEventsAtTheHorizonInclusiveAndStopsThere() {
    kernel.scheduleAt(10, logs("a"));
    kernel.scheduleAt(20, logs("b"));
    kernel.scheduleAt(21, logs("c"));

    kernel.runUntil(20);

    assertEquals(List.of("a@10", "b@20"), log);
    assertEquals(20, kernel.now());
    assertEquals(21, kernel.peekTime());
  }

  @Test
  void runUntilLeavesTheClockAtTheHorizonEvenWithoutEvents() {
    kernel.scheduleAt(3, logs("a"));

    kernel.runUntil(1_000);

    assertEquals(1_000, kernel.now());
    assertEquals(List.of("a@3"), log);
    kernel.schedule(5, logs("b")); // relative to the horizon
    assertEquals(1_005, kernel.peekTime());
  }

  @Test
  void twoRunUntilCallsRunTheSameEventsAsOne() {
    assertEquals(runChainWithHorizons(100), runChainWithHorizons(37, 40, 40, 99, 100));
  }

  /** A self-rescheduling chain plus a timer grid; returns what ran, and when. */
  private static List<String> runChainWithHorizons(long... horizons) {
    Kernel k = new Kernel();
    List<String> out = new ArrayList<>();
    Action[] chain = new Action[1];
    chain[0] =
        () -> {
          out.add("chain@" + k.now());
          k.schedule(k.now() % 3 + 2, chain[0]);
        };
    k.schedule(0, chain[0]);
    for (int t = 0; t <= 100; t += 10) {
      int at = t;
      k.scheduleAt(t, () -> out.add("tick" + at + "@" + k.now()));
    }
    for (long horizon : horizons) {
      k.runUntil(horizon);
    }
    out.add("end@" + k.now() + " pending=" + k.pendingCount() + " next=" + k.peekTime());
    return out;
  }

  @Test
  void schedulingInThePastThrows() {
    kernel.runUntil(100);

    IllegalArgumentException absolute =
        assertThrows(IllegalArgumentException.class, () -> kernel.scheduleAt(99, logs("x")));
    assertTrue(absolute.getMessage().contains("past"), absolute.getMessage());
    assertThrows(IllegalArgumentException.class, () -> kernel.schedule(-1, logs("x")));
    assertThrows(IllegalArgumentException.class, () -> kernel.scheduleAt(99, p -> {}, 0));
    assertThrows(IllegalArgumentException.class, () -> kernel.runUntil(99));
    assertTrue(kernel.isEmpty());
  }

  @Test
  void schedulingBeyondTheEndOfTimeThrows() {
    kernel.runUntil(10);
    assertThrows(IllegalArgumentException.class, () -> kernel.schedule(Long.MAX_VALUE, logs("x")));
    assertThrows(IllegalArgumentException.class, () -> kernel.scheduleAt(Kernel.NEVER, logs("x")));
  }

  @Test
  void payloadActionsReceiveTheirPayload() {
    List<Long> seen = new ArrayList<>();
    PayloadAction deliver = seen::add;
    kernel.schedule(2, deliver, 42L);
    kernel.schedule(1, deliver, -7L);
    long cancelled = kernel.schedule(1, deliver, 99L);
    kernel.cancel(cancelled);

    kernel.runUntil(2);

    assertEquals(List.of(-7L, 42L), seen);
  }

  @Test
  void aFailingActionStopsTheRunLoudlyWithItsTime() {
    IllegalStateException boom = new IllegalStateException("boom");
    kernel.scheduleAt(10, logs("before"));
    kernel.scheduleAt(
        15,
        () -> {
          throw boom;
        });
    kernel.scheduleAt(20, logs("after"));

    ActionFailedException failure =
        assertThrows(ActionFailedException.class, () -> kernel.runUntil(100));

    assertEquals(15, failure.timeMicros());
    assertEquals(1, failure.sequence());
    assertSame(boom, failure.getCause());
    assertTrue(failure.getMessage().contains("t=15us"), failure.getMessage());
    assertTrue(failure.getMessage().contains("boom"), failure.getMessage());
    assertEquals(15, kernel.now(), "the clock stays at the failure");
    assertEquals(List.of("before@10"), log);
    assertEquals(20, kernel.peekTime(), "the rest of the queue is intact");
  }

  @Test
  void aFailingPayloadActionIsReportedToo() {
    kernel.schedule(
        4,
        p -> {
          throw new IllegalArgumentException("bad message " + p);
        },
        1234L);

    ActionFailedException failure = assertThrows(ActionFailedException.class, kernel::step);

    assertEquals(4, failure.timeMicros());
    assertInstanceOf(IllegalArgumentException.class, failure.getCause());
    assertTrue(failure.getMessage().contains("bad message 1234"), failure.getMessage());
  }

  @Test
  void anActionCannotDriveTheKernel() {
    kernel.schedule(1, kernel::step);
    kernel.schedule(2, () -> kernel.runUntil(5));

    ActionFailedException nestedStep = assertThrows(ActionFailedException.class, kernel::step);
    assertInstanceOf(IllegalStateException.class, nestedStep.getCause());
    ActionFailedException nestedRun = assertThrows(ActionFailedException.class, kernel::step);
    assertInstanceOf(IllegalStateException.class, nestedRun.getCause());
    assertFalse(kernel.step(), "the kernel is usable again after a failure");
  }

  @Test
  void theQueueGrowsBeyondItsInitialCapacity() {
    Kernel small = new Kernel(1);
    long[] sum = new long[1];
    for (int i = 10_000; i > 0; i--) {
      small.schedule(i, (PayloadAction) p -> sum[0] += p, i);
    }
    long previous = -1;
    while (!small.isEmpty()) {
      assertTrue(small.peekTime() > previous);
      previous = small.peekTime();
      small.step();
    }
    assertEquals(10_000L * 10_001 / 2, sum[0]);
  }

  @Test
  void eventsScheduledBeforeAPeekedTimeStillRunFirst() {
    kernel.scheduleAt(1_000, logs("far"));
    kernel.runUntil(10);
    assertEquals(1_000, kernel.peekTime());

    kernel.scheduleAt(500, logs("near"));
    kernel.scheduleAt(
        600,
        () -> {
          assertEquals(1_000, kernel.peekTime());
          kernel.schedule(1, logs("nearer")); // below the time just peeked
        });
    kernel.runUntil(2_000);

    assertEquals(List.of("near@500", "nearer@601", "far@1000"), log);
  }

  @Test
  void aLongRunOfEventsAtOneTimeStaysInOrder() {
    long[] next = {0};
    PayloadAction chain =
        new PayloadAction() {
          @Override
          public void run(long n) {
            assertEquals(next[0]++, n);
            if (n < 200_000) {
              kernel.schedule(0, this, n + 1);
            }
          }
        };
    kernel.schedule(3, chain, 0);
    kernel.scheduleAt(3, logs("second"));

    kernel.runUntil(3);

    assertEquals(200_001, next[0]);
    assertEquals(List.of("second@3"), log);
    assertEquals(200_002, kernel.executedCount());
  }

  @Test
  void extremeTimesAreOrdered() {
    kernel.scheduleAt(Long.MAX_VALUE - 1, logs("end"));
    kernel.scheduleAt(1L << 62, logs("huge"));
    kernel.scheduleAt(1, logs("one"));
    kernel.scheduleAt(Long.MAX_VALUE - 2, logs("almost"));

    kernel.runUntil(Long.MAX_VALUE - 1);

    assertEquals(
        List.of(
            "one@1",
            "huge@" + (1L << 62),
            "almost@" + (Long.MAX_VALUE - 2),
            "end@" + (Long.MAX_VALUE - 1)),
        log);
  }
}
