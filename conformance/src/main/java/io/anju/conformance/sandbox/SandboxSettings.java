package io.anju.conformance.sandbox;

import java.nio.file.Path;

/**
 * Where and how the sandbox gateway runs.
 *
 * @param bind         the address the MQTT port listens on ({@code 0.0.0.0}: reachable from the device's network)
 * @param mqttPort     the MQTT port (0: any free one)
 * @param dataDir      the gateway's data directory (registry, Kafka log, snapshots)
 * @param chargerPorts how many ports a charger under test has
 */
public record SandboxSettings(String bind, int mqttPort, Path dataDir, int chargerPorts) {
}
