/** Flowsim icons module. */
package dev.flowsim.icons;
