/**
 * Pure exporters of a pipeline to other formats, and the AsyncAPI importer: {@link
 * dev.flowsim.model.export.AsyncApiExporter} (AsyncAPI 3.0, YAML or JSON, with {@code x-flowsim}
 * extensions that keep the whole design), {@link dev.flowsim.model.export.AsyncApiImporter} (back
 * into a pipeline, with located errors), {@link dev.flowsim.model.export.DotExporter} (Graphviz)
 * and {@link dev.flowsim.model.export.MermaidExporter} (Mermaid flowchart). No JavaFX, no
 * simulator; images of a design are drawn by the app ({@code dev.flowsim.app.export}).
 */
package dev.flowsim.model.export;
