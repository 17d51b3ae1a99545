package io.anju.common.twin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.DeviceType;

import java.util.List;

/**
 * A device's last known state, one record per device on the compacted topic {@code anju.twin} (key: the device id;
 * an empty value once the device left the registry). Kept by the case service from the gateway's streams, read by the
 * case service's API and by the dashboards at start, so a restart shows what each device last reported at once.
 * Every time is Unix ms; the {@code …At} times are gateway receive times, the {@code ts} fields device times.
 *
 * @param deviceId    the device
 * @param type        its type
 * @param updatedAt   when this record was written
 * @param lastSeenAt  the gateway's receive time of the newest message of any channel (null: never seen)
 * @param connection  the last connection outcome the gateway reported (null: none seen)
 * @param status      the newest {@code status} message: heartbeat or Will (null: none seen)
 * @param telemetry   the newest {@code telemetry} message (null: none seen); a charger's ports are also in {@link #ports}
 * @param ports       a charger's ports, each as its newest telemetry reported it (empty for other types)
 * @param lastEvent   the newest {@code event} message (null: none seen)
 * @param lastError   the newest thing the gateway held against the device: a refused connection, a rejected payload
 *                    or a refused publish (null: none seen)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceTwin(String deviceId, DeviceType type, long updatedAt, Long lastSeenAt, Connection connection,
                         Status status, Reported telemetry, List<Port> ports, Reported lastEvent, Problem lastError) {

    public DeviceTwin {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /**
     * @param state    {@code connected} or {@code disconnected}
     * @param since    when it became so (gateway time)
     * @param node     the gateway node
     * @param protocol {@code 3.1.1} or {@code 5}
     * @param code     why it ended, as in {@code anju.diagnostics} (null while connected)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Connection(String state, long since, String node, String protocol, String code) {
    }

    /**
     * @param state      {@code online} or {@code offline} (a Will is {@code offline})
     * @param firmware   the {@code fw} field, when the device sent one
     * @param rssi       the {@code rssi} field, when the device sent one
     * @param ts         device time
     * @param receivedAt gateway time
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String state, String firmware, Integer rssi, long ts, long receivedAt) {
    }

    /** One message's payload as the device sent it (unknown fields kept), with its times. */
    public record Reported(JsonNode payload, long ts, long receivedAt) {
    }

    /**
     * One charger port as its newest telemetry reported it.
     *
     * @param no    1-based port number
     * @param state {@code idle}, {@code charging}, {@code full} or {@code fault}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Port(int no, String state, Double voltageV, Double currentA, Double powerW, Double energyWh,
                       Double tempC, long ts, long receivedAt) {
    }

    /**
     * @param kind   the diagnostic kind ({@code refused}, {@code payload_rejected}, {@code publish_refused})
     * @param code   its stable code, e.g. {@code bad_credentials}, {@code bad_value}
     * @param reason in plain words
     * @param at     gateway time
     */
    public record Problem(String kind, String code, String reason, long at) {
    }
}
