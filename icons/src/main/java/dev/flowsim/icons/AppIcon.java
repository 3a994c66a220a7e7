package dev.flowsim.icons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Flowsim application icon (window, launcher, installers): PNGs of {@link #SIZES}, a Windows
 * {@code .ico}, a macOS {@code .icns} and the SVG source, all rendered from {@code flowsim.svg} by
 * {@code icons/make-app-icon.sh}.
 *
 * <p>For a JavaFX stage: {@code for (int s : AppIcon.SIZES) stage.getIcons().add(new
 * Image(AppIcon.open(s)))} (close the streams), so the window manager picks the size it needs.
 */
public final class AppIcon {
  /** The folder of the icon files on the classpath. */
  public static final String FOLDER = "/dev/flowsim/icons/app/";

  /** The square PNG sizes shipped, in pixels, smallest first. */
  public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

  /** The Windows icon (16…256 in one file). */
  public static final String ICO = FOLDER + "flowsim.ico";

  /** The macOS icon (16…512 in one file). */
  public static final String ICNS = FOLDER + "flowsim.icns";

  /** The vector source. */
  public static final String SVG = FOLDER + "flowsim.svg";

  private AppIcon() {}

  /** The classpath resource of the PNG of one of {@link #SIZES}. */
  public static String png(int size) {
    if (!SIZES.contains(size)) {
      throw new IllegalArgumentException("no " + size + " px app icon; sizes: " + SIZES);
    }
    return FOLDER + "flowsim-" + size + ".png";
  }

  /** Opens the PNG of one of {@link #SIZES}; the caller closes the stream. */
  public static InputStream open(int size) {
    return openResource(png(size));
  }

  /** Opens any of the icon resources ({@link #ICO}, {@link #ICNS}, {@link #SVG}, a PNG). */
  public static InputStream openResource(String resource) {
    InputStream in = AppIcon.class.getResourceAsStream(resource);
    if (in == null) {
      throw new UncheckedIOException(
          new IOException("app icon missing from classpath: " + resource));
    }
    return in;
  }
}
