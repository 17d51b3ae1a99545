package io.anju.common.text;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.model.LocationChain;

import java.util.List;

/**
 * What a text about an alert is rendered from: its type, where and what it is about, what to do, and its facts. Built
 * from an alert as it arrives, or from the case that keeps them (the case service's {@code CaseTexts.subject}).
 */
public record AlertSubject(AlertType type, String sourceKind, String sourceId, String deviceId, Integer port,
                           LocationChain location, String recommendedAction, List<AlertFact> facts) {

    public AlertSubject {
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    public static AlertSubject of(Alert a) {
        return new AlertSubject(a.type(), a.sourceKind() == null ? null : a.sourceKind().wireName(), a.sourceId(),
                a.deviceId(), a.port(), a.location(), a.recommendedAction(), a.facts());
    }

    /** The same subject with the facts of a later revision (history entries keep their own). */
    public AlertSubject withFacts(List<AlertFact> later) {
        return new AlertSubject(type, sourceKind, sourceId, deviceId, port, location, recommendedAction, later);
    }
}
