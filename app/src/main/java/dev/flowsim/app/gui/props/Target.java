package dev.flowsim.app.gui.props;

import dev.flowsim.app.gui.doc.Selection.Link;
import dev.flowsim.model.Component;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an edited element lives in a pipeline: a component by id, a connection by its ends, or the
 * pipeline's own settings. Reads the element from any pipeline (so an edit built now applies the
 * same way on redo), writes a changed copy back, and names its JSON path for matching validation
 * errors to the field being edited.
 */
interface Target<T> {

  /** The name used in edit descriptions: a component id, {@code a -> b}, or "pipeline". */
  String label();

  /** The element in {@code p}, or null when it no longer exists. */
  T read(Pipeline p);

  Pipeline write(Pipeline p, T value);

  /** The JSON path of the element in {@code p}: {@code components[3]}, or empty for settings. */
  String path(Pipeline p);

  /** A component of type {@code C} by id. */
  record ComponentTarget<C extends Component>(String id, Class<C> type) implements Target<C> {
    @Override
    public String label() {
      return id;
    }

    @Override
    public C read(Pipeline p) {
      return p.component(id).filter(type::isInstance).map(type::cast).orElse(null);
    }

    @Override
    public Pipeline write(Pipeline p, C value) {
      int i = p.indexOf(id);
      if (i < 0) {
        throw new IllegalArgumentException(id + " no longer exists");
      }
      List<Component> list = new ArrayList<>(p.components());
      list.set(i, value);
      return p.withComponents(list);
    }

    @Override
    public String path(Pipeline p) {
      return "components[" + p.indexOf(id) + "]";
    }
  }

  /** A connection by its ends. */
  record LinkTarget(Link link) implements Target<Connection> {
    @Override
    public String label() {
      return link.from() + " -> " + link.to();
    }

    @Override
    public Connection read(Pipeline p) {
      return p.connections().stream().filter(link::matches).findFirst().orElse(null);
    }

    @Override
    public Pipeline write(Pipeline p, Connection value) {
      List<Connection> list = new ArrayList<>(p.connections());
      for (int i = 0; i < list.size(); i++) {
        if (link.matches(list.get(i))) {
          list.set(i, value);
          return p.withConnections(list);
        }
      }
      throw new IllegalArgumentException(label() + " no longer exists");
    }

    @Override
    public String path(Pipeline p) {
      for (int i = 0; i < p.connections().size(); i++) {
        if (link.matches(p.connections().get(i))) {
          return "connections[" + i + "]";
        }
      }
      return "connections[-1]";
    }
  }

  /** The pipeline's settings: the element is the pipeline itself. */
  record Settings() implements Target<Pipeline> {
    @Override
    public String label() {
      return "pipeline";
    }

    @Override
    public Pipeline read(Pipeline p) {
      return p;
    }

    @Override
    public Pipeline write(Pipeline p, Pipeline value) {
      return value;
    }

    @Override
    public String path(Pipeline p) {
      return "";
    }
  }
}
