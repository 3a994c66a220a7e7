/**
 * The Flowsim pipeline spec: immutable records for components, connections, faults and scenario
 * settings; typed durations, rates and distributions; JSON reading and canonical writing;
 * validation with located diagnostics; lint warnings named by concept; and lineage queries. This
 * module has no JavaFX and no simulator dependency.
 */
package dev.flowsim.model;
