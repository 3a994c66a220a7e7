/**
 * The trace: the contract between the simulator, the checkers and the GUI. A run is a sequence of
 * steps (time, component, {@link dev.flowsim.simulator.trace.StepKind kind}, event id, key,
 * partition, offset or version, value, old value, component clock), streamed to {@link
 * dev.flowsim.simulator.trace.TraceListener listeners} as it is recorded, hashed incrementally, and
 * optionally stored in compact columns ({@link dev.flowsim.simulator.trace.Trace}). Readers see
 * only the trace, never component internals.
 */
package dev.flowsim.simulator.trace;
