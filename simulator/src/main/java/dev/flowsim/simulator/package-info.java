/** Flowsim simulator module. */
package dev.flowsim.simulator;
