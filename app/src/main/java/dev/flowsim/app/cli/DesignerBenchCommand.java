package dev.flowsim.app.cli;

import atlantafx.base.theme.PrimerLight;
import dev.flowsim.app.gui.Editor;
import dev.flowsim.app.gui.canvas.DesignCanvas;
import dev.flowsim.app.gui.canvas.Palette;
import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Database;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Reader;
import dev.flowsim.model.SearchIndex;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flowsim bench-designer}: opens a generated design of 300 components and 400 connections
 * without positions in a designer canvas on a real stage, and prints the time to lay it out and
 * show the first frame, then the frame rate and the canvas's work per frame while panning and
 * zooming it programmatically. Runs on a display (e.g. Xvfb) or, with no {@code DISPLAY}, on
 * headless Monocle when it is on the class path. A measurement, not an assertion.
 */
@Command(
    name = "bench-designer",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = {
      "Measure the designer canvas: open, lay out and render a 300-component design, then pan"
          + " and zoom it frame by frame."
    })
public final class DesignerBenchCommand implements Callable<Integer> {

  @Option(names = "--groups", description = "groups of 10 components (default 30 = 300)")
  int groups = 30;

  @Option(names = "--frames", description = "frames of panning and of zooming (default 240)")
  int frames = 240;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** What one run measured. */
  public record Figures(
      int components,
      int connections,
      double layoutMs,
      double openMs,
      double openFxCpuMs,
      double reopenMs,
      double panFps,
      double panWorkMs,
      double panWorkP95Ms,
      double panFxCpuMs,
      double panRenderCpuMs,
      double zoomFps,
      double zoomWorkMs,
      double zoomFxCpuMs,
      double zoomRenderCpuMs,
      long repaintsForBurst) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!startToolkit(err)) {
      return 1;
    }
    // no Platform.exit() at the end: Main ends the process, and in a test JVM the toolkit
    // cannot be started again once exited (later GUI tests would hang)
    Figures f = measure(design(groups), frames);
    out.printf(
        Locale.ROOT,
        "design: %d components, %d connections, no saved positions%n",
        f.components(),
        f.connections());
    out.printf(
        Locale.ROOT,
        "platform: %s, prism %s%n",
        System.getProperty("glass.platform", "default glass"),
        System.getProperty("prism.order", "default"));
    out.printf(
        Locale.ROOT,
        "open: %.0f ms wall from a new editor to the first rendered frame (auto-layout"
            + " included; %.0f ms CPU on the FX thread); opening it again: %.0f ms%n",
        f.openMs(),
        f.openFxCpuMs(),
        f.reopenMs());
    out.printf(
        Locale.ROOT,
        "layout alone (what opening uses for this size, warm): %.0f ms%n",
        f.layoutMs());
    out.printf(
        Locale.ROOT,
        "pan: %.1f frames/s; per frame: FX work before rendering %.2f ms mean (%.2f ms p95),"
            + " CPU %.2f ms FX thread + %.2f ms render thread%n",
        f.panFps(),
        f.panWorkMs(),
        f.panWorkP95Ms(),
        f.panFxCpuMs(),
        f.panRenderCpuMs());
    out.printf(
        Locale.ROOT,
        "zoom: %.1f frames/s; per frame: FX work before rendering %.2f ms mean,"
            + " CPU %.2f ms FX thread + %.2f ms render thread%n",
        f.zoomFps(),
        f.zoomWorkMs(),
        f.zoomFxCpuMs(),
        f.zoomRenderCpuMs());
    out.printf(
        Locale.ROOT,
        "machine: %d processors, load average %.1f%n",
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.printf(
        Locale.ROOT,
        "100 pans in one pulse: %d repaint(s) of grid/overlay/minimap%n",
        f.repaintsForBurst());
    out.flush();
    return 0;
  }

  /**
   * Starts JavaFX for the benchmarks (this one and bench-playback), on headless Monocle when there
   * is no display.
   */
  public static boolean startToolkit(PrintWriter err) throws InterruptedException {
    String display = System.getenv("DISPLAY");
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    if (linux && (display == null || display.isBlank())) {
      try {
        Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory");
      } catch (ClassNotFoundException e) {
        err.println(
            "no DISPLAY and headless Monocle is not on the class path: run under a display"
                + " (e.g. Xvfb) or add openjfx-monocle to the class path");
        return false;
      }
      System.setProperty("glass.platform", "Monocle");
      System.setProperty("monocle.platform", "Headless");
      System.setProperty("headless.geometry", "1920x1200-32");
      System.setProperty("prism.order", "sw");
      System.setProperty("prism.text", "t2k");
      System.setProperty("java.awt.headless", "true");
    }
    CountDownLatch started = new CountDownLatch(1);
    try {
      Platform.startup(started::countDown);
    } catch (IllegalStateException alreadyRunning) {
      started.countDown();
    }
    // closing a benchmark's stage must not end the toolkit: a test JVM could not start it again
    Platform.setImplicitExit(false);
    return started.await(30, TimeUnit.SECONDS);
  }

  /**
   * {@code groups} groups of ten components (producer, two topics, two processors, service,
   * database, CDC topic, search index, reader) with 13 connections each, and one connection from
   * each of the first ten groups into the next: 300 components and 400 connections by default.
   */
  public static Pipeline design(int groups) {
    List<Component> cs = new ArrayList<>();
    List<Connection> ls = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      String s = "-" + g;
      cs.add(Producer.of("clients" + s));
      cs.add(Topic.of("orders" + s));
      cs.add(Processor.of("enrich" + s, null));
      cs.add(Topic.of("enriched" + s));
      cs.add(Processor.of("apply" + s, null));
      cs.add(Service.of("api" + s, null));
      cs.add(Database.of("db" + s));
      cs.add(Topic.of("cdc" + s));
      cs.add(SearchIndex.of("search" + s));
      cs.add(Reader.of("page" + s));
      String[][] edges = {
        {"clients", "orders"},
        {"orders", "enrich"},
        {"enrich", "enriched"},
        {"enriched", "apply"},
        {"apply", "db"},
        {"clients", "api"},
        {"api", "db"},
        {"db", "cdc"},
        {"cdc", "search"},
        {"search", "page"},
        {"db", "page"},
        {"orders", "api"},
        {"enrich", "db"}
      };
      for (String[] e : edges) {
        ls.add(Connection.of(e[0] + s, e[1] + s));
      }
    }
    for (int g = 0; g < Math.min(10, groups - 1); g++) {
      ls.add(Connection.of("enriched-" + g, "enrich-" + (g + 1)));
    }
    return Pipeline.empty().withComponents(cs).withConnections(ls);
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile long fxThread;

  /** CPU time of JavaFX's render thread so far, in ns (0 when not found). */
  private static long renderCpu() {
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("QuantumRenderer")) {
        sum += Math.max(0, THREADS.getThreadCpuTime(t.getId()));
      }
    }
    return sum;
  }

  private record Opened(DesignCanvas canvas, Stage stage, double wallMs, double fxCpuMs) {}

  /** A new editor and canvas on a shown stage, timed until its first frame has been rendered. */
  private static Opened open(Pipeline design) throws Exception {
    CompletableFuture<Double> opened = new CompletableFuture<>();
    long[] fxCpu = new long[2];
    DesignCanvas[] canvas = new DesignCanvas[1];
    Stage[] stage = new Stage[1];
    Platform.runLater(
        () -> {
          long t0 = System.nanoTime();
          fxThread = Thread.currentThread().getId();
          fxCpu[0] = THREADS.getThreadCpuTime(fxThread);
          Editor editor = new Editor(design);
          canvas[0] = new DesignCanvas(editor);
          Palette palette = new Palette(canvas[0]);
          BorderPane root = new BorderPane(canvas[0].view());
          root.setLeft(palette.view());
          ((Region) palette.view()).setPrefWidth(220);
          stage[0] = new Stage();
          // no larger than the screen (headless Monocle's is 1280×800)
          var screen = javafx.stage.Screen.getPrimary().getBounds();
          stage[0].setScene(
              new Scene(
                  root, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight())));
          stage[0].show();
          // the second pulse after show starts once the first frame has been rendered
          new AnimationTimer() {
            int pulses;

            @Override
            public void handle(long now) {
              if (++pulses == 2) {
                stop();
                fxCpu[1] = THREADS.getThreadCpuTime(fxThread);
                opened.complete((System.nanoTime() - t0) / 1e6);
              }
            }
          }.start();
        });
    double wall = opened.get(120, TimeUnit.SECONDS);
    return new Opened(canvas[0], stage[0], wall, (fxCpu[1] - fxCpu[0]) / 1e6);
  }

  /** Opens {@code design} on a new stage and measures; the toolkit must be running. */
  public static Figures measure(Pipeline design, int frames) throws Exception {
    // the theme is global: restore it afterwards (a test JVM goes on with other GUI tests)
    String theme = Application.getUserAgentStylesheet();
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    try {
      return measureThemed(design, frames);
    } finally {
      Platform.runLater(() -> Application.setUserAgentStylesheet(theme));
    }
  }

  private static Figures measureThemed(Pipeline design, int frames) throws Exception {
    // open twice: the first is what a user sees after starting the app (classes loaded, code
    // not yet compiled), the second what opening another design costs
    Opened first = open(design);
    Platform.runLater(first.stage()::close);
    Opened second = open(design);
    DesignCanvas[] canvas = {second.canvas()};
    Stage[] stage = {second.stage()};
    double openMs = first.wallMs();
    double openFxCpu = first.fxCpuMs();
    double openRenderCpu = second.wallMs();

    long l0 = System.nanoTime();
    DesignCanvas.openingLayout(design).complete(design);
    double layoutMs = (System.nanoTime() - l0) / 1e6;

    double[] pan = frames(canvas[0], frames, false);
    double[] zoom = frames(canvas[0], frames, true);

    CompletableFuture<Long> burst = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          long before = canvas[0].repaintCount();
          for (int i = 0; i < 100; i++) {
            canvas[0].panBy(i % 2 == 0 ? 7 : -5, 3);
          }
          new AnimationTimer() {
            int pulses;

            @Override
            public void handle(long now) {
              if (++pulses == 3) {
                stop();
                burst.complete(canvas[0].repaintCount() - before);
              }
            }
          }.start();
        });
    long repaints = burst.get(30, TimeUnit.SECONDS);
    Platform.runLater(stage[0]::close);
    return new Figures(
        design.components().size(),
        design.connections().size(),
        layoutMs,
        openMs,
        openFxCpu,
        openRenderCpu,
        pan[0],
        pan[1],
        pan[2],
        pan[3],
        pan[4],
        zoom[0],
        zoom[1],
        zoom[3],
        zoom[4],
        repaints);
  }

  /**
   * Pans (or zooms) once per pulse for {@code n} pulses; returns frames/s, and the mean and p95 of
   * the work each frame does on the FX thread before rendering (the change, repaints, CSS, layout).
   */
  private static double[] frames(DesignCanvas canvas, int n, boolean zoom) throws Exception {
    CompletableFuture<double[]> done = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          double[] work = new double[n];
          long[] start = new long[1];
          long[] frameStart = new long[1];
          int[] frame = {-1};
          long[] cpu = new long[2];
          Runnable afterLayout =
              () -> {
                if (frame[0] >= 0 && frame[0] < n && frameStart[0] != 0) {
                  work[frame[0]] = (System.nanoTime() - frameStart[0]) / 1e6;
                  frameStart[0] = 0;
                }
              };
          var scene = canvas.view().getScene();
          scene.addPostLayoutPulseListener(afterLayout);
          new AnimationTimer() {
            @Override
            public void handle(long now) {
              frame[0]++;
              if (frame[0] == 0) {
                start[0] = System.nanoTime();
                cpu[0] = THREADS.getCurrentThreadCpuTime();
                cpu[1] = renderCpu();
              }
              if (frame[0] >= n) {
                stop();
                scene.removePostLayoutPulseListener(afterLayout);
                double seconds = (System.nanoTime() - start[0]) / 1e9;
                double[] sorted = work.clone();
                Arrays.sort(sorted);
                double mean = Arrays.stream(work).average().orElse(0);
                double fx = (THREADS.getCurrentThreadCpuTime() - cpu[0]) / 1e6 / n;
                double render = (renderCpu() - cpu[1]) / 1e6 / n;
                done.complete(
                    new double[] {n / seconds, mean, sorted[(int) (n * 0.95)], fx, render});
                return;
              }
              frameStart[0] = System.nanoTime();
              if (zoom) {
                double f = (frame[0] / 30) % 2 == 0 ? 1.02 : 1 / 1.02;
                canvas.zoomAt(f, 600, 400);
              } else {
                double a = frame[0] * 2 * Math.PI / 120;
                canvas.panBy(12 * Math.cos(a), 9 * Math.sin(a));
              }
            }
          }.start();
        });
    return done.get(120, TimeUnit.SECONDS);
  }
}
