package dev.flowsim.simulator.engine;

import dev.flowsim.model.Distribution;
import dev.flowsim.simulator.kernel.SimRandom;

/**
 * Draws durations in integer microseconds from a spec {@link Distribution} with one component's
 * random stream. The algorithms are written here (inverse transform, Box–Muller), so a seed gives
 * the same draws on every JVM.
 */
public final class Sampler {
  private final Distribution distribution;
  private final SimRandom random;
  private final int shape;
  private final long a;
  private final long b;
  private final double mu;
  private final double sigma;
  private double spareGaussian;
  private boolean hasSpare;

  public Sampler(Distribution distribution, SimRandom random) {
    this.distribution = distribution;
    this.random = random;
    if (distribution instanceof Distribution.Const c) {
      shape = 0;
      a = c.value().micros();
      b = a;
      mu = sigma = 0;
    } else if (distribution instanceof Distribution.Uniform u) {
      shape = 1;
      a = u.low().micros();
      b = u.high().micros();
      mu = sigma = 0;
    } else if (distribution instanceof Distribution.Exp e) {
      shape = 2;
      a = e.mean().micros();
      b = 0;
      mu = sigma = 0;
    } else {
      Distribution.LogNormal l = (Distribution.LogNormal) distribution;
      shape = 3;
      a = b = 0;
      mu = l.mu();
      sigma = l.sigma();
    }
  }

  public Distribution distribution() {
    return distribution;
  }

  /** One draw, in microseconds (never negative). */
  public long sample() {
    switch (shape) {
      case 0:
        return a;
      case 1:
        return a == b ? a : a + random.nextLong(b - a + 1);
      case 2:
        return Math.round(-a * StrictMath.log(1.0 - random.nextDouble()));
      default:
        return Math.round(StrictMath.exp(mu + sigma * gaussian()));
    }
  }

  /** An exponential draw with the given mean (for Poisson arrivals). */
  public static long exponential(SimRandom random, double meanMicros) {
    return Math.round(-meanMicros * StrictMath.log(1.0 - random.nextDouble()));
  }

  private double gaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u;
    double v;
    double s;
    do {
      u = random.nextDouble() * 2 - 1;
      v = random.nextDouble() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = v * m;
    hasSpare = true;
    return u * m;
  }
}
