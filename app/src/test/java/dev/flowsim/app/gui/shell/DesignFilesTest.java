package dev.flowsim.app.gui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.flowsim.app.cli.DesignerBenchCommand;
import dev.flowsim.layouts.LayeredFallbackLayout;
import dev.flowsim.layouts.LayoutSpacing;
import dev.flowsim.model.Pipeline;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Positions given to a spec when it is opened from a file. */
class DesignFilesTest {

  @Test
  void aLargeSpecWithoutPositionsIsPlacedByTheFastLayoutTheCanvasUses() {
    Pipeline bare = DesignerBenchCommand.design(9).withLayout(Map.of()); // 90 components
    Pipeline placed = DesignFiles.withPositions(bare);
    assertEquals(new LayeredFallbackLayout(LayoutSpacing.DEFAULT).complete(bare), placed);
    assertEquals(bare.components().size(), placed.layout().size());
  }

  @Test
  void aSpecWithEveryPositionIsLeftAsItIs() {
    Pipeline bare = DesignerBenchCommand.design(1).withLayout(Map.of());
    Pipeline placed = DesignFiles.withPositions(bare);
    assertSame(placed, DesignFiles.withPositions(placed));
  }
}
