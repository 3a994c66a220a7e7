/** Flowsim app module. */
package dev.flowsim.app;
