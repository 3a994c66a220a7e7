package dev.flowsim.icons;

import java.util.Arrays;
import java.util.Optional;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The icon of each component kind, one glyph of the Material Design Icons font (shipped by Ikonli),
 * chosen so that the eleven kinds are told apart at a glance: a log is a numbered list, a queue a
 * full tray, a store its usual pictogram. The module has no JavaFX dependency: the designer draws
 * the glyph with Ikonli's {@code FontIcon(literal())}, the image exporters draw the font's code
 * point (see {@link IconFont}).
 */
public enum KindIcon {
  PRODUCER("producer", "Producer", MaterialDesignC.CUBE_SEND),
  TOPIC("topic", "Log topic", MaterialDesignF.FORMAT_LIST_NUMBERED),
  QUEUE("queue", "Queue", MaterialDesignT.TRAY_FULL),
  PROCESSOR("processor", "Stream processor", MaterialDesignC.COGS),
  SERVICE("service", "Service", MaterialDesignA.APPLICATION_COG),
  DATABASE("database", "Database", MaterialDesignD.DATABASE),
  SEARCH_INDEX("search-index", "Search index", MaterialDesignT.TEXT_BOX_SEARCH),
  CACHE("cache", "Cache", MaterialDesignF.FLASH),
  WAREHOUSE("warehouse", "Warehouse", MaterialDesignW.WAREHOUSE),
  MATERIALIZED_VIEW("materialized-view", "Materialized view", MaterialDesignT.TABLE_EYE),
  READER("reader", "Reader", MaterialDesignA.ACCOUNT_EYE);

  private final String typeName;
  private final String label;
  private final Ikon ikon;

  KindIcon(String typeName, String label, Ikon ikon) {
    this.typeName = typeName;
    this.label = label;
    this.ikon = ikon;
  }

  /** The component type name of the spec ({@code "search-index"}). */
  public String typeName() {
    return typeName;
  }

  /** A human name for palettes and legends ({@code "Search index"}). */
  public String label() {
    return label;
  }

  /** The Ikonli icon literal, e.g. {@code "mdi2d-database"}, for {@code new FontIcon(literal)}. */
  public String literal() {
    return ikon.getDescription();
  }

  /** The glyph's code point in the Material Design Icons font. */
  public int codePoint() {
    return ikon.getCode();
  }

  /** The icon of a spec type name. */
  public static Optional<KindIcon> forType(String typeName) {
    return Arrays.stream(values()).filter(k -> k.typeName.equals(typeName)).findFirst();
  }
}
