package io.anju.jobs.detect.fire;

import io.anju.common.model.LocationChain;
import io.anju.jobs.input.CameraDetection;
import io.anju.jobs.input.ChargerEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.util.List;

/** Maps the typed device inputs to {@link FireSignal}s; inputs that say nothing about fire map to none. */
public final class FireSignals {
    private FireSignals() {
    }

    /**
     * The fire signals a compound's own stage works on: camera smoke and flame, and the CEP-confirmed
     * e-bike-in-elevator detections, in one stream for {@link CompoundFireDetector}. Inputs keep their event
     * timestamps. The stations' own signals stay with the per-device detectors ({@link StationFireTracker}).
     */
    public static DataStream<FireSignal> ofCameras(DataStream<CameraDetection> cameras, ElevatorSettings elevator) {
        TypeInformation<FireSignal> type = TypeInformation.of(FireSignal.class);
        DataStream<FireSignal> sightings = cameras
                .flatMap((CameraDetection d, Collector<FireSignal> out) -> fromCamera(d).forEach(out::collect))
                .returns(type).name("fire signals of camera detections");
        return sightings.union(ElevatorConfirmation.confirm(cameras, elevator));
    }

    /**
     * overtemp (with port and value), smoke and leakage (with value) events; other kinds, fault included (a port
     * protection trip is not a fire sign by itself), map to none.
     */
    public static List<FireSignal> fromEvent(ChargerEvent e) {
        String compound = compoundOf(e.location(), e.deviceId());
        return switch (e.kind()) {
            case "overtemp" -> e.port() == null || e.value() == null ? List.of()
                    : List.of(station(compound, e.deviceId(), e.ts(), FireSignal.Kind.PORT_TEMP, e.port(), e.value(),
                    e.location()));
            case "smoke" -> List.of(station(compound, e.deviceId(), e.ts(), FireSignal.Kind.SMOKE, null, 1,
                    e.location()));
            case "leakage" -> e.value() == null ? List.of()
                    : List.of(station(compound, e.deviceId(), e.ts(), FireSignal.Kind.LEAKAGE, null, e.value(),
                    e.location()));
            default -> List.of();
        };
    }

    /**
     * Camera smoke and flame detections. Single e-bike-in-elevator detections map to none: only
     * {@link ElevatorConfirmation} turns them into a signal.
     */
    public static List<FireSignal> fromCamera(CameraDetection d) {
        FireSignal.Kind kind = switch (d.kind()) {
            case "smoke" -> FireSignal.Kind.CAMERA_SMOKE;
            case "flame" -> FireSignal.Kind.CAMERA_FLAME;
            default -> null;
        };
        if (kind == null) {
            return List.of();
        }
        return List.of(new FireSignal(compoundOf(d.location(), d.deviceId()), d.deviceId(), d.ts(), kind, null,
                d.confidence(), d.snapshotId(), null, d.building(), d.location()));
    }

    /** The confirmation of two e-bike-in-elevator detections of one camera. */
    public static FireSignal elevatorConfirmed(CameraDetection first, CameraDetection second) {
        return new FireSignal(compoundOf(second.location(), second.deviceId()), second.deviceId(), second.ts(),
                FireSignal.Kind.EBIKE_IN_ELEVATOR_CONFIRMED, null, (second.ts() - first.ts()) / 1000.0,
                second.snapshotId(), first.snapshotId(), second.building(), second.location());
    }

    public static String compoundOf(LocationChain location, String deviceId) {
        return location != null && location.compoundId() != null ? location.compoundId() : deviceId;
    }

    private static FireSignal station(String compound, String deviceId, long ts, FireSignal.Kind kind, Integer port,
                                      double value, LocationChain location) {
        return new FireSignal(compound, deviceId, ts, kind, port, value, null, null, null, location);
    }
}
