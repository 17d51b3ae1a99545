package io.anju.cases.intake;

import io.anju.common.alert.Alert;

/** What one record of {@code anju.alerts} turned out to be: an alert to apply, or a reason to quarantine it. */
public sealed interface DecodedAlert {

    record Valid(Alert alert) implements DecodedAlert {
    }

    /**
     * @param code   a stable, low-cardinality code for the metric tag: {@code empty}, {@code malformed_json},
     *               {@code invalid_value}, {@code missing_field}, {@code rejected}
     * @param reason what was wrong, for people
     */
    record Invalid(String code, String reason) implements DecodedAlert {
    }
}
