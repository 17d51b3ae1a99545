package io.anju.sim.behaviour;

import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.topic.MqttTopics;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.payload.JpegSnapshots;
import io.anju.sim.payload.Payloads;

import java.util.List;
import java.util.Random;

/**
 * A video-analytics camera: occasional single detections of the kind its view suggests (background noise a
 * detector must not alarm on) and, when injected, an e-bike in the elevator seen twice within 5 s. Each detection
 * publishes a small JPEG on {@code snapshot/{id}} first, then the event that references it.
 */
public final class CameraBehaviour extends DeviceBehaviour {
    public static final long STEP_MS = 1_000;
    /** Background detections per camera per hour. */
    static final double BACKGROUND_PER_HOUR = 0.2;
    /** Seconds between the two detections of an injected e-bike-in-elevator fault (inside the 5 s rule). */
    static final long SECOND_DETECTION_MS = 3_000;

    private final String watches;

    public CameraBehaviour(Device device, Random rng, List<FaultSpec> faults, long startMs) {
        super(device, rng, faults, STEP_MS, startMs);
        this.watches = device.camera() == null ? "corridor" : device.camera().watches();
    }

    @Override
    protected String firmware() {
        return "5.2.1";
    }

    @Override
    protected void step(long t) {
        for (FaultSpec f : faults) {
            if (f.fault() != FaultKind.EBIKE_ELEVATOR) {
                continue;
            }
            long first = f.startTs() - f.startTs() % STEP_MS;
            if (t == first || t == first + SECOND_DETECTION_MS) {
                detection(t, "ebike_in_elevator", Draws.between(rng, 0.88, 0.97));
            }
        }
        if (Draws.happens(rng, BACKGROUND_PER_HOUR, STEP_MS)) {
            detection(t, backgroundKind(), Draws.between(rng, 0.55, 0.85));
        }
    }

    private String backgroundKind() {
        return switch (watches) {
            case "elevator" -> "ebike_in_elevator";
            case "fire_lane" -> "fire_lane_blocked";
            case "shed" -> rng.nextDouble() < 0.2 ? "smoke" : "intrusion";
            default -> rng.nextDouble() < 0.5 ? "gathering" : "intrusion";
        };
    }

    private void detection(long t, String kind, double confidence) {
        int w = 30 + rng.nextInt(50);
        int h = 30 + rng.nextInt(60);
        int[] bbox = {rng.nextInt(JpegSnapshots.WIDTH - w), rng.nextInt(JpegSnapshots.HEIGHT - h), w, h};
        String snapshotId = id() + "-" + t;
        binary(MqttTopics.snapshot(DeviceType.CAMERA, id(), snapshotId), JpegSnapshots.render(id(), kind, t, bbox));
        json(MqttTopics.event(DeviceType.CAMERA, id()), new Payloads.CameraEvent(t, nextSeq(), kind,
                Math.round(confidence * 100) / 100.0, bbox, snapshotId));
    }
}
