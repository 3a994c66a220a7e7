package dev.flowsim.app.export;

import dev.flowsim.icons.IconFont;
import dev.flowsim.icons.KindIcon;
import dev.flowsim.layouts.LayoutSpacing;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Position;
import dev.flowsim.model.export.DotExporter;
import dev.flowsim.model.export.EdgeLabels;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A picture of a laid-out design, the same for SVG and PNG: a box per component at its layout
 * position with its kind's icon (the Material Design Icons glyph), its id and kind; a cubic curve
 * with an arrowhead per connection, labelled like the DOT export; the design's name as a title.
 * Drawn with Java2D only, so it works with {@code java.awt.headless=true}.
 */
public final class DesignImage {
  /** The largest PNG scale accepted. */
  public static final double MAX_SCALE = 8;

  static final double MARGIN = 24;
  static final double TITLE = 28;
  static final double ICON = 22;

  private static final FontRenderContext FRC =
      new FontRenderContext(new AffineTransform(), true, true);
  private static final Font ID_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 11);
  private static final Font KIND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 8);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);

  private static volatile Font iconFont;

  /** A component's box. */
  record Node(Component component, Rectangle2D box, Shape icon, String id, String kind) {}

  /** A connection's curve, its arrowhead and label. */
  record Edge(
      Connection connection,
      CubicCurve2D curve,
      Shape arrow,
      List<String> label,
      double lx,
      double ly) {

    /** The label's background: a box around its lines, centered on lx, its bottom at ly. */
    Rectangle2D labelBox() {
      double w = 0;
      for (String line : label) {
        w = Math.max(w, textWidth(line, LABEL_FONT));
      }
      double h = label.size() * LINE;
      return new Rectangle2D.Double(lx - w / 2 - 3, ly - h - 1, w + 6, h + 4);
    }
  }

  /** The height of a label line. */
  static final double LINE = 10;

  private final String title;
  private final List<Node> nodes;
  private final List<Edge> edges;
  private final double width;
  private final double height;

  private DesignImage(
      String title, List<Node> nodes, List<Edge> edges, double width, double height) {
    this.title = title;
    this.nodes = nodes;
    this.edges = edges;
    this.width = width;
    this.height = height;
  }

  /**
   * The picture of {@code p}; components without a layout position are left out (complete the
   * layout first, see {@link DesignExport#laidOut}).
   */
  public static DesignImage of(Pipeline p) {
    LayoutSpacing s = LayoutSpacing.DEFAULT;
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    for (Component c : p.components()) {
      Position pos = p.layout().get(c.id());
      if (pos != null) {
        minX = Math.min(minX, pos.x());
        minY = Math.min(minY, pos.y());
      }
    }
    if (minX == Double.POSITIVE_INFINITY) {
      minX = 0;
      minY = 0;
    }
    double dx = MARGIN - minX;
    double dy = MARGIN + TITLE - minY;
    List<Node> nodes = new ArrayList<>();
    Map<String, Rectangle2D> boxes = new HashMap<>();
    double right = 0;
    double bottom = MARGIN + TITLE;
    for (Component c : p.components()) {
      Position pos = p.layout().get(c.id());
      if (pos == null) {
        continue;
      }
      Rectangle2D box =
          new Rectangle2D.Double(pos.x() + dx, pos.y() + dy, s.nodeWidth(), s.nodeHeight());
      boxes.put(c.id(), box);
      Shape icon = icon(c.kind(), box.getX() + 8, box.getCenterY() - ICON / 2);
      double textWidth = box.getWidth() - ICON - 22;
      nodes.add(
          new Node(
              c,
              box,
              icon,
              fit(c.id(), ID_FONT, textWidth),
              fit(c.kind().typeName(), KIND_FONT, textWidth)));
      right = Math.max(right, box.getMaxX());
      bottom = Math.max(bottom, box.getMaxY());
    }
    List<Edge> edges = new ArrayList<>();
    for (Connection c : p.connections()) {
      Rectangle2D a = boxes.get(c.from());
      Rectangle2D b = boxes.get(c.to());
      if (a == null || b == null) {
        continue;
      }
      CubicCurve2D curve = curve(a, b);
      List<String> label = EdgeLabels.parts(p, c).stream().map(DesignImage::compact).toList();
      double lx =
          0.125 * curve.getX1()
              + 0.375 * curve.getCtrlX1()
              + 0.375 * curve.getCtrlX2()
              + 0.125 * curve.getX2();
      double ly =
          0.125 * curve.getY1()
              + 0.375 * curve.getCtrlY1()
              + 0.375 * curve.getCtrlY2()
              + 0.125 * curve.getY2();
      Edge edge = fitted(new Edge(c, curve, arrow(curve), label, lx, ly - 3), boxes.values());
      Rectangle2D bounds = curve.getBounds2D().createUnion(edge.labelBox());
      right = Math.max(right, bounds.getMaxX());
      bottom = Math.max(bottom, bounds.getMaxY());
      edges.add(edge);
    }
    String title = p.name().isBlank() ? "Flowsim design" : p.name();
    right = Math.max(right, MARGIN + textWidth(title, TITLE_FONT));
    return new DesignImage(
        title,
        List.copyOf(nodes),
        List.copyOf(edges),
        Math.ceil(right + MARGIN),
        Math.ceil(bottom + MARGIN));
  }

  /** The width in canvas units (SVG user units; PNG pixels at scale 1). */
  public double width() {
    return width;
  }

  public double height() {
    return height;
  }

  /** The size in pixels of the PNG at {@code scale}. */
  public static int pixels(double units, double scale) {
    return (int) Math.ceil(units * scale);
  }

  List<Node> nodes() {
    return nodes;
  }

  List<Edge> edges() {
    return edges;
  }

  // ---- geometry

  /**
   * The edge with as much of its label as fits without covering a component: the partitions first,
   * then the latency, then the rest; no label at all when not even one part fits.
   */
  private static Edge fitted(Edge e, java.util.Collection<Rectangle2D> boxes) {
    List<String> all = e.label();
    List<String> byPriority = new ArrayList<>();
    for (String part : all) {
      if (part.endsWith("partition") || part.endsWith("partitions")) {
        byPriority.add(part);
      }
    }
    for (String part : all) {
      if (!byPriority.contains(part) && !part.startsWith("group ")) {
        byPriority.add(part); // the latency
        break;
      }
    }
    for (String part : all) {
      if (!byPriority.contains(part)) {
        byPriority.add(part);
      }
    }
    for (int n = byPriority.size(); n > 0; n--) {
      java.util.Set<String> keep = new java.util.HashSet<>(byPriority.subList(0, n));
      List<String> lines = all.stream().filter(keep::contains).toList();
      Edge candidate = new Edge(e.connection(), e.curve(), e.arrow(), lines, e.lx(), e.ly());
      Rectangle2D box = candidate.labelBox();
      if (boxes.stream().noneMatch(box::intersects)) {
        return candidate;
      }
    }
    return new Edge(e.connection(), e.curve(), e.arrow(), List.of(), e.lx(), e.ly());
  }

  /** A label part made short for a drawing: {@code uniform(1ms,10ms)} reads {@code 1ms–10ms}. */
  static String compact(String part) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("uniform\\(([^,()]+),([^,()]+)\\)").matcher(part);
    return m.matches() ? m.group(1) + "–" + m.group(2) : part;
  }

  /**
   * From the right middle of {@code a} to the left middle of {@code b}, leaving and arriving flat.
   */
  private static CubicCurve2D curve(Rectangle2D a, Rectangle2D b) {
    double x1 = a.getMaxX();
    double y1 = a.getCenterY();
    double x2 = b.getMinX();
    double y2 = b.getCenterY();
    double bend = Math.max(40, Math.abs(x2 - x1) / 2);
    return new CubicCurve2D.Double(x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2);
  }

  /** A filled triangle at the curve's end, pointing along its last tangent. */
  private static Shape arrow(CubicCurve2D c) {
    double ax = c.getX2() - c.getCtrlX2();
    double ay = c.getY2() - c.getCtrlY2();
    double len = Math.hypot(ax, ay);
    if (len == 0) {
      ax = 1;
      ay = 0;
      len = 1;
    }
    ax /= len;
    ay /= len;
    double size = 9;
    double half = 4.5;
    double bx = c.getX2() - ax * size;
    double by = c.getY2() - ay * size;
    Path2D.Double p = new Path2D.Double();
    p.moveTo(c.getX2(), c.getY2());
    p.lineTo(bx - ay * half, by + ax * half);
    p.lineTo(bx + ay * half, by - ax * half);
    p.closePath();
    return p;
  }

  /** The kind's glyph outline, scaled into an {@link #ICON}-sized square at (x, y). */
  static Shape icon(ComponentKind kind, double x, double y) {
    KindIcon k = KindIcon.forType(kind.typeName()).orElse(null);
    if (k == null) {
      return new Rectangle2D.Double(x, y, ICON, ICON);
    }
    Font f = iconFont().deriveFont((float) ICON);
    GlyphVector gv = f.createGlyphVector(FRC, new String(Character.toChars(k.codePoint())));
    Shape outline = gv.getOutline();
    // the glyph's em square: MDI glyphs fill it, so place it by the font's ascent, not the ink
    Rectangle2D logical = gv.getLogicalBounds();
    double sx = ICON / Math.max(1e-6, logical.getWidth());
    double sy = ICON / Math.max(1e-6, logical.getHeight());
    double scale = Math.min(sx, sy);
    AffineTransform t = new AffineTransform();
    t.translate(x, y);
    t.scale(scale, scale);
    t.translate(-logical.getX(), -logical.getY());
    return t.createTransformedShape(outline);
  }

  static Font iconFont() {
    Font f = iconFont;
    if (f == null) {
      try (InputStream in = IconFont.open()) {
        f = Font.createFont(Font.TRUETYPE_FONT, in);
      } catch (IOException e) {
        throw new UncheckedIOException("the icon font cannot be read", e);
      } catch (FontFormatException e) {
        throw new IllegalStateException("the icon font is not a TrueType font", e);
      }
      iconFont = f;
    }
    return f;
  }

  static double textWidth(String s, Font f) {
    return f.getStringBounds(s, FRC).getWidth();
  }

  /** The text, cut with an ellipsis to fit {@code width}. */
  static String fit(String s, Font f, double width) {
    if (textWidth(s, f) <= width) {
      return s;
    }
    for (int n = s.length() - 1; n > 0; n--) {
      String cut = s.substring(0, n) + "…";
      if (textWidth(cut, f) <= width) {
        return cut;
      }
    }
    return "…";
  }

  private static Color fill(ComponentKind k) {
    return Color.decode(DotExporter.fill(k));
  }

  private static String stroke(ComponentKind k) {
    return switch (k.role()) {
      case SOURCE -> "#1e88e5";
      case BROKER -> "#fb8c00";
      case PROCESSOR -> "#5e35b1";
      case SYSTEM_OF_RECORD -> "#43a047";
      case DERIVED_STORE -> "#7cb342";
      case SINK -> "#d81b60";
    };
  }

  private static final String EDGE = "#546e7a";
  private static final String TEXT = "#263238";
  private static final String MUTED = "#607d8b";

  // ---- SVG

  /**
   * The picture as an SVG document (UTF-8 text; icons embedded as paths, no fonts needed for them).
   */
  public String svg() {
    StringBuilder b = new StringBuilder();
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\""
                + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
            num(width),
            num(height),
            num(width),
            num(height)));
    b.append("  <title>").append(xml(title)).append("</title>\n");
    b.append("  <defs>\n");
    b.append("    <style>.edge{fill:none;stroke:")
        .append(EDGE)
        .append(";stroke-width:1.5}.arrow{fill:")
        .append(EDGE)
        .append("}.label{font-size:8px;fill:")
        .append(MUTED)
        .append("}.id{font-size:11px;font-weight:bold;fill:")
        .append(TEXT)
        .append("}.kind{font-size:10px;fill:")
        .append(MUTED)
        .append("}</style>\n");
    b.append("  </defs>\n");
    b.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    b.append(
        String.format(
            Locale.ROOT,
            "  <text class=\"title\" x=\"%s\" y=\"%s\" font-size=\"14\" font-weight=\"bold\" fill=\"%s\">%s</text>\n",
            num(MARGIN),
            num(MARGIN + 6),
            TEXT,
            xml(title)));
    b.append("  <g id=\"connections\">\n");
    for (Edge e : edges) {
      CubicCurve2D c = e.curve();
      b.append("    <g class=\"connection\" data-from=\"")
          .append(xml(e.connection().from()))
          .append("\" data-to=\"")
          .append(xml(e.connection().to()))
          .append("\">\n");
      b.append(
          String.format(
              Locale.ROOT,
              "      <path class=\"edge\" d=\"M%s %s C%s %s %s %s %s %s\"/>\n",
              num(c.getX1()),
              num(c.getY1()),
              num(c.getCtrlX1()),
              num(c.getCtrlY1()),
              num(c.getCtrlX2()),
              num(c.getCtrlY2()),
              num(c.getX2()),
              num(c.getY2())));
      b.append("      <path class=\"arrow\" d=\"").append(path(e.arrow())).append("\"/>\n");
      b.append("    </g>\n");
    }
    b.append("  </g>\n");
    b.append("  <g id=\"components\">\n");
    for (Node n : nodes) {
      ComponentKind k = n.component().kind();
      Rectangle2D r = n.box();
      b.append("    <g class=\"component kind-")
          .append(k.typeName())
          .append("\" data-id=\"")
          .append(xml(n.component().id()))
          .append("\">\n");
      b.append(
          String.format(
              Locale.ROOT,
              "      <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"8\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
              num(r.getX()),
              num(r.getY()),
              num(r.getWidth()),
              num(r.getHeight()),
              DotExporter.fill(k),
              stroke(k)));
      b.append("      <path class=\"icon\" fill=\"")
          .append(stroke(k))
          .append("\" d=\"")
          .append(path(n.icon()))
          .append("\"/>\n");
      double tx = r.getX() + ICON + 16;
      b.append(
          String.format(
              Locale.ROOT,
              "      <text class=\"id\" x=\"%s\" y=\"%s\">%s</text>\n",
              num(tx),
              num(r.getCenterY() - 2),
              xml(n.id())));
      b.append(
          String.format(
              Locale.ROOT,
              "      <text class=\"kind\" x=\"%s\" y=\"%s\">%s</text>\n",
              num(tx),
              num(r.getCenterY() + 12),
              xml(n.kind())));
      b.append("    </g>\n");
    }
    b.append("  </g>\n");
    b.append("  <g id=\"labels\">\n");
    for (Edge e : edges) {
      if (e.label().isEmpty()) {
        continue;
      }
      Rectangle2D box = e.labelBox();
      b.append("    <g class=\"connection-label\" data-from=\"")
          .append(xml(e.connection().from()))
          .append("\" data-to=\"")
          .append(xml(e.connection().to()))
          .append("\">\n");
      b.append(
          String.format(
              Locale.ROOT,
              "      <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"3\" fill=\"#ffffff\""
                  + " fill-opacity=\"0.85\"/>\n",
              num(box.getX()),
              num(box.getY()),
              num(box.getWidth()),
              num(box.getHeight())));
      b.append(
          String.format(
              Locale.ROOT,
              "      <text class=\"label\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">",
              num(e.lx()),
              num(box.getY() + 1)));
      for (String line : e.label()) {
        b.append(
            String.format(
                Locale.ROOT,
                "<tspan x=\"%s\" dy=\"%s\">%s</tspan>",
                num(e.lx()),
                num(LINE),
                xml(line)));
      }
      b.append("</text>\n");
      b.append("    </g>\n");
    }
    b.append("  </g>\n");
    return b.append("</svg>\n").toString();
  }

  /** SVG path data of a shape. */
  static String path(Shape s) {
    StringBuilder b = new StringBuilder();
    double[] c = new double[6];
    for (PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
      switch (it.currentSegment(c)) {
        case PathIterator.SEG_MOVETO ->
            b.append('M').append(num(c[0])).append(' ').append(num(c[1]));
        case PathIterator.SEG_LINETO ->
            b.append('L').append(num(c[0])).append(' ').append(num(c[1]));
        case PathIterator.SEG_QUADTO ->
            b.append('Q')
                .append(num(c[0]))
                .append(' ')
                .append(num(c[1]))
                .append(' ')
                .append(num(c[2]))
                .append(' ')
                .append(num(c[3]));
        case PathIterator.SEG_CUBICTO ->
            b.append('C')
                .append(num(c[0]))
                .append(' ')
                .append(num(c[1]))
                .append(' ')
                .append(num(c[2]))
                .append(' ')
                .append(num(c[3]))
                .append(' ')
                .append(num(c[4]))
                .append(' ')
                .append(num(c[5]));
        case PathIterator.SEG_CLOSE -> b.append('Z');
        default -> {}
      }
    }
    return b.toString();
  }

  /** A number with at most two decimals, no trailing zeros. */
  static String num(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    if (s.indexOf('.') >= 0) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.equals("-0") ? "0" : s;
  }

  static String xml(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          // characters XML 1.0 forbids are left out
          if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }

  // ---- PNG

  /** The picture drawn at {@code scale} pixels per unit. */
  public BufferedImage render(double scale) {
    int w = pixels(width, scale);
    int h = pixels(height, scale);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.scale(scale, scale);
      g.setColor(Color.decode(TEXT));
      g.setFont(TITLE_FONT);
      g.drawString(title, (float) MARGIN, (float) (MARGIN + 6));
      Color edge = Color.decode(EDGE);
      for (Edge e : edges) {
        g.setColor(edge);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(e.curve());
        g.fill(e.arrow());
      }
      for (Node n : nodes) {
        ComponentKind k = n.component().kind();
        Rectangle2D r = n.box();
        RoundRectangle2D box =
            new RoundRectangle2D.Double(r.getX(), r.getY(), r.getWidth(), r.getHeight(), 16, 16);
        g.setColor(fill(k));
        g.fill(box);
        g.setColor(Color.decode(stroke(k)));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(box);
        g.fill(n.icon());
        float tx = (float) (r.getX() + ICON + 16);
        g.setColor(Color.decode(TEXT));
        g.setFont(ID_FONT);
        g.drawString(n.id(), tx, (float) (r.getCenterY() - 2));
        g.setColor(Color.decode(MUTED));
        g.setFont(KIND_FONT);
        g.drawString(n.kind(), tx, (float) (r.getCenterY() + 12));
      }
      g.setFont(LABEL_FONT);
      for (Edge e : edges) {
        if (e.label().isEmpty()) {
          continue;
        }
        Rectangle2D box = e.labelBox();
        g.setColor(new Color(255, 255, 255, 217));
        g.fill(
            new RoundRectangle2D.Double(
                box.getX(), box.getY(), box.getWidth(), box.getHeight(), 6, 6));
        g.setColor(Color.decode(MUTED));
        double y = box.getY() + 1;
        for (String line : e.label()) {
          y += LINE;
          float lw = (float) textWidth(line, LABEL_FONT);
          g.drawString(line, (float) e.lx() - lw / 2, (float) y - 2);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Writes the PNG at {@code scale} to {@code out}. */
  public void writePng(OutputStream out, double scale) throws IOException {
    if (!ImageIO.write(render(scale), "png", out)) {
      throw new IOException("no PNG writer is available");
    }
  }
}
