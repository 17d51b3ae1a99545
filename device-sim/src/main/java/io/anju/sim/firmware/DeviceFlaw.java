package io.anju.sim.firmware;

/** {@code --flaw DEVICE=FLAW}: the firmware of {@code deviceId} breaks the protocol as {@code flaw} says. */
public record DeviceFlaw(String deviceId, FirmwareFlaw flaw) {

    public DeviceFlaw {
        if (deviceId == null || deviceId.isBlank() || flaw == null) {
            throw new IllegalArgumentException("a flaw needs a device id and a flaw");
        }
    }

    /** Parses {@code DEVICE=FLAW}, the flaw in any case ({@code ch-01=no_heartbeat}). */
    public static DeviceFlaw parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--flaw must be DEVICE=FLAW with FLAW one of " + FirmwareFlaw.names()
                    + " (was '" + spec + "')");
        }
        return new DeviceFlaw(spec.substring(0, eq).trim(), FirmwareFlaw.parse(spec.substring(eq + 1)));
    }
}
