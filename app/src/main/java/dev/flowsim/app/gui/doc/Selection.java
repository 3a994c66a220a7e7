package dev.flowsim.app.gui.doc;

import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import java.util.Collection;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/**
 * What the user has selected: components by id and connections by their (from, to) pair. The
 * property panel, the canvas and the panels observe it; after an edit, ids that no longer exist are
 * dropped by {@link #retainExisting}.
 */
public final class Selection {

  /** A connection named by its endpoints (the model allows one connection per pair). */
  public record Link(String from, String to) {
    public static Link of(Connection c) {
      return new Link(c.from(), c.to());
    }

    public boolean matches(Connection c) {
      return c.from().equals(from) && c.to().equals(to);
    }
  }

  private final ObservableSet<String> components = FXCollections.observableSet();
  private final ObservableSet<Link> links = FXCollections.observableSet();

  public ObservableSet<String> components() {
    return components;
  }

  public ObservableSet<Link> links() {
    return links;
  }

  public boolean isEmpty() {
    return components.isEmpty() && links.isEmpty();
  }

  public void clear() {
    components.clear();
    links.clear();
  }

  /** Selects exactly these components (and no connection). */
  public void selectComponents(Collection<String> ids) {
    links.clear();
    components.retainAll(ids);
    components.addAll(ids);
  }

  /** Selects exactly this connection. */
  public void selectLink(Link link) {
    components.clear();
    links.retainAll(List.of(link));
    links.add(link);
  }

  /** Drops selected ids that the pipeline no longer has. */
  public void retainExisting(Pipeline p) {
    components.removeIf(id -> p.components().stream().noneMatch(c -> c.id().equals(id)));
    links.removeIf(l -> p.connections().stream().noneMatch(l::matches));
  }
}
