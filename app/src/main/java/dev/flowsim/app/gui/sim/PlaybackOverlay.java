package dev.flowsim.app.gui.sim;

import dev.flowsim.app.gui.canvas.CanvasOverlay;
import dev.flowsim.app.gui.canvas.DesignGeometry;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.geometry.Rectangle2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;

/**
 * Paints a run's playback over the design: message tokens moving along the connections (coloured by
 * key or by partition, the selected key's tokens emphasised and the others dimmed), badges on
 * components (queue depth, topic end offsets and consumer lag, replication lag, the last window
 * result), crashed components hatched in red and cut connections dashed in red.
 *
 * <p>Per frame the work is proportional to the tokens in the air (found through the {@link Flights}
 * index) plus the components and connections; token positions go into reused arrays, grouped by
 * colour, so a frame allocates almost nothing per token.
 */
public final class PlaybackOverlay implements CanvasOverlay {

  /** How tokens are coloured. */
  public enum Colouring {
    KEY,
    PARTITION
  }

  static final Color[] PALETTE = {
    Color.web("#4e79a7"),
    Color.web("#f28e2b"),
    Color.web("#59a14f"),
    Color.web("#b07aa1"),
    Color.web("#76b7b2"),
    Color.web("#edc948"),
    Color.web("#9c755f"),
    Color.web("#ff9da7"),
    Color.web("#bab0ac"),
    Color.web("#e15759"),
  };

  private static final int[] PALETTE_PRE = new int[PALETTE.length];
  private static final int[] DIMMED_PRE = new int[PALETTE.length];

  static {
    for (int i = 0; i < PALETTE.length; i++) {
      PALETTE_PRE[i] = TokenRaster.premultiplied(PALETTE[i], 1);
      DIMMED_PRE[i] = TokenRaster.premultiplied(PALETTE[i].desaturate(), 0.3);
    }
  }

  private static final Color DROPPED = Color.web("#d62728");
  private static final Color CRASH = Color.web("#d62728");
  private static final Color BADGE_FILL = Color.web("#263238", 0.85);
  private static final Color BADGE_TEXT = Color.WHITE;
  private static final Font BADGE_FONT = Font.font("System", 10);
  private static final Color BADGE_WARN = Color.web("#b71c1c", 0.9);
  private static final int BUCKETS = PALETTE.length + 2; // palette, dropped, selected key
  private static final int DROPPED_BUCKET = PALETTE.length;
  private static final int SELECTED_BUCKET = PALETTE.length + 1;

  private final Supplier<PlaybackModel> model;
  private final LongSupplier time;
  private final Supplier<String> selectedKey;
  private Colouring colouring = Colouring.KEY;

  private PlaybackModel seekerOf;
  private PlaybackModel.Seeker seeker;
  private final double[] xy = new double[2];
  private final TokenRaster raster = new TokenRaster();
  private double[][] xs = new double[BUCKETS][256];
  private double[][] ys = new double[BUCKETS][256];
  private final int[] counts = new int[BUCKETS];
  private DesignGeometry.Curve[] curves = new DesignGeometry.Curve[0];
  private Link[] linkKeys = new Link[0];
  private Pipeline linkKeysOf;
  private int tokensPainted;

  // per paint, read by the sink
  private Flights flights;
  private int selectedKeyIndex;
  private double minX;
  private double minY;
  private double maxX;
  private double maxY;

  private final Flights.Sink sink = this::token;

  /**
   * @param model the playback of the shown run (null: nothing to paint)
   * @param time the playback cursor in simulated microseconds
   * @param selectedKey the selected key's name, or null
   */
  public PlaybackOverlay(
      Supplier<PlaybackModel> model, LongSupplier time, Supplier<String> selectedKey) {
    this.model = model;
    this.time = time;
    this.selectedKey = selectedKey;
  }

  public Colouring colouring() {
    return colouring;
  }

  public void setColouring(Colouring c) {
    colouring = c;
  }

  /** Tokens drawn by the last paint. */
  public int tokensPainted() {
    return tokensPainted;
  }

  @Override
  public void paint(GraphicsContext g, DesignGeometry geometry, Rectangle2D visible) {
    PlaybackModel m = model.get();
    tokensPainted = 0;
    if (m == null || geometry == null) {
      return;
    }
    if (seekerOf != m) {
      seeker = m.seeker();
      seekerOf = m;
    }
    g.save();
    try {
      paint(g, geometry, visible, m);
    } finally {
      g.restore();
    }
  }

  private void paint(
      GraphicsContext g, DesignGeometry geometry, Rectangle2D visible, PlaybackModel m) {
    long t = time.getAsLong();
    long[] state = seeker.seek(t);
    StateLayout layout = m.layout();
    Pipeline p = layout.pipeline();
    prepareLinks(p, geometry);

    double zoom = geometry.zoom() > 0 ? geometry.zoom() : 1;
    double r = Math.max(2.5, Math.min(7, 4.5 / zoom));
    double pad = 2 * r;
    if (visible != null) {
      minX = visible.getMinX() - pad;
      minY = visible.getMinY() - pad;
      maxX = visible.getMaxX() + pad;
      maxY = visible.getMaxY() + pad;
    } else {
      minX = minY = Double.NEGATIVE_INFINITY;
      maxX = maxY = Double.POSITIVE_INFINITY;
    }

    paintCuts(g, layout, state, zoom);

    String key = selectedKey.get();
    selectedKeyIndex = key == null ? -2 : m.result().trace().keys().indexOf(key);
    if (selectedKeyIndex < 0 && key != null) {
      selectedKeyIndex = -2; // a key this run never saw: dim everything
    }
    boolean dim = key != null;
    Arrays.fill(counts, 0);
    flights = m.flights();
    flights.forEachAt(t, sink);
    flights = null;

    // ordinary tokens: rasterised into one image (thousands of fillOval calls render slowly)
    Affine tx = g.getTransform();
    double mxx = tx.getMxx();
    double mxy = tx.getMxy();
    double mtx = tx.getTx();
    double myx = tx.getMyx();
    double myy = tx.getMyy();
    double mty = tx.getTy();
    int screenR = (int) Math.round(Math.max(2, Math.min(6, 4 * Math.sqrt(zoom))));
    raster.begin((int) g.getCanvas().getWidth(), (int) g.getCanvas().getHeight(), screenR);
    int[] colours = dim ? DIMMED_PRE : PALETTE_PRE;
    for (int b = 0; b < PALETTE.length; b++) {
      double[] bx = xs[b];
      double[] by = ys[b];
      int colour = colours[b];
      for (int i = 0, n = counts[b]; i < n; i++) {
        double x = bx[i];
        double y = by[i];
        raster.disc(mxx * x + mxy * y + mtx, myx * x + myy * y + mty, colour);
      }
    }
    raster.end(g);
    if (counts[DROPPED_BUCKET] > 0) {
      g.setStroke(dim ? DROPPED.deriveColor(0, 1, 1, 0.3) : DROPPED);
      g.setLineWidth(Math.max(1, 1.5 / zoom));
      double[] bx = xs[DROPPED_BUCKET];
      double[] by = ys[DROPPED_BUCKET];
      for (int i = 0; i < counts[DROPPED_BUCKET]; i++) {
        g.strokeOval(bx[i] - r, by[i] - r, 2 * r, 2 * r);
      }
    }
    if (counts[SELECTED_BUCKET] > 0) {
      double big = r * 1.6;
      g.setFill(Color.web("#ffb300"));
      fillTokens(g, SELECTED_BUCKET, big);
      g.setStroke(Color.BLACK);
      g.setLineWidth(Math.max(1, 1.5 / zoom));
      double[] bx = xs[SELECTED_BUCKET];
      double[] by = ys[SELECTED_BUCKET];
      for (int i = 0; i < counts[SELECTED_BUCKET]; i++) {
        g.strokeOval(bx[i] - big, by[i] - big, 2 * big, 2 * big);
      }
    }
    for (int b = 0; b < BUCKETS; b++) {
      tokensPainted += counts[b];
    }
    paintComponents(g, geometry, layout, state);
  }

  private void fillTokens(GraphicsContext g, int bucket, double r) {
    // few tokens (the selected key's): drawn as shapes
    double[] bx = xs[bucket];
    double[] by = ys[bucket];
    double d = 2 * r;
    int n = counts[bucket];
    for (int i = 0; i < n; i++) {
      g.fillOval(bx[i] - r, by[i] - r, d, d);
    }
  }

  private void prepareLinks(Pipeline p, DesignGeometry geometry) {
    List<Connection> conns = p.connections();
    if (linkKeysOf != p) {
      linkKeys = new Link[conns.size()];
      for (int i = 0; i < linkKeys.length; i++) {
        linkKeys[i] = Link.of(conns.get(i));
      }
      curves = new DesignGeometry.Curve[conns.size()];
      linkKeysOf = p;
    }
    for (int i = 0; i < linkKeys.length; i++) {
      curves[i] = geometry.curve(linkKeys[i]);
    }
  }

  private void token(int flight, double fraction) {
    DesignGeometry.Curve curve = curves[flights.link(flight)];
    if (curve == null) {
      return;
    }
    byte flags = flights.flags(flight);
    curve.at((flags & Flights.BACKWARD) != 0 ? 1 - fraction : fraction, xy);
    double x = xy[0];
    double y = xy[1];
    if (x < minX || x > maxX || y < minY || y > maxY) {
      return;
    }
    int bucket;
    int key = flights.key(flight);
    if (key >= 0 && key == selectedKeyIndex) {
      bucket = SELECTED_BUCKET;
    } else if ((flags & Flights.DROPPED) != 0) {
      bucket = DROPPED_BUCKET;
    } else {
      int v = colouring == Colouring.KEY ? key : flights.partition(flight);
      bucket = v < 0 ? PALETTE.length - 2 : Math.floorMod(mix(v), PALETTE.length);
    }
    int n = counts[bucket];
    if (n == xs[bucket].length) {
      xs[bucket] = Arrays.copyOf(xs[bucket], n * 2);
      ys[bucket] = Arrays.copyOf(ys[bucket], n * 2);
    }
    xs[bucket][n] = x;
    ys[bucket][n] = y;
    counts[bucket] = n + 1;
  }

  private static int mix(int v) {
    int h = v * 0x9E3779B1;
    return h ^ (h >>> 16);
  }

  private void paintCuts(GraphicsContext g, StateLayout layout, long[] state, double zoom) {
    for (int l = 0; l < layout.linkCount(); l++) {
      if (layout.cut(state, l) == 0 || curves[l] == null) {
        continue;
      }
      DesignGeometry.Curve c = curves[l];
      g.setStroke(CRASH);
      g.setLineWidth(Math.max(2, 3 / zoom));
      g.setLineCap(StrokeLineCap.BUTT);
      g.setLineDashes(8 / zoom + 4, 6 / zoom + 3);
      g.beginPath();
      for (int i = 0; i <= 24; i++) {
        c.at(i / 24.0, xy);
        if (i == 0) {
          g.moveTo(xy[0], xy[1]);
        } else {
          g.lineTo(xy[0], xy[1]);
        }
      }
      g.stroke();
      g.setLineDashes((double[]) null);
      // a cross at the middle: the network partition
      c.at(0.5, xy);
      double s = 7;
      g.setLineWidth(Math.max(2, 3 / zoom));
      g.strokeLine(xy[0] - s, xy[1] - s, xy[0] + s, xy[1] + s);
      g.strokeLine(xy[0] - s, xy[1] + s, xy[0] + s, xy[1] - s);
    }
  }

  private void paintComponents(
      GraphicsContext g, DesignGeometry geometry, StateLayout layout, long[] state) {
    Pipeline p = layout.pipeline();
    g.setFont(BADGE_FONT);
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.LEFT);
    for (int c = 0; c < layout.componentCount(); c++) {
      Rectangle2D b = geometry.bounds(p.components().get(c).id());
      if (b == null) {
        continue;
      }
      if (b.getMaxX() < minX || b.getMinX() > maxX || b.getMaxY() < minY || b.getMinY() > maxY) {
        continue;
      }
      boolean crashed = layout.crashed(state, c);
      if (crashed) {
        paintCrashed(g, b);
      }
      String text = badge(layout, state, c);
      if (crashed) {
        text = text.isEmpty() ? "crashed" : "crashed · " + text;
      }
      if (!text.isEmpty()) {
        paintBadge(g, b, text, crashed);
      }
    }
  }

  /** The badge text of component {@code c} in {@code state} ("" for none). */
  static String badge(StateLayout layout, long[] s, int c) {
    long depth = layout.queueDepth(s, c);
    if (depth >= 0) {
      return "queued " + depth;
    }
    int parts = layout.partitions(c);
    if (parts > 0) {
      long end = 0;
      for (int p = 0; p < parts; p++) {
        end += layout.endOffset(s, c, p);
      }
      StringBuilder b = new StringBuilder();
      b.append(parts == 1 ? "offset " : "offsets ");
      if (parts <= 4) {
        for (int p = 0; p < parts; p++) {
          b.append(p == 0 ? "" : "/").append(layout.endOffset(s, c, p));
        }
      } else {
        b.append('Σ').append(end);
      }
      List<String> groups = layout.groups(c);
      for (int gi = 0; gi < groups.size() && gi < 3; gi++) {
        b.append(" · lag ");
        if (groups.size() > 1) {
          b.append(groups.get(gi)).append(' ');
        }
        b.append(layout.lag(s, c, gi));
      }
      return b.toString();
    }
    int replicas = layout.replicas(c);
    if (replicas > 1) {
      StringBuilder b = new StringBuilder();
      for (int r = 0; r < replicas; r++) {
        if (layout.replicaDown(s, c, r)) {
          b.append(b.length() == 0 ? "" : " · ").append("r").append(r).append(" down");
          continue;
        }
        long lag = layout.replicationLag(s, c, r);
        if (lag >= 0) {
          b.append(b.length() == 0 ? "" : " · ").append("r").append(r).append(" lag ").append(lag);
        }
      }
      return b.toString();
    }
    if (layout.windowCount(s, c) > 0) {
      long[] w = layout.lastWindow(s, c);
      return String.format(Locale.ROOT, "window %.1f–%.1f s = %d", w[0] / 1e6, w[1] / 1e6, w[2]);
    }
    return "";
  }

  private static void paintCrashed(GraphicsContext g, Rectangle2D b) {
    g.setFill(CRASH.deriveColor(0, 1, 1, 0.18));
    g.fillRect(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    g.setStroke(CRASH.deriveColor(0, 1, 1, 0.6));
    g.setLineWidth(1.5);
    g.save();
    g.beginPath();
    g.rect(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
    g.clip();
    for (double d = -b.getHeight(); d < b.getWidth(); d += 10) {
      g.strokeLine(b.getMinX() + d, b.getMaxY(), b.getMinX() + d + b.getHeight(), b.getMinY());
    }
    g.restore();
    g.setStroke(CRASH);
    g.setLineWidth(3);
    g.strokeLine(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY());
    g.strokeLine(b.getMinX(), b.getMaxY(), b.getMaxX(), b.getMinY());
    g.strokeRect(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
  }

  private static void paintBadge(GraphicsContext g, Rectangle2D b, String text, boolean warn) {
    double h = 15;
    double w = text.length() * 5.6 + 10;
    double x = b.getMaxX() - w + 6;
    double y = b.getMinY() - h + 5;
    g.setFill(warn ? BADGE_WARN : BADGE_FILL);
    g.fillRoundRect(x, y, w, h, h, h);
    g.setFill(BADGE_TEXT);
    g.fillText(text, x + 5, y + h / 2);
  }
}
