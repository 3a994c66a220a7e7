/**
 * Automatic layout of pipelines on the canvas: {@link dev.flowsim.layouts.PipelineLayout} with the
 * ELK layered layout and a JGraphT fallback. Headless: no JavaFX here.
 */
package dev.flowsim.layouts;
