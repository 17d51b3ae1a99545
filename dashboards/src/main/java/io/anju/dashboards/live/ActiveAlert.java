package io.anju.dashboards.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.anju.common.alert.Alert;
import io.anju.common.alert.Evidence;
import io.anju.common.model.LocationChain;
import io.anju.common.text.AlertSubject;
import io.anju.common.text.AlertText;
import io.anju.common.text.Lang;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as {@code GET /api/alerts/active} and the {@code alert} event show it ({@code lastEventTs} ISO-8601).
 * {@code texts} is what people read, rendered from the alert's facts in every language by language tag
 * ({@code zh-CN}, {@code en}: the dashboards' own codes); absent for an alert without facts, whose English
 * {@code summary} is all there is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveAlert(String id, String dedupKey, String type, String severity, String status, int revision,
                          String sourceId, String deviceId, Integer port, LocationChain location, String summary,
                          String recommendedAction, String lastEventTs, List<Evidence> evidence,
                          Map<String, Text> texts) {

    /** The title and summary in one language. */
    public record Text(String title, String summary) {
    }

    /** The view of {@code a}, its texts rendered with {@code text} (common's renderer, the registry's place names). */
    static ActiveAlert of(Alert a, AlertText text) {
        return new ActiveAlert(a.id(), a.dedupKey(), a.type().wireName(), a.severity().wireName(),
                a.status().wireName(), a.revision(), a.sourceId(), a.deviceId(), a.port(), a.location(), a.summary(),
                a.recommendedAction(), Instant.ofEpochMilli(a.lastEventTs()).toString(),
                a.evidence() == null ? List.of() : a.evidence(), texts(a, text));
    }

    private static Map<String, Text> texts(Alert a, AlertText text) {
        if (a.facts().isEmpty()) {
            return null;
        }
        AlertSubject subject = AlertSubject.of(a);
        Map<String, Text> texts = new LinkedHashMap<>();
        for (Lang lang : Lang.values()) {
            texts.put(lang.languageTag(), new Text(text.title(subject, lang), text.summary(subject, lang)));
        }
        return Collections.unmodifiableMap(texts);
    }
}
