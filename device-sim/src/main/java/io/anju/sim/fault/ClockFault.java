package io.anju.sim.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.cli.Durations;
import io.anju.common.json.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A device whose real-time clock is wrong, as real chargers' and counters' often are: every payload it stamps carries
 * its wrong time instead of the true (simulated) one. The behaviour model and the ground truth stay in true time;
 * only the {@code ts} on the wire is changed.
 * <ul>
 *   <li>{@code ahead:24h} / {@code behind:10m}: the clock is off by a constant;</li>
 *   <li>{@code reset:2000-01-01T00:00:00Z@30m}: after a power cut 30 simulated minutes into the run the clock restarts
 *   at the given instant and runs on from there (an RTC reset mid-stream); without {@code @…} from the start.</li>
 * </ul>
 *
 * @param deviceId the device
 * @param offsetMs for a constant offset: added to the true time
 * @param resetTo  for a reset: the time the clock shows at the reset (Unix ms); null for an offset
 * @param resetAt  for a reset: the true time of the reset (Unix ms)
 */
public record ClockFault(String deviceId, long offsetMs, Long resetTo, long resetAt) {

    /** A clock that runs {@code offsetMs} ahead of true time (behind if negative). */
    public static ClockFault ahead(String deviceId, long offsetMs) {
        return new ClockFault(deviceId, offsetMs, null, 0);
    }

    /** The time the device's clock shows at true time {@code trueMs}. */
    public long deviceTime(long trueMs) {
        if (resetTo == null) {
            return trueMs + offsetMs;
        }
        return trueMs < resetAt ? trueMs : resetTo + (trueMs - resetAt);
    }

    /** {@code payload} as this device stamps it: a JSON object's numeric {@code ts} at the device's time. */
    public byte[] stamp(byte[] payload) {
        try {
            JsonNode tree = Json.tree(payload);
            if (!(tree instanceof ObjectNode o) || !o.path("ts").isNumber()) {
                return payload;
            }
            o.put("ts", deviceTime(o.get("ts").asLong()));
            return Json.toBytes(o);
        } catch (IOException e) {
            return payload; // not JSON (a snapshot): carries no time of its own
        }
    }

    /**
     * Parses {@code DEVICE=ahead:DURATION}, {@code DEVICE=behind:DURATION} or
     * {@code DEVICE=reset:INSTANT[@DURATION]} ({@code @DURATION}: simulated time after {@code startMs}).
     */
    public static ClockFault parse(String spec, long startMs) {
        int eq = spec.indexOf('=');
        int colon = spec.indexOf(':', eq + 1);
        if (eq <= 0 || colon < 0) {
            throw new IllegalArgumentException("--clock-fault must be DEVICE=ahead:24h, DEVICE=behind:10m or "
                    + "DEVICE=reset:2000-01-01T00:00:00Z[@30m] (was '" + spec + "')");
        }
        String device = spec.substring(0, eq);
        String kind = spec.substring(eq + 1, colon);
        String arg = spec.substring(colon + 1);
        return switch (kind) {
            case "ahead" -> ahead(device, Durations.parseMillis("--clock-fault " + device, arg));
            case "behind" -> ahead(device, -Durations.parseMillis("--clock-fault " + device, arg));
            case "reset" -> {
                int at = arg.indexOf('@');
                String instant = at < 0 ? arg : arg.substring(0, at);
                long after = at < 0 ? 0 : Durations.parseMillis("--clock-fault " + device, arg.substring(at + 1));
                try {
                    yield new ClockFault(device, 0, Instant.parse(instant).toEpochMilli(), startMs + after);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--clock-fault " + device + ": '" + instant
                            + "' is not an instant like 2000-01-01T00:00:00Z");
                }
            }
            default -> throw new IllegalArgumentException("--clock-fault " + device + ": '" + kind
                    + "' is not ahead, behind or reset");
        };
    }
}
