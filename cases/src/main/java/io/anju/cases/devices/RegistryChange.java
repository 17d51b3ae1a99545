package io.anju.cases.devices;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** One audited change: who made which revision when, and the device before and after (absent for imports). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryChange(long revision, Instant changedAt, String changedBy, String operation, String deviceId,
                             DeviceView before, DeviceView after) {
}
