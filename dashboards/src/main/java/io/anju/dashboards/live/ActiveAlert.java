package io.anju.dashboards.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.alert.Alert;
import io.anju.common.alert.Evidence;
import io.anju.common.model.LocationChain;

import java.time.Instant;
import java.util.List;

/** An alert as {@code GET /api/alerts/active} and the {@code alert} event show it ({@code lastEventTs} ISO-8601). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveAlert(String id, String dedupKey, String type, String severity, String status, int revision,
                          String sourceId, String deviceId, Integer port, LocationChain location, String summary,
                          String recommendedAction, String lastEventTs, List<Evidence> evidence) {

    static ActiveAlert of(Alert a) {
        return new ActiveAlert(a.id(), a.dedupKey(), a.type().wireName(), a.severity().wireName(),
                a.status().wireName(), a.revision(), a.sourceId(), a.deviceId(), a.port(), a.location(), a.summary(),
                a.recommendedAction(), Instant.ofEpochMilli(a.lastEventTs()).toString(),
                a.evidence() == null ? List.of() : a.evidence());
    }
}
