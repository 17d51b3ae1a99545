package io.anju.dashboards.live;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A charging station as {@code GET /api/chargers} and the {@code charger} event show it. A station neither heard since
 * the service started nor in its twin ({@code anju.twin}) is offline with its registered ports in state
 * {@code unknown}.
 *
 * @param online    heard within {@code live.staleAfter} and its last word was not {@code offline}
 * @param updatedAt when it was last heard, ISO-8601: when this service read its latest message, or the gateway's
 *                  time in its twin
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargerLive(String deviceId, String compoundId, boolean online, String updatedAt, double totalPowerW,
                          int stationLimitW, Double leakageMa, Boolean smoke, List<Port> ports) {

    /** One port; {@code limitW} is the registered port limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Port(int port, String state, Double powerW, Double tempC, int limitW) {
    }
}
