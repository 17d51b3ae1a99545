package io.anju.conformance.sandbox;

import io.anju.common.model.DeviceType;

/**
 * A device the kit certifies: its id and type as the vendor gave them, and the secret the sandbox issued for it.
 */
public record DeviceUnderTest(String id, DeviceType type, String secret) {
}
