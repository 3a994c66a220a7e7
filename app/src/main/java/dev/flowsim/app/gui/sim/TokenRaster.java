package dev.flowsim.app.gui.sim;

import java.util.Arrays;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * Draws many small discs (message tokens) into a pixel buffer and puts the buffer on the canvas as
 * one image: thousands of {@code fillOval} calls cost far more to render (each is rasterised as a
 * shape) than writing a few dozen pixels per token ourselves. Works in screen pixels; only the
 * region touched by this frame's or the previous frame's tokens is cleared and uploaded. FX thread
 * only.
 */
final class TokenRaster {

  private static final PixelFormat<java.nio.IntBuffer> FORMAT = PixelFormat.getIntArgbPreInstance();

  private int width;
  private int height;
  private int[] pixels = new int[0];
  private WritableImage image;

  // the region written last frame (to clear) and this frame (to upload): [x0, x1) × [y0, y1)
  private int prevX0;
  private int prevY0;
  private int prevX1;
  private int prevY1;
  private int x0;
  private int y0;
  private int x1;
  private int y1;

  private int radius = -1;
  private int[] maskDx = new int[0];
  private int[] maskDy = new int[0];
  private int[] maskCover = new int[0]; // 0..256

  /** Starts a frame on a canvas of {@code w}×{@code h} pixels with discs of radius {@code r}. */
  void begin(int w, int h, int r) {
    w = Math.max(1, w);
    h = Math.max(1, h);
    if (w != width || h != height) {
      width = w;
      height = h;
      pixels = new int[w * h];
      image = new WritableImage(w, h);
      prevX0 = prevY0 = prevX1 = prevY1 = 0;
    } else {
      for (int y = prevY0; y < prevY1; y++) {
        Arrays.fill(pixels, y * width + prevX0, y * width + prevX1, 0);
      }
    }
    if (r != radius) {
      mask(r);
    }
    x0 = width;
    y0 = height;
    x1 = 0;
    y1 = 0;
  }

  private void mask(int r) {
    radius = r;
    int n = (2 * r + 1) * (2 * r + 1);
    int[] dx = new int[n];
    int[] dy = new int[n];
    int[] cover = new int[n];
    int k = 0;
    for (int y = -r; y <= r; y++) {
      for (int x = -r; x <= r; x++) {
        double d = Math.sqrt(x * x + y * y);
        double c = Math.max(0, Math.min(1, r + 0.5 - d));
        if (c > 0) {
          dx[k] = x;
          dy[k] = y;
          cover[k] = (int) Math.round(c * 256);
          k++;
        }
      }
    }
    maskDx = Arrays.copyOf(dx, k);
    maskDy = Arrays.copyOf(dy, k);
    maskCover = Arrays.copyOf(cover, k);
  }

  /** A colour as premultiplied ARGB with its opacity scaled by {@code alpha}. */
  static int premultiplied(Color c, double alpha) {
    double a = c.getOpacity() * alpha;
    int ai = (int) Math.round(a * 255);
    int r = (int) Math.round(c.getRed() * a * 255);
    int g = (int) Math.round(c.getGreen() * a * 255);
    int b = (int) Math.round(c.getBlue() * a * 255);
    return (ai << 24) | (r << 16) | (g << 8) | b;
  }

  /** Draws a disc centred at screen point ({@code sx}, {@code sy}) in a premultiplied colour. */
  void disc(double sx, double sy, int argbPre) {
    int cx = (int) Math.round(sx);
    int cy = (int) Math.round(sy);
    int r = radius;
    if (cx + r < 0 || cy + r < 0 || cx - r >= width || cy - r >= height) {
      return;
    }
    boolean inside = cx - r >= 0 && cy - r >= 0 && cx + r < width && cy + r < height;
    int[] px = pixels;
    int w = width;
    for (int i = 0; i < maskDx.length; i++) {
      int x = cx + maskDx[i];
      int y = cy + maskDy[i];
      if (!inside && (x < 0 || y < 0 || x >= w || y >= height)) {
        continue;
      }
      int at = y * w + x;
      int cover = maskCover[i];
      px[at] =
          cover >= 256 && (argbPre >>> 24) == 255 ? argbPre : over(scale(argbPre, cover), px[at]);
    }
    int lx = Math.max(0, cx - r);
    int ly = Math.max(0, cy - r);
    int hx = Math.min(w, cx + r + 1);
    int hy = Math.min(height, cy + r + 1);
    if (lx < x0) {
      x0 = lx;
    }
    if (ly < y0) {
      y0 = ly;
    }
    if (hx > x1) {
      x1 = hx;
    }
    if (hy > y1) {
      y1 = hy;
    }
  }

  private static int scale(int argb, int cover) {
    if (cover >= 256) {
      return argb;
    }
    int a = ((argb >>> 24) * cover) >> 8;
    int r = (((argb >> 16) & 0xFF) * cover) >> 8;
    int g = (((argb >> 8) & 0xFF) * cover) >> 8;
    int b = ((argb & 0xFF) * cover) >> 8;
    return (a << 24) | (r << 16) | (g << 8) | b;
  }

  /** Premultiplied source-over. */
  private static int over(int src, int dst) {
    int sa = src >>> 24;
    if (sa == 255 || dst == 0) {
      return src;
    }
    int inv = 256 - sa;
    int a = sa + (((dst >>> 24) * inv) >> 8);
    int r = ((src >> 16) & 0xFF) + ((((dst >> 16) & 0xFF) * inv) >> 8);
    int g = ((src >> 8) & 0xFF) + ((((dst >> 8) & 0xFF) * inv) >> 8);
    int b = (src & 0xFF) + (((dst & 0xFF) * inv) >> 8);
    return (a << 24) | (r << 16) | (g << 8) | b;
  }

  /**
   * Uploads what changed and draws the tokens onto {@code g} in screen coordinates (the context's
   * transform is left as it was).
   */
  void end(GraphicsContext g) {
    int ux0 = Math.min(x0, prevX0);
    int uy0 = Math.min(y0, prevY0);
    int ux1 = Math.max(x1, prevX1);
    int uy1 = Math.max(y1, prevY1);
    if (prevX1 <= prevX0 || prevY1 <= prevY0) {
      ux0 = x0;
      uy0 = y0;
      ux1 = x1;
      uy1 = y1;
    }
    if (ux1 > ux0 && uy1 > uy0) {
      image
          .getPixelWriter()
          .setPixels(ux0, uy0, ux1 - ux0, uy1 - uy0, FORMAT, pixels, uy0 * width + ux0, width);
    }
    if (x1 > x0 && y1 > y0) {
      g.save();
      g.setTransform(1, 0, 0, 1, 0, 0);
      g.setGlobalAlpha(1);
      int w = x1 - x0;
      int h = y1 - y0;
      g.drawImage(image, x0, y0, w, h, x0, y0, w, h);
      g.restore();
    }
    prevX0 = x0;
    prevY0 = y0;
    prevX1 = x1;
    prevY1 = y1;
  }
}
