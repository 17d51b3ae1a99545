package io.anju.sim.firmware;

import io.anju.sim.behaviour.DeviceBehaviour;
import io.anju.sim.fault.ClockFault;
import io.anju.sim.link.Backoff;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A deliberate breach of the device protocol (docs/device-protocol.md), played by one simulated device
 * ({@code sim run --flaw DEVICE=FLAW}) so that a conformance check can be seen to catch it. Each flaw changes one
 * piece the correct device is built from — its behaviour model, its reconnect back-off or its clock — and leaves the
 * rest as it was; a device without a flaw is not touched at all.
 */
public enum FirmwareFlaw {
    /** Readings in the wrong units, still schema-valid: volts in mV, °C in tenths, a counter's interval in ms. */
    WRONG_UNITS {
        @Override
        public void applyTo(DeviceBehaviour behaviour) {
            behaviour.rewritePayloads(WrongUnits.forType(behaviour.device().type()));
        }
    },
    /** Never sends the periodic {@code status} heartbeat; the {@code online} status at connect and the Will stay. */
    NO_HEARTBEAT {
        @Override
        public void applyTo(DeviceBehaviour behaviour) {
            behaviour.stopHeartbeats();
        }
    },
    /** Reconnects every {@link #RECONNECT_MS} ms after a lost or refused connection: no growth, no jitter. */
    NO_BACKOFF {
        @Override
        public Backoff backoff(Backoff correct) {
            return Backoff.fixed(RECONNECT_MS);
        }
    },
    /** Answers commands on {@code command/reply} with an id that is not the command's. */
    WRONG_REPLY_ID {
        @Override
        public void applyTo(DeviceBehaviour behaviour) {
            behaviour.rewritePayloads(WrongReplyId::rewrite);
        }
    },
    /** Stamps {@code ts} 10 minutes ahead of true time (a {@link ClockFault}, as {@code --clock-fault DEVICE=ahead:10m}). */
    CLOCK_10_MIN_OFF {
        @Override
        public Optional<ClockFault> clockFault(String deviceId) {
            return Optional.of(ClockFault.ahead(deviceId, CLOCK_OFFSET_MS));
        }
    };

    /** The wait between a {@link #NO_BACKOFF} device's reconnect attempts. */
    public static final long RECONNECT_MS = 200;
    /** How far ahead a {@link #CLOCK_10_MIN_OFF} device's clock runs. */
    public static final long CLOCK_OFFSET_MS = 10 * 60_000L;

    /** Changes the device's behaviour model (what it sends); most flaws leave it alone. */
    public void applyTo(DeviceBehaviour behaviour) {
    }

    /** The back-off the device reconnects with, given the correct one. */
    public Backoff backoff(Backoff correct) {
        return correct;
    }

    /** The wrong clock the flaw gives the device, if it is a clock flaw. */
    public Optional<ClockFault> clockFault(String deviceId) {
        return Optional.empty();
    }

    /** The name on the command line: {@code wrong_units}, {@code no_heartbeat} … */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A flaw by its name, in any case. */
    public static FirmwareFlaw parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--flaw: '" + name + "' is not a flaw (" + names() + ")");
        }
    }

    /** All flaws' names, for messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(FirmwareFlaw::wireName).collect(Collectors.joining(", "));
    }
}
