/** Flowsim layouts module. */
package dev.flowsim.layouts;
