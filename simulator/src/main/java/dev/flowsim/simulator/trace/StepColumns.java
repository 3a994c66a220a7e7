package dev.flowsim.simulator.trace;

/** One chunk of the trace: the fields of a fixed number of consecutive steps, column by column. */
final class StepColumns {

  final long[] times;
  final int[] components;
  final byte[] kinds;
  final long[] eventIds;
  final int[] keys;
  final int[] partitions;
  final long[] offsets;
  final long[] values;
  final long[] oldValues;
  final long[] clocks;

  StepColumns(int size) {
    times = new long[size];
    components = new int[size];
    kinds = new byte[size];
    eventIds = new long[size];
    keys = new int[size];
    partitions = new int[size];
    offsets = new long[size];
    values = new long[size];
    oldValues = new long[size];
    clocks = new long[size];
  }
}
