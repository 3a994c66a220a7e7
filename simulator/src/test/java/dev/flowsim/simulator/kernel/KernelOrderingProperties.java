package dev.flowsim.simulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Random schedules, with small delays so that many events share a time, run by the kernel and by an
 * obviously correct reference (a {@link PriorityQueue} of (time, seq) and a set of pending events).
 * Actions schedule children and cancel earlier events as the generated program says.
 */
class KernelOrderingProperties {

  /** Fixed so that a failure reproduces in CI; QuickTheories shrinks it to a small case. */
  private static final long QT_SEED = 0x5eed_f10e_2024L;

  private static final int MAX_EVENTS = 2_000;

  /** Initial delays 0..4 (many ties). */
  private static final Gen<List<Long>> DELAYS =
      lists().of(longs().between(0, 4)).ofSizeBetween(1, 400);

  /** Initial delays from 0 to beyond a year of microseconds, with ties among the small ones. */
  private static final Gen<List<Long>> WIDE_DELAYS =
      lists().of(longs().between(0, 3).mix(longs().between(0, 1L << 45), 50)).ofSizeBetween(1, 400);

  /** The program's choices: what each action does, whom it cancels. */
  private static final Gen<List<Integer>> CHOICES =
      lists().of(integers().between(0, 1_000)).ofSizeBetween(1, 200);

  @Test
  void eventsRunInNondecreasingTimeAndSchedulingOrder() {
    qt().withFixedSeed(QT_SEED)
        .withExamples(300)
        .forAll(DELAYS, CHOICES)
        .checkAssert(
            (delays, choices) -> {
              KernelUnderTest kernel = new KernelUnderTest();
              List<long[]> ran = new Program(delays, choices).run(kernel, 1_000);
              for (int i = 1; i < ran.size(); i++) {
                long[] a = ran.get(i - 1);
                long[] b = ran.get(i);
                boolean ordered = a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]);
                assertTrue(ordered, "ran (t=" + b[0] + ", seq=" + b[1] + ") after " + a[0]);
              }
            });
  }

  @Test
  void theKernelAgreesWithAReferenceQueue() {
    qt().withFixedSeed(QT_SEED + 1)
        .withExamples(300)
        .forAll(DELAYS, CHOICES)
        .checkAssert(
            (delays, choices) -> {
              Program program = new Program(delays, choices);
              List<String> expected = program.trace(new ReferenceScheduler(), 1_000);
              List<String> actual = program.trace(new KernelUnderTest(), 1_000);
              assertEquals(expected, actual);
            });
  }

  @Test
  void theKernelAgreesWithAReferenceQueueOverWideTimeRanges() {
    qt().withFixedSeed(QT_SEED + 3)
        .withExamples(300)
        .forAll(WIDE_DELAYS, CHOICES)
        .checkAssert(
            (delays, choices) -> {
              Program program = new Program(delays, choices, true);
              long horizon = 1L << 50;
              assertEquals(
                  program.trace(new ReferenceScheduler(), horizon),
                  program.trace(new KernelUnderTest(), horizon));
            });
  }

  @Test
  void renumberingSequenceNumbersChangesNoOrder() {
    qt().withFixedSeed(QT_SEED + 4)
        .withExamples(200)
        .forAll(DELAYS, CHOICES, integers().between(1, 40))
        .checkAssert(
            (delays, choices, maxSeq) -> {
              Program program = new Program(delays, choices);
              Kernel tiny = new Kernel(new EventQueue(2, maxSeq));
              assertEquals(
                  program.trace(new ReferenceScheduler(), 1_000),
                  program.trace(new KernelUnderTest(tiny), 1_000));
            });
  }

  @Test
  void splittingARunIntoSeveralRunUntilCallsChangesNothing() {
    qt().withFixedSeed(QT_SEED + 2)
        .withExamples(200)
        .forAll(DELAYS, CHOICES, lists().of(integers().between(0, 60)).ofSizeBetween(0, 8))
        .checkAssert(
            (delays, choices, cuts) -> {
              Program program = new Program(delays, choices);
              List<String> once = program.trace(new KernelUnderTest(), 60);
              List<Integer> horizons = new ArrayList<>(cuts);
              horizons.sort(null);
              horizons.add(60);
              List<String> split =
                  program.trace(new KernelUnderTest(), horizons.stream().mapToLong(h -> h));
              assertEquals(once, split);
            });
  }

  /** The operations a program uses, so that it can drive the kernel and the reference alike. */
  interface Scheduler {
    long now();

    long schedule(long delay, Runnable action);

    boolean cancel(long handle);

    void runUntil(long time);
  }

  /**
   * A deterministic program: schedule one event per initial delay, cancel some of them, then each
   * action, driven by the next choice, does nothing, schedules one or two children or cancels an
   * earlier event.
   */
  static final class Program {
    private final List<Long> delays;
    private final List<Integer> choices;
    private final boolean wide;

    Program(List<Long> delays, List<Integer> choices) {
      this(delays, choices, false);
    }

    Program(List<Long> delays, List<Integer> choices, boolean wide) {
      this.delays = delays;
      this.choices = choices;
      this.wide = wide;
    }

    /** A child's delay: tiny (ties), or spread over many powers of two. */
    private long childDelay(int choice, int modulus) {
      return wide ? (long) choice << (choice % 41) : choice % modulus;
    }

    /**
     * Runs to {@code horizon}; returns (time, seq) of each executed event, seq = scheduling rank.
     */
    List<long[]> run(Scheduler scheduler, long horizon) {
      List<long[]> ran = new ArrayList<>();
      new Execution(scheduler, (t, seq) -> ran.add(new long[] {t, seq})).start();
      scheduler.runUntil(horizon);
      return ran;
    }

    List<String> trace(Scheduler scheduler, long horizon) {
      return trace(scheduler, java.util.stream.LongStream.of(horizon));
    }

    /** Runs through the horizons in turn; returns a line per run event and cancel outcome. */
    List<String> trace(Scheduler scheduler, java.util.stream.LongStream horizons) {
      List<String> lines = new ArrayList<>();
      Execution execution =
          new Execution(scheduler, (t, seq) -> lines.add("run " + seq + " at " + t));
      execution.cancelLog = lines;
      execution.start();
      horizons.forEach(scheduler::runUntil);
      lines.add("end at " + scheduler.now());
      return lines;
    }

    interface RunLog {
      void ran(long time, long seq);
    }

    private final class Execution {
      private final Scheduler scheduler;
      private final RunLog runLog;
      private final List<Long> handles = new ArrayList<>();
      private List<String> cancelLog = new ArrayList<>();
      private int cursor;

      Execution(Scheduler scheduler, RunLog runLog) {
        this.scheduler = scheduler;
        this.runLog = runLog;
      }

      void start() {
        for (long delay : delays) {
          schedule(delay);
        }
        for (int i = 0; i < handles.size(); i++) {
          if (choice() % 3 == 0) {
            cancel(i);
          }
        }
      }

      private int choice() {
        return choices.get(cursor++ % choices.size());
      }

      private void schedule(long delay) {
        if (handles.size() >= MAX_EVENTS) {
          return;
        }
        long seq = handles.size();
        handles.add(scheduler.schedule(delay, () -> act(seq)));
      }

      private void cancel(int index) {
        boolean cancelled = scheduler.cancel(handles.get(index));
        cancelLog.add("cancel " + index + " -> " + cancelled);
      }

      private void act(long seq) {
        runLog.ran(scheduler.now(), seq);
        int c = choice();
        switch (c % 4) {
          case 1 -> schedule(childDelay(c, 3));
          case 2 -> {
            schedule(childDelay(c, 2));
            schedule(childDelay(c / 7, 5));
          }
          case 3 -> cancel(choice() % handles.size());
          default -> {
            // nothing
          }
        }
      }
    }
  }

  /** The kernel, seen through the program's operations. */
  static final class KernelUnderTest implements Scheduler {
    private final Kernel kernel;

    KernelUnderTest() {
      this(new Kernel(2));
    }

    KernelUnderTest(Kernel kernel) {
      this.kernel = kernel;
    }

    @Override
    public long now() {
      return kernel.now();
    }

    @Override
    public long schedule(long delay, Runnable action) {
      return kernel.schedule(delay, action::run);
    }

    @Override
    public boolean cancel(long handle) {
      return kernel.cancel(handle);
    }

    @Override
    public void runUntil(long time) {
      kernel.runUntil(time);
    }
  }

  /** The reference: a PriorityQueue of (time, seq), handles are seqs, a set of pending seqs. */
  static final class ReferenceScheduler implements Scheduler {
    private record Entry(long time, long seq, Runnable action) {}

    private final PriorityQueue<Entry> queue =
        new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final Set<Long> pending = new HashSet<>();
    private long now;
    private long nextSeq;

    @Override
    public long now() {
      return now;
    }

    @Override
    public long schedule(long delay, Runnable action) {
      long seq = nextSeq++;
      queue.add(new Entry(now + delay, seq, action));
      pending.add(seq);
      return seq;
    }

    @Override
    public boolean cancel(long handle) {
      return pending.remove(handle);
    }

    @Override
    public void runUntil(long time) {
      while (!queue.isEmpty() && queue.peek().time <= time) {
        Entry next = queue.poll();
        if (pending.remove(next.seq)) {
          now = next.time;
          next.action.run();
        }
      }
      now = time;
    }
  }
}
