package dev.flowsim.app.gui.sim;

import dev.flowsim.app.gui.doc.Selection.Link;
import java.util.List;
import java.util.Set;

/**
 * What the canvas emphasises on top of the selection: the components and connections of a finding
 * (or of the selected key's events), and a causal path — the witness events' hops in order, each a
 * connection the message crossed — drawn as a numbered trail across the graph.
 */
public record Highlight(Set<String> components, Set<Link> links, List<Link> path, String label) {

  public static final Highlight NONE = new Highlight(Set.of(), Set.of(), List.of(), "");

  public Highlight {
    components = Set.copyOf(components);
    links = Set.copyOf(links);
    path = List.copyOf(path);
    label = label == null ? "" : label;
  }

  public boolean isEmpty() {
    return components.isEmpty() && links.isEmpty() && path.isEmpty();
  }
}
