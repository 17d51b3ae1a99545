/**
 * Per-device diagnostics for vendors and the district: what the gateways saw of each registered device
 * ({@code anju.diagnostics}: connection outcomes and rejected payloads) read into the case store, bounded per device
 * ({@link io.anju.cases.diagnostics.DiagnosticsIntake}, {@link io.anju.cases.diagnostics.DiagnosticsStore}), and read
 * back with the device's command history ({@link io.anju.cases.diagnostics.DeviceDiagnostics}).
 */
package io.anju.cases.diagnostics;
