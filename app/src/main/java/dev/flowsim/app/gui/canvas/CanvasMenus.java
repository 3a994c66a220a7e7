package dev.flowsim.app.gui.canvas;

import dev.flowsim.icons.KindIcon;
import dev.flowsim.model.ComponentKind;
import java.util.List;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.kordamp.ikonli.javafx.FontIcon;

/** The context menus of the canvas: on a component, on a connection, on empty space. */
final class CanvasMenus {
  private final DesignCanvas canvas;
  private final ContextMenu menu = new ContextMenu();

  CanvasMenus(DesignCanvas canvas) {
    this.canvas = canvas;
    menu.setId("canvas-menu");
  }

  void hide() {
    menu.hide();
  }

  private static MenuItem item(String id, String text, String icon, String keys, Runnable r) {
    MenuItem i = new MenuItem(text);
    i.setId(id);
    if (icon != null) {
      i.setGraphic(new FontIcon(icon));
    }
    // the keys are not set as accelerators: the canvas handles them itself, and the window's
    // menus have them; a second registration would run a command twice
    i.getProperties().put("keys", keys);
    i.setOnAction(e -> r.run());
    return i;
  }

  /** Shows the menu for what was right-clicked, at a screen point (x, y local to the canvas). */
  void showFor(DesignCanvas.Hit hit, double screenX, double screenY, double x, double y) {
    CanvasActions a = canvas.actions();
    var sel = canvas.editor().selection();
    menu.getItems().clear();
    if (hit.node() != null) {
      String id = hit.node().componentId();
      if (!sel.components().contains(id)) {
        sel.selectComponents(List.of(id));
      }
      int n = sel.components().size();
      menu.getItems()
          .addAll(
              item("menu-rename", "Rename…", "mdi2r-rename-box", "F2", a::renameSelected),
              new SeparatorMenuItem(),
              item("menu-cut", "Cut", "mdi2c-content-cut", "Shortcut+X", a::cut),
              item("menu-copy", "Copy", "mdi2c-content-copy", "Shortcut+C", a::copy),
              item(
                  "menu-duplicate",
                  "Duplicate",
                  "mdi2c-content-duplicate",
                  "Shortcut+D",
                  a::duplicate),
              new SeparatorMenuItem(),
              item(
                  "menu-delete",
                  n == 1 ? "Delete" : "Delete " + n + " components",
                  "mdi2d-delete-outline",
                  "Delete",
                  a::deleteSelection));
      menu.getItems().get(0).setDisable(n != 1);
    } else if (hit.link() != null) {
      sel.selectLink(hit.link().link);
      menu.getItems()
          .add(
              item(
                  "menu-delete-link",
                  "Delete connection " + hit.link().link.from() + " → " + hit.link().link.to(),
                  "mdi2d-delete-outline",
                  "Delete",
                  a::deleteSelection));
    } else {
      ViewTransform v = canvas.transform();
      double wx = v.toWorldX(x) - NodeSkin.WIDTH / 2;
      double wy = v.toWorldY(y) - NodeSkin.HEIGHT / 2;
      Menu add = new Menu("Add component");
      add.setId("menu-add");
      add.setGraphic(new FontIcon("mdi2p-plus-box-outline"));
      for (ComponentKind k : ComponentKind.values()) {
        KindIcon icon = KindIcon.forType(k.typeName()).orElse(KindIcon.SERVICE);
        add.getItems()
            .add(
                item(
                    "menu-add-" + k.typeName(),
                    icon.label(),
                    icon.literal(),
                    null,
                    () -> canvas.add(k, canvas.snap(wx), canvas.snap(wy))));
      }
      menu.getItems()
          .addAll(
              add,
              item("menu-paste", "Paste", "mdi2c-content-paste", "Shortcut+V", a::paste),
              item("menu-select-all", "Select all", "mdi2s-select-all", "Shortcut+A", a::selectAll),
              new SeparatorMenuItem(),
              item("menu-arrange", "Arrange", "mdi2a-auto-fix", null, a::arrange),
              item(
                  "menu-fit",
                  "Fit to window",
                  "mdi2f-fit-to-screen-outline",
                  "Shortcut+Shift+F",
                  a::fitToWindow));
    }
    menu.show(canvas.view(), screenX, screenY);
  }
}
