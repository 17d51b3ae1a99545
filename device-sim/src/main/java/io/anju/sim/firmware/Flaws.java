package io.anju.sim.firmware;

import io.anju.sim.behaviour.DeviceBehaviour;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.link.Backoff;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The flaws of one run, by device: builds each flawed device from the correct pieces, leaves the others alone. */
public final class Flaws {
    private final Map<String, Set<FirmwareFlaw>> byDevice = new HashMap<>();

    public Flaws(List<DeviceFlaw> flaws) {
        for (DeviceFlaw f : flaws) {
            byDevice.computeIfAbsent(f.deviceId(), id -> EnumSet.noneOf(FirmwareFlaw.class)).add(f.flaw());
        }
    }

    /** Refuses flaws for devices the run does not play: a typo would otherwise test nothing. */
    public void requirePlayed(Collection<String> playedIds) {
        for (String id : byDevice.keySet()) {
            if (!playedIds.contains(id)) {
                throw new IllegalArgumentException("--flaw names device " + id + ", which is not being simulated");
            }
        }
    }

    public Set<FirmwareFlaw> of(String deviceId) {
        return byDevice.getOrDefault(deviceId, Set.of());
    }

    /** Gives the device's behaviour model its flaws. */
    public void applyTo(DeviceBehaviour behaviour) {
        of(behaviour.id()).forEach(f -> f.applyTo(behaviour));
    }

    /** The back-off the device reconnects with. */
    public Backoff backoff(String deviceId, Backoff correct) {
        Backoff b = correct;
        for (FirmwareFlaw f : of(deviceId)) {
            b = f.backoff(b);
        }
        return b;
    }

    /**
     * The device's wrong clock: {@code configured} ({@code --clock-fault}, may be null) or a flaw's; one device
     * cannot have both.
     */
    public ClockFault clockFault(String deviceId, ClockFault configured) {
        ClockFault result = configured;
        for (FirmwareFlaw f : of(deviceId)) {
            ClockFault flawed = f.clockFault(deviceId).orElse(null);
            if (flawed != null && result != null) {
                throw new IllegalArgumentException("device " + deviceId + " has --clock-fault and --flaw "
                        + f.wireName() + "; give it one wrong clock");
            }
            result = flawed == null ? result : flawed;
        }
        return result;
    }
}
