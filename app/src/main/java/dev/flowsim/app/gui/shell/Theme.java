package dev.flowsim.app.gui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;

/** The designer's two AtlantaFX looks; the choice applies to every window of the application. */
public enum Theme {
  LIGHT,
  DARK;

  /** Makes this the look of the whole application. */
  public void apply() {
    Application.setUserAgentStylesheet(
        this == DARK
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The theme named by {@code key}, light when unknown. */
  public static Theme of(String key) {
    return "dark".equalsIgnoreCase(key) ? DARK : LIGHT;
  }
}
