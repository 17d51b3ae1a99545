package io.anju.jobs.detect.offline;

import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.jobs.alert.AlertDraft;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The words and evidence of the offline alert: what the raise and the clear say. */
final class OfflineAlerts {
    static final String ACTION = "check_device";

    private OfflineAlerts() {
    }

    /** The raise at {@code deadline}: the device has been silent since {@code liveness.silenceStart()}. */
    static AlertDraft offline(String deviceId, Liveness liveness, long deadline, OfflineSettings settings) {
        long silenceMs = deadline - liveness.silenceStart();
        long heartbeatMs = settings.heartbeat(liveness.type()).toMillis();
        String summary = liveness.type().wireName() + " " + deviceId + " silent for " + human(silenceMs) + " ("
                + settings.missedHeartbeats() + " heartbeats of " + human(heartbeatMs) + " missed), last message at "
                + Instant.ofEpochMilli(liveness.silenceStart())
                + (liveness.offlineStatusSeen() ? "; its connection dropped (offline status received)" : "");
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.event(liveness.silenceStart(), deviceId, "lastMessage", null));
        if (liveness.offlineStatusSeen()) {
            evidence.add(Evidence.event(liveness.offlineStatusTs(), deviceId, "statusOffline", null));
        }
        evidence.add(Evidence.reading(deadline, deviceId, "silence", silenceMs / 1000.0, "s"));
        return AlertDraft.device(AlertType.DEVICE_OFFLINE, Severity.YELLOW, deviceId, liveness.location(), deadline,
                summary, ACTION, evidence, List.of(AlertFact.word("deviceType", liveness.type().wireName()),
                        AlertFact.against("silentS", silenceMs / 1000, "s",
                                settings.missedHeartbeats() * heartbeatMs / 1000),
                        AlertFact.word("connectionDropped", Boolean.toString(liveness.offlineStatusSeen()))));
    }

    static String backOnline(String deviceId, Liveness before, long returnTs) {
        return before.type().wireName() + " " + deviceId + " back online after "
                + human(returnTs - before.silenceStart()) + " of silence (last message before at "
                + Instant.ofEpochMilli(before.silenceStart()) + ")";
    }

    static List<Evidence> backOnlineEvidence(String deviceId, Liveness before, long returnTs) {
        return List.of(Evidence.reading(returnTs, deviceId, "downtime", (returnTs - before.silenceStart()) / 1000.0,
                "s"));
    }

    /** {@code 4 min 30 s}, {@code 1 h 5 min}, {@code 45 s}. */
    static String human(long ms) {
        Duration d = Duration.ofMillis(Math.max(0, ms));
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toSecondsPart() == 0 ? d.toMinutes() + " min" : d.toMinutes() + " min " + d.toSecondsPart() + " s";
        }
        return d.toSeconds() + " s";
    }
}
