package io.anju.sim.behaviour;

import io.anju.common.model.DistrictTime;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.sim.clock.DayProfile;
import io.anju.sim.clock.Scenario;
import io.anju.sim.clock.SimClock;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.payload.JpegSnapshots;
import io.anju.sim.payload.Payloads;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A compound access gate: passes and denials following the day (morning out, evening in), residents by face or
 * card, visitors by QR code or password; injected forced openings come with a snapshot.
 */
public final class GateBehaviour extends DeviceBehaviour {
    public static final long STEP_MS = 1_000;
    /** Passages per hour through a pedestrian gate, by local hour. */
    static final DayProfile PASSAGES = DayProfile.of(
            2, 1, 1, 1, 1, 3, 15, 45, 50, 25, 18, 20, 25, 20, 18, 20, 25, 40, 50, 40, 28, 15, 8, 4);

    private final DayProfile passages;
    private final String fixedDirection;

    public GateBehaviour(Device device, Random rng, List<FaultSpec> faults, Scenario scenario, long startMs) {
        super(device, rng, faults, STEP_MS, startMs);
        boolean vehicle = device.gate() != null && "vehicle".equals(device.gate().kind());
        this.passages = PASSAGES.scaled(vehicle ? 0.4 : 1.0);
        String dir = device.gate() == null ? null : device.gate().direction();
        this.fixedDirection = "in".equals(dir) || "out".equals(dir) ? dir : null;
    }

    @Override
    protected String firmware() {
        return "2.1.0";
    }

    @Override
    protected void step(long t) {
        for (FaultSpec f : faults) {
            if (f.fault() == FaultKind.FORCED_GATE && t == f.startTs() - f.startTs() % STEP_MS) {
                String snapshotId = id() + "-" + t;
                int[] bbox = {40, 20, 60, 90};
                binary(MqttTopics.snapshot(DeviceType.GATE, id(), snapshotId),
                        JpegSnapshots.render(id(), "forced_open", t, bbox));
                gateEvent(t, "forced_open", direction(t), null, null, snapshotId);
            }
        }
        if (Draws.happens(rng, passages.at(t), STEP_MS)) {
            passage(t);
        }
    }

    private void passage(long t) {
        double who = rng.nextDouble();
        String personType = who < 0.80 ? "resident" : who < 0.97 ? "visitor" : "unknown";
        String method = switch (personType) {
            case "resident" -> rng.nextDouble() < 0.6 ? "face" : "card";
            case "visitor" -> rng.nextDouble() < 0.85 ? "qr" : "password";
            default -> "face";
        };
        double denyChance = switch (personType) {
            case "resident" -> 0.02;
            case "visitor" -> 0.08;
            default -> 0.7;
        };
        String kind = rng.nextDouble() < denyChance ? "denied" : "pass";
        gateEvent(t, kind, direction(t), method, personType, null);
    }

    private String direction(long t) {
        if (fixedDirection != null) {
            return fixedDirection;
        }
        int hour = Instant.ofEpochMilli(t).atZone(DistrictTime.ZONE).getHour();
        boolean mostlyIn = hour >= 12;
        return rng.nextDouble() < 0.65 == mostlyIn ? "in" : "out";
    }

    private void gateEvent(long t, String kind, String direction, String method, String personType, String snapshotId) {
        json(MqttTopics.event(DeviceType.GATE, id()),
                new Payloads.GateEvent(t, nextSeq(), kind, direction, method, personType, snapshotId));
    }

    @Override
    protected CommandResult onCommand(Payloads.Command cmd, long simMs) {
        if (!"open_gate".equals(cmd.action())) {
            return super.onCommand(cmd, simMs);
        }
        gateEvent(simMs, "pass", fixedDirection == null ? "in" : fixedDirection, "remote", "visitor", null);
        return CommandResult.ok("gate opened");
    }
}
