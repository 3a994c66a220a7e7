package dev.flowsim.simulator.node;

import dev.flowsim.model.Component;
import dev.flowsim.model.Database;
import dev.flowsim.model.DerivedStore;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.simulator.engine.Node;
import dev.flowsim.simulator.engine.World;

/** Makes the run-time node of each component kind. */
public final class Nodes {
  private Nodes() {}

  /**
   * The node for {@code c}.
   *
   * @throws UnsupportedOperationException for a component the simulator cannot run yet, with why
   */
  public static Node create(World world, Component c) {
    if (c instanceof Producer p) {
      return new ProducerNode(world, p);
    }
    if (c instanceof Topic t) {
      return new TopicNode(world, t);
    }
    if (c instanceof Queue q) {
      return new QueueNode(world, q);
    }
    if (c instanceof Processor p) {
      return new ProcessorNode(world, p);
    }
    if (c instanceof Service s) {
      return new ServiceNode(world, s);
    }
    if (c instanceof Database d) {
      return new DatabaseNode(world, d);
    }
    if (c instanceof dev.flowsim.model.Reader r) {
      return new ReaderNode(world, r);
    }
    if (c instanceof DerivedStore d) {
      return new StoreNode(world, d);
    }
    throw new Unsupported(c.id(), "the simulator does not model " + c.kind() + " components yet");
  }

  /** A component (or a setting of it) that the simulator cannot run yet. */
  public static final class Unsupported extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;
    private final String componentId;

    public Unsupported(String componentId, String message) {
      super(message);
      this.componentId = componentId;
    }

    public String componentId() {
      return componentId;
    }
  }
}
