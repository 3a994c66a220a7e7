package dev.flowsim.icons;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class AppIconTest {

  @Test
  void everyShippedSizeIsASquarePngOfThatSize() throws IOException {
    for (int size : AppIcon.SIZES) {
      try (InputStream in = AppIcon.open(size)) {
        BufferedImage image = ImageIO.read(in);
        assertEquals(size, image.getWidth(), "width of " + AppIcon.png(size));
        assertEquals(size, image.getHeight(), "height of " + AppIcon.png(size));
        // the corners are transparent (rounded square), the centre is not
        assertEquals(0, image.getRGB(0, 0) >>> 24, "corner alpha of " + size);
        assertTrue(image.getRGB(size / 2, size / 2) >>> 24 > 0, "centre alpha of " + size);
      }
    }
  }

  @Test
  void windowsAndMacIconsHaveTheirMagicNumbers() throws IOException {
    try (InputStream in = AppIcon.openResource(AppIcon.ICO)) {
      assertArrayEquals(new byte[] {0, 0, 1, 0}, in.readNBytes(4), "ICO header");
    }
    try (InputStream in = AppIcon.openResource(AppIcon.ICNS)) {
      assertArrayEquals("icns".getBytes(StandardCharsets.US_ASCII), in.readNBytes(4));
    }
    try (InputStream in = AppIcon.openResource(AppIcon.SVG)) {
      String svg = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(svg.contains("<svg"), "SVG source");
    }
  }

  @Test
  void anUnshippedSizeIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AppIcon.png(20));
    assertTrue(e.getMessage().contains("sizes"), e.getMessage());
  }
}
