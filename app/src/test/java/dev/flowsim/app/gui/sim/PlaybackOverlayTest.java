package dev.flowsim.app.gui.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.app.gui.canvas.DesignGeometry;
import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Fault;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.simulator.SimulationResult;
import dev.flowsim.simulator.trace.StepKind;
import dev.flowsim.simulator.trace.TraceCursor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The playback overlay painted with a fake geometry (boxes at the spec's layout). */
@ExtendWith(ApplicationExtension.class)
class PlaybackOverlayTest {

  /** Boxes of 140×56 at the layout positions; straight connections between box edges. */
  static final class FakeGeometry implements DesignGeometry {
    final Map<String, Rectangle2D> boxes = new HashMap<>();

    FakeGeometry(Pipeline p) {
      int i = 0;
      for (var c : p.components()) {
        Position at = p.layout().get(c.id());
        double x = at != null ? at.x() : 200 * i;
        double y = at != null ? at.y() : 100;
        boxes.put(c.id(), new Rectangle2D(x, y, 140, 56));
        i++;
      }
    }

    @Override
    public Rectangle2D bounds(String id) {
      return boxes.get(id);
    }

    @Override
    public Curve curve(Link link) {
      Rectangle2D a = boxes.get(link.from());
      Rectangle2D b = boxes.get(link.to());
      if (a == null || b == null) {
        return null;
      }
      double x0 = a.getMaxX();
      double y0 = a.getMinY() + a.getHeight() / 2;
      double x1 = b.getMinX();
      double y1 = b.getMinY() + b.getHeight() / 2;
      return new Curve() {
        @Override
        public void at(double t, double[] xy) {
          xy[0] = x0 + (x1 - x0) * t;
          xy[1] = y0 + (y1 - y0) * t;
        }

        @Override
        public double length() {
          return Math.hypot(x1 - x0, y1 - y0);
        }
      };
    }

    @Override
    public double zoom() {
      return 1;
    }
  }

  private static final Rectangle2D EVERYWHERE = new Rectangle2D(-1e6, -1e6, 2e6, 2e6);

  @Test
  void paintsEveryTokenInFlight(FxRobot robot) throws Exception {
    Pipeline p = PlaybackModelTest.example("01-");
    SimulationResult r = PlaybackModelTest.run(p, 3_000_000L, null);
    PlaybackModel m = PlaybackModel.build(r);
    AtomicLong time = new AtomicLong(r.endMicros() / 2);
    AtomicReference<String> key = new AtomicReference<>();
    PlaybackOverlay overlay = new PlaybackOverlay(() -> m, time::get, key::get);
    FakeGeometry geo = new FakeGeometry(p);
    Canvas canvas = new Canvas(1400, 400);
    GraphicsContext g = canvas.getGraphicsContext2D();
    int[] painted = new int[3];
    robot.interact(
        () -> {
          overlay.paint(g, geo, EVERYWHERE);
          painted[0] = overlay.tokensPainted();
          // nothing of the design visible: no token
          overlay.paint(g, geo, new Rectangle2D(5000, 5000, 10, 10));
          painted[1] = overlay.tokensPainted();
          overlay.setColouring(PlaybackOverlay.Colouring.PARTITION);
          key.set(r.trace().keys().name(0));
          overlay.paint(g, geo, EVERYWHERE);
          painted[2] = overlay.tokensPainted();
        });
    int inFlight = m.flights().countAt(time.get());
    assertTrue(inFlight > 0);
    assertEquals(inFlight, painted[0]);
    assertEquals(0, painted[1]);
    assertEquals(inFlight, painted[2]);
  }

  @Test
  void badgesShowQueueDepthAndConsumerLag() throws Exception {
    Pipeline p = PlaybackModelTest.example("04-");
    SimulationResult r = PlaybackModelTest.run(p, 20_000_000L, null);
    PlaybackModel m = PlaybackModel.build(r);
    StateLayout layout = m.layout();
    long[] s = m.seeker().seek(r.endMicros() / 2);
    boolean sawTopic = false;
    for (int c = 0; c < layout.componentCount(); c++) {
      String badge = PlaybackOverlay.badge(layout, s, c);
      if (layout.partitions(c) > 0) {
        sawTopic = true;
        assertTrue(badge.startsWith("offset"), badge);
        assertTrue(badge.contains("lag"), badge);
        long end = 0;
        for (int part = 0; part < layout.partitions(c); part++) {
          end += layout.endOffset(s, c, part);
        }
        assertTrue(end > 0, "something appended by mid-run");
      }
    }
    assertTrue(sawTopic);
  }

  @Test
  void crashesShowWhileTheComponentIsDown() throws Exception {
    Pipeline p = PlaybackModelTest.example("05-");
    SimulationResult r = PlaybackModelTest.run(p, p.duration().micros(), null);
    PlaybackModel m = PlaybackModel.build(r);
    TraceCursor c = r.trace().cursor();
    long crashAt = -1;
    int who = -1;
    while (c.next()) {
      if (c.kind() == StepKind.CRASH && c.partition() < 0) {
        crashAt = c.timeMicros();
        who = m.local(c.component());
        break;
      }
    }
    assertTrue(crashAt > 0, "example 05 crashes a component");
    StateLayout layout = m.layout();
    PlaybackModel.Seeker seeker = m.seeker();
    assertTrue(layout.crashed(seeker.seek(crashAt), who));
    assertFalse(layout.crashed(seeker.seek(crashAt - 1), who));
    assertTrue(PlaybackOverlay.badge(layout, seeker.seek(crashAt), who) != null);
  }

  @Test
  void aCutLinkIsCutOnlyDuringThePartition() throws Exception {
    Pipeline p = PlaybackModelTest.example("01-");
    Pipeline cut =
        p.withFaults(
            List.of(
                new Fault.Partition(
                    "profile-service",
                    "profile-search",
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    null)));
    SimulationResult r = PlaybackModelTest.run(cut, 3_000_000L, null);
    PlaybackModel m = PlaybackModel.build(r);
    StateLayout layout = m.layout();
    int link = -1;
    for (int i = 0; i < cut.connections().size(); i++) {
      if (cut.connections().get(i).to().equals("profile-search")) {
        link = i;
      }
    }
    PlaybackModel.Seeker seeker = m.seeker();
    assertEquals(0, layout.cut(seeker.seek(999_999), link));
    assertEquals(3, layout.cut(seeker.seek(1_500_000), link), "both directions cut");
    assertEquals(0, layout.cut(seeker.seek(2_000_001), link));
    // messages sent into the cut are dropped: their flights end in a drop
    Flights f = m.flights();
    boolean dropped = false;
    for (int i = 0; i < f.size(); i++) {
      if (f.link(i) == link && (f.flags(i) & Flights.DROPPED) != 0) {
        dropped = true;
      }
    }
    assertTrue(dropped);
  }
}
