package dev.flowsim.model.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LocationIndex}: the JSON path of every value of a document, where it starts (line and
 * column in characters, as editors count), and the nearest located ancestor of a path the document
 * does not have.
 */
class LocationsTest {

  private static final String SPEC =
      """
      {
        "flowsim": 1,
        "components": [
          { "type": "topic", "id": "t", "retention": { "count": 5 } },
          [ [1, 2], { "a": [true] } ]
        ],
        "layout": { "svc.v2": [40, 80] }
      }
      """;

  private static LocationIndex scan(String text) throws SpecException {
    return LocationIndex.scan(SpecJson.FACTORY, text, "spec.json");
  }

  @Test
  void everyValueHasItsPathInDocumentOrder() throws SpecException {
    assertEquals(
        List.of(
            "",
            "flowsim",
            "components",
            "components[0]",
            "components[0].type",
            "components[0].id",
            "components[0].retention",
            "components[0].retention.count",
            "components[1]",
            "components[1][0]",
            "components[1][0][0]",
            "components[1][0][1]",
            "components[1][1]",
            "components[1][1].a",
            "components[1][1].a[0]",
            "layout",
            "layout.svc.v2",
            "layout.svc.v2[0]",
            "layout.svc.v2[1]"),
        scan(SPEC).paths());
  }

  @Test
  void valuesAreLocatedWhereTheyStart() throws SpecException {
    LocationIndex index = scan(SPEC);
    assertArrayEquals(new int[] {1, 1}, index.locate(""));
    assertArrayEquals(new int[] {2, 14}, index.locate("flowsim"));
    assertArrayEquals(new int[] {4, 5}, index.locate("components[0]"));
    assertArrayEquals(new int[] {4, 30}, index.locate("components[0].id"));
    assertArrayEquals(new int[] {4, 59}, index.locate("components[0].retention.count"));
    assertArrayEquals(new int[] {5, 11}, index.locate("components[1][0][1]"));
    assertArrayEquals(new int[] {5, 23}, index.locate("components[1][1].a[0]"));
    assertArrayEquals(new int[] {7, 30}, index.locate("layout.svc.v2[1]"));
  }

  @Test
  void aPathTheDocumentLacksIsLocatedAtItsNearestAncestor() throws SpecException {
    LocationIndex index = scan(SPEC);
    // a defaulted field: its object
    assertArrayEquals(new int[] {4, 5}, index.locate("components[0].partitions"));
    assertArrayEquals(new int[] {4, 48}, index.locate("components[0].retention.time"));
    // past the end of an array: the array
    assertArrayEquals(new int[] {3, 17}, index.locate("components[7].id"));
    assertArrayEquals(new int[] {1, 1}, index.locate("faults[0].at"));
    assertNull(LocationIndex.none().locate("components[0]"));
  }

  @Test
  void keysAreLocatedToo() throws SpecException {
    LocationIndex index = scan(SPEC);
    assertArrayEquals(new int[] {4, 35}, index.keyPosition("components[0].retention"));
    assertArrayEquals(new int[] {7, 15}, index.keyPosition("layout.svc.v2"));
    assertNull(index.keyPosition("components[0]"));
  }

  @Test
  void eachValueKnowsItsContainerAndKey() throws SpecException {
    LocationIndex index = scan(SPEC);
    // a key with a dot stays one key, whatever the path string looks like
    assertEquals("layout", index.entry("layout.svc.v2").parent());
    assertEquals("svc.v2", index.entry("layout.svc.v2").key());
    assertEquals("components[1][0]", index.entry("components[1][0][1]").parent());
    assertNull(index.entry("components[1][0][1]").key());
    assertNull(index.entry("").parent());
    assertEquals("2", index.entry("components[1][0][1]").text());
  }

  @Test
  void columnsCountCharactersNotBytes() throws SpecException {
    // "é" is 2 bytes and "☕" 3 in UTF-8; editors count each as one column
    LocationIndex index = scan("{\"name\": \"Café ☕\", \"seed\": 7}");
    assertArrayEquals(new int[] {1, 28}, index.locate("seed"));
  }

  @Test
  void linesEndWithLfCrlfOrALoneCr() throws SpecException {
    String text = "{\n\"a\": 1,\r\n\"b\": 2,\r\"c\": 3}";
    LocationIndex index = scan(text);
    assertArrayEquals(new int[] {2, 6}, index.locate("a"));
    assertArrayEquals(new int[] {3, 6}, index.locate("b"));
    assertArrayEquals(new int[] {4, 6}, index.locate("c"));
    // and the offset arithmetic used for positions Jackson does not give agrees
    assertArrayEquals(new int[] {4, 6}, LocationIndex.position(text, text.indexOf('3')));
    assertArrayEquals(new int[] {3, 1}, LocationIndex.position(text, text.indexOf("\"b\"")));
  }
}
