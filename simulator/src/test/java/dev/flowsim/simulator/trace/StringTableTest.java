package dev.flowsim.simulator.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StringTableTest {

  @Test
  void indicesFollowFirstUseNotHashing() {
    StringTable table = new StringTable();
    List<String> names = List.of("zeta", "alpha", "user-10", "user-9", "Aa", "BB", "index");
    for (String name : names) {
      table.intern(name);
    }
    table.intern("alpha"); // again: no new index

    assertEquals(names, table.names());
    assertEquals(7, table.size());
    for (int i = 0; i < names.size(); i++) {
      assertEquals(i, table.indexOf(names.get(i)));
      assertEquals(names.get(i), table.name(i));
    }
    assertEquals(TraceStep.NONE, table.indexOf("missing"));
    assertThrows(IndexOutOfBoundsException.class, () -> table.name(7));
    assertThrows(UnsupportedOperationException.class, () -> table.names().add("x"));
  }
}
