package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertType;
import io.anju.jobs.alert.AlertBook;

/**
 * The fire risk and leakage fault of the station being worked on, in the fire tracker's alert book: their dedup keys
 * and whether each is open. One telemetry asks for them a dozen times, so the keys are built once per station and
 * what is open is looked up once per input and again after each change.
 */
final class StationAlerts {
    private final AlertBook book;
    private String keysOf;
    private String fireKey;
    private String leakKey;
    private Boolean fireOpen;
    private Boolean leakOpen;

    StationAlerts(AlertBook book) {
        this.book = book;
    }

    /** The book, to read. */
    AlertBook book() {
        return book;
    }

    /** The book, about to change: what is open is looked up again afterwards. */
    AlertBook changing() {
        forget();
        return book;
    }

    /** A new input: what is open is looked up again. */
    void forget() {
        fireOpen = null;
        leakOpen = null;
    }

    boolean fireOpen(String stationId) throws Exception {
        if (fireOpen == null) {
            fireOpen = book.isOpen(fireKey(stationId));
        }
        return fireOpen;
    }

    boolean leakOpen(String stationId) throws Exception {
        if (leakOpen == null) {
            leakOpen = book.isOpen(leakKey(stationId));
        }
        return leakOpen;
    }

    String fireKey(String stationId) {
        keysFor(stationId);
        return fireKey;
    }

    String leakKey(String stationId) {
        keysFor(stationId);
        return leakKey;
    }

    private void keysFor(String stationId) {
        if (!stationId.equals(keysOf)) {
            fireKey = Alert.dedupKey(AlertType.FIRE_RISK, stationId);
            leakKey = Alert.dedupKey(AlertType.LEAKAGE_FAULT, stationId);
            keysOf = stationId;
        }
    }
}
