package dev.flowsim.app.gui.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Pipeline;
import dev.flowsim.model.json.SpecReader;
import dev.flowsim.simulator.Simulation;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.metrics.Metrics;
import dev.flowsim.simulator.metrics.Series;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Long metric series are reduced for drawing without losing their peaks (no JavaFX). */
class ChartsDownsampleTest {

  @Test
  void aLongSeriesKeepsAtMostTheLimitAndItsMaximum() throws Exception {
    Pipeline p = SpecReader.read(Path.of("../examples/01-dual-write.broken.json"));
    SimulationResult r =
        Simulation.run(
            p,
            Simulation.Options.of(p)
                .withSeed(1)
                .withDuration(8_000_000)
                .withMetricsInterval(5_000));
    Series s = r.metrics().named(Metrics.THROUGHPUT).get(0);
    assertTrue(s.size() > 1000, "samples: " + s.size());
    List<double[]> points = ChartsPanel.downsample(s, 400);
    assertTrue(points.size() <= 400 && points.size() > 300, "points: " + points.size());
    double max = points.stream().mapToDouble(pt -> pt[1]).max().orElse(Double.NaN);
    assertEquals(s.max(), max);
    for (int i = 1; i < points.size(); i++) {
      assertTrue(points.get(i - 1)[0] < points.get(i)[0], "time goes forward");
    }
    // a short series is drawn as is, without its NaN samples
    List<double[]> all = ChartsPanel.downsample(s, s.size());
    long values =
        java.util.stream.IntStream.range(0, s.size())
            .filter(i -> !Double.isNaN(s.value(i)))
            .count();
    assertEquals(values, all.size());
  }
}
