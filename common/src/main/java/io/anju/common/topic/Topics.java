package io.anju.common.topic;

import io.anju.common.model.DeviceType;

/** Names of the Kafka topics that connect the platform's parts. */
public final class Topics {
    /** Prefix of the per-type telemetry topics, e.g. {@code anju.telemetry.charger}. */
    public static final String TELEMETRY_PREFIX = "anju.telemetry.";
    /** Discrete device events and device-side alarms, all types. */
    public static final String EVENTS = "anju.events";
    /** Heartbeats, online/offline (including Will messages), all types. */
    public static final String STATUS = "anju.status";
    /** References to stored evidence snapshots (the JPEG itself stays in the blob store). */
    public static final String SNAPSHOTS = "anju.snapshots";
    /** Payloads that failed validation, with the reason. */
    public static final String QUARANTINE = "anju.quarantine";
    /**
     * Per-device connection outcomes and rejected payloads seen by the gateways ({@code DiagnosticEvent}), keyed by
     * device id (or client id when the client did not authenticate); best-effort, for vendors and operators.
     */
    public static final String DIAGNOSTICS = "anju.diagnostics";
    /** Commands for devices, keyed by device id; the gateway delivers them. */
    public static final String COMMANDS = "anju.commands";
    /** Delivery outcomes of commands and the devices' replies. */
    public static final String COMMAND_RESULTS = "anju.command-results";
    /** Warnings raised by the stream jobs. */
    public static final String ALERTS = "anju.alerts";
    /** Each crowd zone's figures after every reading, as the alerting job's crowd detector saw them (for history). */
    public static final String ZONES = "anju.zones";
    /** The registry of places and devices, each record a whole revision (compacted, one partition, one key). */
    public static final String REGISTRY = "anju.registry";
    /** Each device's last known state ({@code DeviceTwin}), keyed by device id (compacted). */
    public static final String TWIN = "anju.twin";
    /** Which gateway instance holds each {@code node.id}, with its heartbeat, keyed by node id (compacted). */
    public static final String GATEWAY_NODES = "anju.gateway-nodes";

    private Topics() {
    }

    public static String telemetry(DeviceType type) {
        return TELEMETRY_PREFIX + type.wireName();
    }
}
