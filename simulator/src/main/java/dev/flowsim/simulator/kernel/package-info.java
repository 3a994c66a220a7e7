/**
 * The discrete-event kernel: virtual time in {@code long} microseconds, an event queue ordered by
 * (time, scheduling sequence number) so that ties run first-in first-out, seeded per-component
 * random streams, and the lifecycle of simulated components.
 *
 * <p>Determinism rests on three rules kept here: the queue order is total and depends only on what
 * was scheduled ({@link dev.flowsim.simulator.kernel.Kernel}); randomness comes only from {@link
 * dev.flowsim.simulator.kernel.RandomStreams}, keyed by component id and purpose; nothing reads the
 * wall clock, identity hashes or hash-map iteration order.
 */
package dev.flowsim.simulator.kernel;
