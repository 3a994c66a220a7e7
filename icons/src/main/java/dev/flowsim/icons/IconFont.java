package dev.flowsim.icons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Where the Material Design Icons font of {@link KindIcon} lives, for renderers without JavaFX. */
public final class IconFont {
  /** The classpath resource of the TrueType font (inside Ikonli's pack). */
  public static final String RESOURCE =
      "/META-INF/resources/materialdesign2/7.4.47/fonts/materialdesignicons-webfont.ttf";

  private IconFont() {}

  /** Opens the font file; the caller closes the stream. */
  public static InputStream open() {
    InputStream in = IconFont.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new UncheckedIOException(
          new IOException("icon font missing from classpath: " + RESOURCE));
    }
    return in;
  }
}
