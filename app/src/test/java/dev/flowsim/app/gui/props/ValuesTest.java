package dev.flowsim.app.gui.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowsim.model.Database;
import dev.flowsim.model.Distribution;
import dev.flowsim.model.Duration;
import dev.flowsim.model.Fault;
import dev.flowsim.model.Rate;
import dev.flowsim.model.Retention;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text forms of spec values: the model's parsers, readable refusals, JSON enum names. */
class ValuesTest {

  @Test
  void enumsReadAsTheSpecWritesThem() {
    assertEquals("semi-sync", Values.enumName(Database.Replication.SEMI_SYNC));
    assertEquals("semi-sync", Values.format(Database.Replication.SEMI_SYNC));
  }

  @Test
  void durationsRatesAndDistributionsUseTheModelsParsers() {
    assertEquals(Duration.ofMillis(20), Values.duration("20ms"));
    assertEquals(Rate.parse("200/s"), Values.rate(" 200 / s "));
    assertEquals(new Distribution.Exp(Duration.ofMillis(20)), Values.distribution("exp(20ms)"));
    assertEquals(
        new Distribution.Uniform(Duration.ofMillis(1), Duration.ofMillis(30)),
        Values.distribution("uniform(1ms,30ms)"));
    assertThrows(IllegalArgumentException.class, () -> Values.duration("fast"));
    assertThrows(IllegalArgumentException.class, () -> Values.distribution("lognormal(5ms,1ms)"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Values.rate("-3/s"));
    assertTrue(e.getMessage().contains("above 0"));
    assertThrows(IllegalArgumentException.class, () -> Values.rate("0/s"));
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertEquals("23.5s", Values.format(Duration.parse("23500ms")));
    assertEquals("-1.25s", Values.format(Duration.parse("-1250ms")));
    assertEquals("2s", Values.format(Duration.ofSeconds(2)));
    assertEquals("250ms", Values.format(Duration.ofMillis(250)));
    assertEquals("90s", Values.format(Duration.ofSeconds(90)));
    assertEquals("1500us", Values.format(Duration.ofMicros(1500)));
    // what is shown parses back to the same value
    for (String t : List.of("23500ms", "1250ms", "90s", "1h", "3us")) {
      Duration d = Duration.parse(t);
      assertEquals(d, Values.duration(Values.format(d)));
    }
  }

  @Test
  void numbersAndProbabilities() {
    assertEquals(12, Values.integer(" 12 "));
    assertEquals(1_000_000L, Values.longNumber("1_000_000"));
    assertEquals(0.05, Values.probability("5%"), 1e-12);
    assertEquals(0.25, Values.probability("0.25"), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Values.probability("1.5"));
    assertThrows(IllegalArgumentException.class, () -> Values.integer("3.5"));
    assertThrows(IllegalArgumentException.class, () -> Values.decimal("NaN"));
    assertEquals("0.5", Values.format(0.5));
    assertEquals("3", Values.format(3.0));
  }

  @Test
  void namesAreCommaSeparated() {
    assertEquals(List.of("alice", "bob"), Values.names(" alice ,bob"));
    assertEquals(List.of(), Values.names("  "));
    assertEquals("alice, bob", Values.format(List.of("alice", "bob")));
  }

  @Test
  void faultsAreDescribedWithTheirTimes() {
    assertEquals(
        "db follower 1 at 10s, restarts after 5s",
        Fields.describe(new Fault.Crash("db", Duration.ofSeconds(10), Duration.ofSeconds(5), 1)));
    assertEquals(
        "a -> b cut at 1s for 2s",
        Fields.describe(
            new Fault.Partition("a", "b", Duration.ofSeconds(1), Duration.ofSeconds(2), true)));
    assertEquals(
        "log at 30s keeps 1m / 100 entries",
        Fields.describe(
            new Fault.RetentionShrink(
                "log", Duration.ofSeconds(30), new Retention(100L, Duration.ofSeconds(60)))));
  }
}
