package dev.flowsim.app.gui.sim;

import dev.flowsim.model.Pipeline;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.check.Finding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The simulation state a designer window shares between its views: the latest result (null before
 * the first run), whether the design changed since (results out of date), the playback cursor in
 * simulated microseconds, the selected key and finding, and what the canvas highlights. The run
 * controller writes the result; the time controls move the cursor; charts, the anomaly panel, the
 * key timeline and the canvas overlay observe it. FX thread only.
 */
public final class RunSession {

  private final ObjectProperty<SimulationResult> result =
      new SimpleObjectProperty<>(this, "result");
  private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
  private final LongProperty timeMicros = new SimpleLongProperty(this, "timeMicros");
  private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
  private final ObjectProperty<String> selectedKey =
      new SimpleObjectProperty<>(this, "selectedKey");
  private final ObjectProperty<Finding> selectedFinding =
      new SimpleObjectProperty<>(this, "selectedFinding");
  private final ObjectProperty<Highlight> highlight =
      new SimpleObjectProperty<>(this, "highlight", Highlight.NONE);
  private final ObjectProperty<PlaybackModel> playback =
      new SimpleObjectProperty<>(this, "playback");

  public RunSession() {
    result.addListener((obs, before, after) -> stale.set(false));
  }

  /** The latest completed run, or null. */
  public ObjectProperty<SimulationResult> resultProperty() {
    return result;
  }

  public SimulationResult result() {
    return result.get();
  }

  /** True when the design was edited after the shown result was computed. */
  public ReadOnlyBooleanProperty staleProperty() {
    return stale.getReadOnlyProperty();
  }

  /** The playback cursor: the simulated time the canvas, charts and panels show. */
  public LongProperty timeMicrosProperty() {
    return timeMicros;
  }

  public BooleanProperty playingProperty() {
    return playing;
  }

  /** The key whose events are highlighted and shown in the timeline, or null. */
  public ObjectProperty<String> selectedKeyProperty() {
    return selectedKey;
  }

  public ObjectProperty<Finding> selectedFindingProperty() {
    return selectedFinding;
  }

  public ObjectProperty<Highlight> highlightProperty() {
    return highlight;
  }

  /**
   * The playback index of the shown result (flights, states at any time), or null while it is being
   * prepared or when there is no result. Set by the run controller; always that of {@link
   * #result()} when not null.
   */
  public ObjectProperty<PlaybackModel> playbackProperty() {
    return playback;
  }

  /** Called by the editor when the design changes: the shown result no longer matches it. */
  public void designChanged(Pipeline now) {
    SimulationResult r = result.get();
    stale.set(r != null && !r.pipeline().equals(now));
  }
}
