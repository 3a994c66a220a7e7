package dev.flowsim.app.gui.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Cache;
import dev.flowsim.model.Component;
import dev.flowsim.model.ComponentKind;
import dev.flowsim.model.Connection;
import dev.flowsim.model.Database;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.MaterializedView;
import dev.flowsim.model.Pipeline;
import dev.flowsim.model.Processor;
import dev.flowsim.model.Producer;
import dev.flowsim.model.Queue;
import dev.flowsim.model.Rate;
import dev.flowsim.model.Reader;
import dev.flowsim.model.SearchIndex;
import dev.flowsim.model.Service;
import dev.flowsim.model.Topic;
import dev.flowsim.model.Warehouse;
import dev.flowsim.model.json.SpecReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The "with" functions of every field on every element of every bundled example: writing a field's
 * own value back changes nothing, and writing another value changes that field and no other (except
 * the fields that only exist under it, such as a window's advance under its type).
 */
class FieldsTest {

  /** Fields another field may legitimately reset: (changed, affected). */
  static final Set<List<String>> DEPENDENT =
      Set.of(
          List.of("keys.distribution", "keys.values"),
          List.of("operator.window", "operator.advance"),
          List.of("operator.join", "operator.table"));

  static List<Pipeline> examples() throws IOException {
    List<Pipeline> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("../examples"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        out.add(SpecReader.read(f));
      }
    } catch (dev.flowsim.model.json.SpecException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Test
  void everyFieldOfEveryExampleWritesOnlyItself() throws IOException {
    int checked = 0;
    Set<ComponentKind> kinds = new java.util.HashSet<>();
    for (Pipeline p : examples()) {
      for (Component c : p.components()) {
        kinds.add(c.kind());
        checked += check(c, fieldsOf(c, p));
        // again with every optional value set, so that dropping one is seen too
        Component full = populate(c, fieldsOf(c, p));
        checked += check(full, fieldsOf(full, p));
      }
      for (Connection c : p.connections()) {
        checked += check(c, Fields.connection(List.of(c), p));
      }
      checked += check(p, Fields.settings(() -> "no problems"));
    }
    assertTrue(checked > 300, "fields checked: " + checked);
    assertTrue(kinds.size() >= 8, "kinds in the examples: " + kinds);
  }

  @Test
  void everyKindHasItsFields() {
    Pipeline p = Pipeline.empty();
    List<Component> all =
        List.of(
            Producer.of("p"),
            Topic.of("t"),
            Queue.of("q"),
            Processor.of("x", null),
            Service.of("s", null),
            Database.of("d"),
            SearchIndex.of("i"),
            Cache.of("c"),
            Warehouse.of("w"),
            MaterializedView.of("m"),
            Reader.of("r"));
    for (Component c : all) {
      List<? extends Field<?>> fields = fieldsOf(c, p);
      assertTrue(fields.size() > 3, c.kind() + " has " + fields.size() + " fields");
      check(c, fieldsOf(c, p));
      Component full = populate(c, fieldsOf(c, p));
      check(full, fieldsOf(full, p));
    }
  }

  /** The element with a value in every field that is not set. */
  @SuppressWarnings("unchecked")
  private static <T> T populate(T e, List<? extends Field<?>> raw) {
    T out = e;
    for (Field<T> f : (List<Field<T>>) (List<?>) raw) {
      if (f.editable() && f.get().apply(out) == null) {
        out = f.set().apply(out, another(f, null));
      }
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> List<Field<T>> fieldsOf(Component c, Pipeline p) {
    List fields =
        switch (c.kind()) {
          case PRODUCER -> Fields.producer(List.of((Producer) c), p);
          case TOPIC -> Fields.topic(List.of((Topic) c));
          case QUEUE -> Fields.queue(List.of((Queue) c));
          case PROCESSOR -> Fields.processor(List.of((Processor) c), p);
          case SERVICE -> Fields.service(List.of((Service) c));
          case DATABASE -> Fields.database(List.of((Database) c));
          case READER -> Fields.reader(List.of((Reader) c), p);
          default -> Fields.derived(c.kind());
        };
    return fields;
  }

  @SuppressWarnings("unchecked")
  private static <T> int check(Object element, List<? extends Field<?>> raw) {
    T e = (T) element;
    List<Field<T>> fields = (List<Field<T>>) (List<?>) raw;
    int n = 0;
    for (Field<T> f : fields) {
      if (!f.editable()) {
        continue;
      }
      Object v = f.get().apply(e);
      assertEquals(e, f.set().apply(e, v), f.key() + " written back on " + element);
      Object other = another(f, v);
      if (other == null) {
        continue;
      }
      T changed = f.set().apply(e, other);
      assertNotEquals(e, changed, f.key() + " changes the element");
      assertEquals(other, f.get().apply(changed), f.key() + " reads back what was written");
      for (Field<T> g : fields) {
        if (g == f
            || g.key().startsWith(f.key() + ".")
            || DEPENDENT.contains(List.of(f.key(), g.key()))) {
          continue;
        }
        Object before = g.get().apply(e);
        Object after;
        try {
          after = g.get().apply(changed);
        } catch (ClassCastException gone) {
          continue; // an operator field of a changed operator type
        }
        assertEquals(
            before, after, "setting " + f.key() + " changed " + g.key() + " of " + element);
      }
      n++;
    }
    return n;
  }

  /** A different value of the same type, or null when there is none to try. */
  private static Object another(Field<?> f, Object v) {
    ValueType t = f.type();
    if (t.editor() == ValueType.Editor.CHOICE) {
      for (Object c : t.choices()) {
        if (!Objects.equals(c, v)) {
          return c;
        }
      }
      return null;
    }
    if (t.editor() == ValueType.Editor.CHECK) {
      return !Boolean.TRUE.equals(v);
    }
    if (v == null) {
      try {
        return t.parser().apply("7s");
      } catch (IllegalArgumentException notADuration) {
        return t.parser().apply("7");
      }
    }
    if (v instanceof Integer i) {
      return i + 1;
    } else if (v instanceof Long l) {
      return l + 1;
    } else if (v instanceof Double d) {
      return d == 0.5 ? 0.25 : 0.5;
    } else if (v instanceof Duration d) {
      return new Duration(d.micros() + 1000);
    } else if (v instanceof Rate r) {
      return new Rate(r.amount().add(BigDecimal.ONE), r.per());
    } else if (v instanceof Distribution d) {
      return Distribution.constant(new Duration((long) d.meanMicros() + 1000));
    } else if (v instanceof String s) {
      return s + "x";
    } else if (v instanceof List<?> l) {
      List<Object> more = new ArrayList<>(l);
      more.add("k-extra");
      return more;
    }
    assertFalse(true, "no other value for " + f.key() + " = " + v);
    return null;
  }
}
