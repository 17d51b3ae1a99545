package io.anju.cases.commands;

/**
 * Body of {@code POST /api/v1/cases/{id}/commands}: what a person asks a charger of the case to do.
 *
 * @param action   {@code stop_port} or {@code resume_port}
 * @param deviceId the charging station; it must be the case's station, or a station of the case's compound
 * @param port     the port (1 to the station's port count)
 * @param reason   why, in the person's words; required with {@code override}
 * @param override resume despite the guards (command-centre operators only)
 */
public record CommandRequest(String action, String deviceId, int port, String reason, Boolean override) {

    public boolean overriding() {
        return Boolean.TRUE.equals(override);
    }

    public String reasonText() {
        return reason == null ? "" : reason.strip();
    }
}
