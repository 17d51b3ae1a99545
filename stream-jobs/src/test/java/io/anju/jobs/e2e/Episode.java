package io.anju.jobs.e2e;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** All revisions of one alert (one id), in revision order: one raise, its updates, maybe a clear. */
record Episode(String id, List<Alert> revisions) {

    static List<Episode> of(List<Alert> alerts) {
        java.util.Map<String, List<Alert>> byId = new java.util.LinkedHashMap<>();
        for (Alert a : alerts) {
            byId.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(a);
        }
        List<Episode> episodes = new ArrayList<>();
        byId.forEach((id, revs) -> {
            List<Alert> sorted = new ArrayList<>(revs);
            sorted.sort(Comparator.comparingInt(Alert::revision));
            episodes.add(new Episode(id, List.copyOf(sorted)));
        });
        return episodes;
    }

    Alert first() {
        return revisions.get(0);
    }

    AlertType type() {
        return first().type();
    }

    Severity maxSeverity() {
        Severity max = Severity.BLUE;
        for (Alert a : revisions) {
            max = Severity.max(max, a.severity());
        }
        return max;
    }

    /** Revisions 1..n each exactly once, the first one a raise, nothing after a clear. */
    boolean wellFormed() {
        for (int i = 0; i < revisions.size(); i++) {
            Alert a = revisions.get(i);
            if (a.revision() != i + 1) {
                return false;
            }
            if ((i == 0) != (a.status() == AlertStatus.RAISED)) {
                return false;
            }
            if (a.status() == AlertStatus.CLEARED && i != revisions.size() - 1) {
                return false;
            }
        }
        return true;
    }

    String place() {
        Alert a = first();
        return a.sourceId();
    }
}
