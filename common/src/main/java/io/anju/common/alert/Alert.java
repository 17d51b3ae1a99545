package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.model.LocationChain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One warning, as it travels on {@code anju.alerts}. Every raise, update and clear of the same condition carries
 * the same {@link #id} and {@link #dedupKey}; {@link #revision} counts the emissions (1 = raised), so a reader can
 * apply them in order and ignore repeats.
 *
 * @param id                stable id of this alert episode (derived from the dedup key and the first event time)
 * @param dedupKey          {@code type:sourceId}; one open alert per key at a time
 * @param type              what kind of warning
 * @param severity          blue, yellow, orange or red; may go up and down while the alert is open
 * @param status            raised, updated or cleared
 * @param revision          1 for the raise, then +1 per emission
 * @param sourceKind        what the alert is about
 * @param sourceId          device id, {@code deviceId#port}, building, compound or zone id
 * @param deviceId          the device, when the source is one device or port
 * @param port              the charger port, for port alerts
 * @param location          the registry's location chain (compound or zone, grid, community, sub-district)
 * @param firstEventTs      device time of the first triggering reading, Unix ms
 * @param lastEventTs       device time of the latest reading that kept it open (or cleared it)
 * @param emittedAt         wall-clock time the job emitted this revision, Unix ms
 * @param summary           one line in English for logs and older readers; people read a text rendered in their own
 *                          language from {@link #facts} ({@code io.anju.common.text.AlertText}, for cases and the
 *                          dashboards' live alerts alike), never this line
 * @param recommendedAction what to do, as a stable code: {@code stop_port}, {@code restrict_entry}, …
 * @param evidence          the readings that triggered or changed it, newest last
 * @param facts             what the condition is, as named figures and words (values, units, thresholds): what a
 *                          reader renders the text from, in any language; empty from producers that predate them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(String id, String dedupKey, AlertType type, Severity severity, AlertStatus status, int revision,
                    SourceKind sourceKind, String sourceId, String deviceId, Integer port, LocationChain location,
                    long firstEventTs, long lastEventTs, long emittedAt, String summary, String recommendedAction,
                    List<Evidence> evidence, List<AlertFact> facts) {

    public Alert {
        facts = facts == null ? List.of() : facts;
    }

    /** An alert without facts, as producers that predate them (and tests that need none) build it. */
    public Alert(String id, String dedupKey, AlertType type, Severity severity, AlertStatus status, int revision,
                 SourceKind sourceKind, String sourceId, String deviceId, Integer port, LocationChain location,
                 long firstEventTs, long lastEventTs, long emittedAt, String summary, String recommendedAction,
                 List<Evidence> evidence) {
        this(id, dedupKey, type, severity, status, revision, sourceKind, sourceId, deviceId, port, location,
                firstEventTs, lastEventTs, emittedAt, summary, recommendedAction, evidence, List.of());
    }

    public static String dedupKey(AlertType type, String sourceId) {
        return type.wireName() + ":" + sourceId;
    }

    /** A replay of the same input derives the same id, so a restored job does not invent new alerts. */
    public static String idFor(String dedupKey, long firstEventTs) {
        return UUID.nameUUIDFromBytes((dedupKey + "@" + firstEventTs).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String portSourceId(String deviceId, int port) {
        return deviceId + "#" + port;
    }

    public boolean open() {
        return status != AlertStatus.CLEARED;
    }
}
