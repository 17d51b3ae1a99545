package io.anju.dashboards.live;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A charging station as {@code GET /api/chargers} and the {@code charger} event show it. A station not heard since
 * the service started is offline with its registered ports in state {@code unknown}.
 *
 * @param online    heard within {@code live.staleAfter} and its last status was not {@code offline}
 * @param updatedAt gateway receive time of its latest message, ISO-8601
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChargerLive(String deviceId, String compoundId, boolean online, String updatedAt, double totalPowerW,
                          int stationLimitW, Double leakageMa, Boolean smoke, List<Port> ports) {

    /** One port; {@code limitW} is the registered port limit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Port(int port, String state, Double powerW, Double tempC, int limitW) {
    }
}
