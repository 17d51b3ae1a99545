/**
 * Bulk import of devices from CSV into the current registry: the format ({@link io.anju.cases.devices.bulk.CsvColumn}),
 * the reader ({@link io.anju.cases.devices.bulk.DeviceCsv}) and the plan that turns the lines into the next registry
 * document, with every problem tied to its line and column ({@link io.anju.cases.devices.bulk.ImportPlan}).
 */
package io.anju.cases.devices.bulk;
