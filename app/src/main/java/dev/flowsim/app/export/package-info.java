/**
 * Exporting a design to a file: {@link dev.flowsim.app.export.DesignExport} writes any {@link
 * dev.flowsim.app.export.ExportFormat} atomically; the text formats come from {@code
 * dev.flowsim.model.export}, the SVG and PNG images from {@link dev.flowsim.app.export.DesignImage}
 * (Java2D, headless, kind icons from the Material Design Icons font). Used by {@code flowsim
 * export} and by the designer's File → Export.
 */
package dev.flowsim.app.export;
