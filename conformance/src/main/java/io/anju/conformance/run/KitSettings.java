package io.anju.conformance.run;

import io.anju.conformance.sandbox.DeviceUnderTest;
import io.anju.conformance.sandbox.SandboxSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * A whole run of the kit.
 *
 * @param devices the devices under test (their secrets are issued by the sandbox)
 * @param speed   how many times faster than real time a simulated firmware runs (1: a real device)
 * @param out     where the reports go
 */
public record KitSettings(List<DeviceUnderTest> devices, SandboxSettings sandbox, ScriptSettings script, double speed,
                          Path out) {
    public KitSettings {
        devices = List.copyOf(devices);
    }
}
