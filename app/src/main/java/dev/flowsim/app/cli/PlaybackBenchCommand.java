package dev.flowsim.app.cli;

import dev.flowsim.app.gui.canvas.DesignGeometry;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.app.gui.sim.PlaybackModel;
import dev.flowsim.app.gui.sim.PlaybackOverlay;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationResult;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flowsim bench-playback}: measures the playback overlay. Simulates a high-rate pipeline
 * whose slow links keep at least {@code --tokens} messages in flight, shows a canvas-sized overlay
 * {@code Canvas} in a window, plays the run at real speed and counts JavaFX pulses (AnimationTimer
 * frames) over {@code --seconds} of wall time, printing frames/s and the milliseconds the overlay
 * paint takes per frame. Runs on a display (e.g. Xvfb) or, with no {@code DISPLAY}, on headless
 * Monocle (when it is on the class path). A measurement, not an assertion.
 */
@Command(
    name = "bench-playback",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Measure playback painting: frames/s and overlay paint ms with >= --tokens tokens in flight."
    })
public final class PlaybackBenchCommand implements Callable<Integer> {

  @Option(names = "--seconds", description = "wall seconds measured (default 5)")
  double seconds = 5;

  @Option(names = "--tokens", description = "messages in flight to reach (default 10000)")
  int tokens = 10_000;

  @Option(names = "--width", description = "overlay width in pixels (default 1600)")
  int width = 1600;

  @Option(names = "--height", description = "overlay height in pixels (default 900)")
  int height = 900;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the benchmark on its own (until it is registered as a subcommand of flowsim). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new PlaybackBenchCommand()).execute(args));
  }

  /** The result of one measurement. */
  public record Figures(
      int frames,
      double wallSeconds,
      double meanPaintMs,
      double p95PaintMs,
      double meanPaintCpuMs,
      double fxCpuMsPerFrame,
      double meanTokens) {
    public double fps() {
      return frames / wallSeconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!DesignerBenchCommand.startToolkit(err)) {
      return 1;
    }
    out.printf(Locale.ROOT, "simulating a pipeline with >= %d messages in flight...%n", tokens);
    out.flush();
    PlaybackModel model = prepare(tokens);
    out.printf(
        Locale.ROOT,
        "run: %d trace steps, %d flights, %d in flight mid-production%n",
        model.result().trace().stepCount(),
        model.flights().size(),
        model.flights().countAt(model.layout().pipeline().duration().micros() / 2));
    Figures f = measure(model, width, height, seconds);
    out.printf(
        Locale.ROOT,
        "pipeline: %s (prism %s)%n",
        System.getProperty("glass.platform", "default glass"),
        System.getProperty("prism.order", "default"));
    out.printf(
        Locale.ROOT,
        "frames: %d in %.2f s = %.1f frames/s; overlay paint %.2f ms mean, %.2f ms p95;"
            + " %.2f ms CPU mean; %.0f tokens per frame%n",
        f.frames(),
        f.wallSeconds(),
        f.fps(),
        f.meanPaintMs(),
        f.p95PaintMs(),
        f.meanPaintCpuMs(),
        f.meanTokens());
    out.printf(
        Locale.ROOT,
        "JavaFX threads (application + renderer): %.2f ms CPU per frame (about %.0f frames/s"
            + " on one otherwise idle core)%n",
        f.fxCpuMsPerFrame(),
        1000 / Math.max(0.001, f.fxCpuMsPerFrame()));
    out.printf(
        Locale.ROOT,
        "(load average %.1f on %d processors: frames/s and wall ms suffer on a busy machine;"
            + " CPU ms do not)%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    // no Platform.exit(): Main ends the process, and in a test JVM the toolkit cannot be started
    // again once exited (later GUI tests would hang)
    return 0;
  }

  /**
   * A pipeline keeping about {@code inFlight} messages in the air: a producer at {@code inFlight}
   * events/s over 1000 keys writing to a 6-partition topic through a link of about one second, and
   * two consumers.
   */
  static Pipeline pipeline(int inFlight) throws Exception {
    String json =
        """
        {
          "flowsim": 1,
          "name": "playback bench",
          "seed": 1,
          "duration": "6s",
          "components": [
            { "id": "clicks", "type": "producer", "rate": "%d/s",
              "keys": { "count": 1000, "distribution": "uniform", "prefix": "k" } },
            { "id": "events", "type": "topic", "partitions": 6 },
            { "id": "counter", "type": "processor", "operator": { "type": "map" },
              "parallelism": 8, "serviceTime": "50us" },
            { "id": "store", "type": "database" },
            { "id": "archive", "type": "warehouse" }
          ],
          "connections": [
            { "from": "clicks", "to": "events", "latency": "uniform(700ms,1300ms)",
              "fifo": false },
            { "from": "events", "to": "counter", "latency": "uniform(100ms,300ms)" },
            { "from": "counter", "to": "store", "latency": "uniform(100ms,300ms)" },
            { "from": "events", "to": "archive", "latency": "uniform(200ms,600ms)" }
          ],
          "layout": {
            "clicks": [40, 380],
            "events": [520, 380],
            "counter": [900, 140],
            "store": [1300, 140],
            "archive": [1300, 620]
          }
        }
        """
            .formatted(inFlight);
    return SpecReader.parse("bench-playback", json).pipeline();
  }

  static PlaybackModel prepare(int inFlight) throws Exception {
    Pipeline p = pipeline(inFlight);
    Simulation.Options o = Simulation.Options.of(p).withChecks(false).withMetrics(false);
    SimulationResult r = Simulation.run(p, o);
    return PlaybackModel.build(r);
  }

  /** Boxes of 140×56 at the layout; connections as cubic curves between box sides. */
  static final class BenchGeometry implements DesignGeometry {
    private final Map<String, Rectangle2D> boxes = new HashMap<>();
    private final Map<Link, Curve> curves = new HashMap<>();

    BenchGeometry(Pipeline p) {
      for (var c : p.components()) {
        Position at = p.layout().getOrDefault(c.id(), new Position(0, 0));
        boxes.put(c.id(), new Rectangle2D(at.x(), at.y(), 140, 56));
      }
      for (var c : p.connections()) {
        Rectangle2D a = boxes.get(c.from());
        Rectangle2D b = boxes.get(c.to());
        double x0 = a.getMaxX();
        double y0 = a.getMinY() + 28;
        double x3 = b.getMinX();
        double y3 = b.getMinY() + 28;
        double dx = Math.max(40, (x3 - x0) / 2);
        double x1 = x0 + dx;
        double x2 = x3 - dx;
        curves.put(
            Link.of(c),
            new Curve() {
              @Override
              public void at(double t, double[] xy) {
                double u = 1 - t;
                double a0 = u * u * u;
                double a1 = 3 * u * u * t;
                double a2 = 3 * u * t * t;
                double a3 = t * t * t;
                xy[0] = a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                xy[1] = a0 * y0 + a1 * y0 + a2 * y3 + a3 * y3;
              }

              @Override
              public double length() {
                return Math.hypot(x3 - x0, y3 - y0);
              }
            });
      }
    }

    @Override
    public Rectangle2D bounds(String id) {
      return boxes.get(id);
    }

    @Override
    public Curve curve(Link link) {
      return curves.get(link);
    }

    @Override
    public double zoom() {
      return 1;
    }
  }

  /** CPU nanoseconds used so far by the JavaFX application and render threads. */
  static long fxCpu(java.lang.management.ThreadMXBean threads) {
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String n = t.getName();
      if (n.equals("JavaFX Application Thread") || n.startsWith("QuantumRenderer")) {
        long c = threads.getThreadCpuTime(t.getId());
        if (c > 0) {
          sum += c;
        }
      }
    }
    return sum;
  }

  /**
   * Plays {@code model} from a third of its production phase at real speed on a {@code w}×{@code h}
   * overlay for {@code seconds} of wall time after one second of warm-up, repainting on every
   * pulse; call with the toolkit started.
   */
  public static Figures measure(PlaybackModel model, int w, int h, double seconds)
      throws Exception {
    BenchGeometry geometry = new BenchGeometry(model.layout().pipeline());
    long produce = model.layout().pipeline().duration().micros();
    long from = Math.min(model.endMicros(), produce) / 3;
    long to = Math.min(model.endMicros(), produce) * 5 / 6;
    long[] time = {from};
    PlaybackOverlay overlay = new PlaybackOverlay(() -> model, () -> time[0], () -> null);
    Rectangle2D visible = new Rectangle2D(0, 0, w, h);
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Figures> result = new AtomicReference<>();
    long[] paintNanos = new long[1 << 16];
    long[] warm = new long[1];
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    Platform.runLater(
        () -> {
          Canvas canvas = new Canvas(w, h);
          GraphicsContext g = canvas.getGraphicsContext2D();
          Stage stage = new Stage();
          stage.setTitle("flowsim bench-playback");
          stage.setScene(new Scene(new Pane(canvas), w, h, Color.WHITE));
          stage.show();
          new AnimationTimer() {
            long first = -1;
            long last = -1;
            int frames;
            double tokenSum;
            long cpuSum;
            long fxCpuStart;

            @Override
            public void handle(long now) {
              if (last < 0) {
                last = now;
                warm[0] = now + 1_000_000_000L;
              }
              if (first < 0 && now >= warm[0]) {
                first = now;
                frames = 0;
                tokenSum = 0;
                cpuSum = 0;
                fxCpuStart = fxCpu(threads);
              }
              time[0] += (now - last) / 1000;
              last = now;
              if (time[0] > to) {
                time[0] = from;
              }
              long t0 = System.nanoTime();
              long c0 = threads.getCurrentThreadCpuTime();
              g.clearRect(0, 0, w, h);
              overlay.paint(g, geometry, visible);
              long dt = System.nanoTime() - t0;
              cpuSum += threads.getCurrentThreadCpuTime() - c0;
              if (frames < paintNanos.length) {
                paintNanos[frames] = dt;
              }
              tokenSum += overlay.tokensPainted();
              frames++;
              double wall = first < 0 ? 0 : (now - first) / 1e9;
              if (first >= 0 && wall >= seconds) {
                stop();
                int n = Math.min(frames, paintNanos.length);
                long[] sorted = Arrays.copyOf(paintNanos, n);
                Arrays.sort(sorted);
                double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
                double p95 = n == 0 ? 0 : sorted[Math.min(n - 1, (int) (n * 0.95))] / 1e6;
                // frames counted after the first one, over the time between them
                double fxPerFrame = (fxCpu(threads) - fxCpuStart) / 1e6 / frames;
                result.set(
                    new Figures(
                        frames - 1,
                        wall,
                        mean,
                        p95,
                        cpuSum / 1e6 / frames,
                        fxPerFrame,
                        tokenSum / frames));
                stage.close();
                done.countDown();
              }
            }
          }.start();
        });
    if (!done.await((long) (seconds * 1000) + 60_000, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("no JavaFX pulses: the benchmark did not finish");
    }
    return result.get();
  }
}
