package dev.flowsim.simulator.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Kernel throughput in events per second, where one event = one schedule plus one execution (the
 * classic "hold" model: every executed event schedules its successor, so the queue size stays
 * constant). Scores are events/s because each invocation executes {@link #EVENTS} events.
 *
 * <ul>
 *   <li>{@code hold}: {@code pending} events in the queue; each schedules its successor with a
 *       pseudo-random delay in [0, 1000) µs (many equal times), through an {@link Action}.
 *   <li>{@code holdPayload}: the same through a {@link PayloadAction} carrying a message id.
 *   <li>{@code holdWithTimeouts}: as {@code hold}, and each event also arms a timeout 5 s ahead and
 *       cancels the one armed before (an ack-timeout pattern that exercises lazy cancellation; only
 *       the successor counts as an event).
 * </ul>
 *
 * <p>Run: {@code ./mvnw -B -pl simulator -Pbench test-compile exec:exec} (see simulator/pom.xml).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class KernelBenchmark {

  static final int EVENTS = 1_000_000;
  private static final int DELAY_MASK = (1 << 16) - 1;

  /** Events pending at any time: 1 is a self-rescheduling chain. */
  @Param({"1", "10000"})
  int pending;

  private Kernel kernel;
  private final long[] delays = new long[DELAY_MASK + 1];
  private int next;
  private long timeout = Kernel.NO_EVENT;
  private long sink;

  private final Action hold = this::onHold;
  private final PayloadAction holdPayload = this::onHoldPayload;
  private final Action holdWithTimeouts = this::onHoldWithTimeouts;
  private final Action onTimeout = () -> sink++;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < delays.length; i++) {
      delays[i] = random.nextInt(1_000);
    }
  }

  private long nextDelay() {
    return delays[next++ & DELAY_MASK];
  }

  private void onHold() {
    kernel.schedule(nextDelay(), hold);
  }

  private void onHoldPayload(long messageId) {
    sink += messageId;
    kernel.schedule(nextDelay(), holdPayload, messageId + 1);
  }

  private void onHoldWithTimeouts() {
    kernel.cancel(timeout);
    timeout = kernel.schedule(5_000_000, onTimeout);
    kernel.schedule(nextDelay(), holdWithTimeouts);
  }

  /** A fresh kernel per iteration, so every iteration measures the same steady state. */
  @Setup(Level.Iteration)
  public void fillQueue(BenchmarkParams params) {
    String benchmark = params.getBenchmark();
    kernel = new Kernel(pending * 2);
    for (int i = 0; i < pending; i++) {
      if (benchmark.endsWith(".holdPayload")) {
        kernel.schedule(nextDelay(), holdPayload, i);
      } else if (benchmark.endsWith(".holdWithTimeouts")) {
        kernel.schedule(nextDelay(), holdWithTimeouts);
      } else {
        kernel.schedule(nextDelay(), hold);
      }
    }
    timeout = Kernel.NO_EVENT;
  }

  private void runEvents(Blackhole blackhole) {
    Kernel k = kernel;
    for (int i = 0; i < EVENTS; i++) {
      k.step();
    }
    blackhole.consume(k.now());
    blackhole.consume(sink);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void hold(Blackhole blackhole) {
    runEvents(blackhole);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void holdPayload(Blackhole blackhole) {
    runEvents(blackhole);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void holdWithTimeouts(Blackhole blackhole) {
    runEvents(blackhole);
  }
}
