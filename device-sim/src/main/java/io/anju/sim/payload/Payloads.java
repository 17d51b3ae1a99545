package io.anju.sim.payload;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The JSON payload shapes of device protocol v1 (shared/device-protocol.md), one record each; field names are
 * the documented wire names. Optional fields are left out when null.
 */
public final class Payloads {
    private Payloads() {
    }

    public record PortReading(int no, String state, double voltageV, double currentA, double powerW, long energyWh,
                              double tempC) {
    }

    public record ChargerTelemetry(long ts, long seq, double mainsV, double ambientC, boolean smoke, double leakageMa,
                                   List<PortReading> ports) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChargerEvent(long ts, long seq, String kind, Integer port, Double value, String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GateEvent(long ts, long seq, String kind, String direction, String method, String personType,
                            String snapshotId) {
    }

    public record CrowdTelemetry(long ts, long seq, int count, int inCount, int outCount, int intervalS) {
    }

    public record CameraEvent(long ts, long seq, String kind, double confidence, int[] bbox, String snapshotId) {
    }

    public record Status(long ts, long seq, String state, String fw, int rssi) {
    }

    /** {@code seq} is not listed for replies in the protocol page, but every JSON payload carries it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CommandReply(String id, long ts, long seq, String result, String detail) {
    }

    /** A command from the gateway; unknown fields are ignored. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Command(String id, Long ts, String action, Integer port, Integer limitW, String reason) {
    }

    /** Rounds to one decimal, as device firmware reports. */
    public static double r1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }
}
