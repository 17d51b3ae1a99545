package io.anju.bench.e2e;

/** The stop the {@link StopProbe} is timing; written by its tick and its record reader under the probe's lock. */
final class StopInFlight {

    /** How a stop started. */
    enum Kind { AUTOMATIC, PERSON }

    final Kind kind;
    final CaseProbe.Charger charger;
    final long startedAtMs;
    Long caseId;
    String alertId;
    long alertAtMs = -1;
    String commandId;
    long issuedAtMs = -1;
    String confirmedCommandId;
    long confirmedAtMs = -1;
    long confirmedByReadingTs = -1;
    long inCaseAtMs = -1;
    boolean withheld;

    StopInFlight(Kind kind, CaseProbe.Charger charger, long startedAtMs) {
        this.kind = kind;
        this.charger = charger;
        this.startedAtMs = startedAtMs;
    }

    boolean automatic() {
        return kind == Kind.AUTOMATIC;
    }

    String describe() {
        return (automatic() ? "automatic stop" : "a person's stop") + " of " + charger.deviceId()
                + " port " + charger.stopPort() + (caseId == null ? "" : " (case " + caseId + ")");
    }
}
