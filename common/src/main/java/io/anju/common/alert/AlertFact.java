package io.anju.common.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Optional;

/**
 * One fact of an alert, as a reader renders it in their own language: a named figure with its unit and, where the
 * rule compares it with one, the threshold it was judged against; or a named word (a level, a device type). The
 * names per alert type are listed in docs/kafka-topics.md ("Alert facts").
 *
 * @param name      what it is, e.g. {@code powerW}, {@code tempC}, {@code overForS}, {@code level}
 * @param value     the figure, when the fact is one
 * @param unit      its unit, e.g. {@code W}, {@code °C}, {@code s}, {@code p/m²}
 * @param threshold the limit the rule compared the figure with, when there is one
 * @param text      the word, when the fact is not a figure (a stable code, never a sentence)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertFact(String name, Double value, String unit, Double threshold, String text) {

    public static AlertFact figure(String name, double value, String unit) {
        return new AlertFact(name, value, unit, null, null);
    }

    public static AlertFact against(String name, double value, String unit, double threshold) {
        return new AlertFact(name, value, unit, threshold, null);
    }

    public static AlertFact word(String name, String text) {
        return new AlertFact(name, null, null, null, text);
    }

    /** The fact named {@code name} in {@code facts}, if there is one. */
    public static Optional<AlertFact> find(List<AlertFact> facts, String name) {
        if (facts == null) {
            return Optional.empty();
        }
        for (AlertFact f : facts) {
            if (name.equals(f.name())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
