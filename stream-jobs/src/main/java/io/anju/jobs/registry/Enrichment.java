package io.anju.jobs.registry;

import io.anju.jobs.input.CameraDetection;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.CrowdReading;
import io.anju.jobs.input.DeviceInput;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;


/**
 * Attaches registry attributes to the decoded inputs and routes them, chained to the Kafka source (each instance
 * holds its own copy of the registry, {@link RegistryHolder}, so nothing here waits on a broadcast). Every input goes
 * on to the per-device detectors (main output; charger telemetry with the station's limits); crowd readings with
 * their zone go to {@link #CROWD} and camera detections with their view to {@link #CAMERA}, for the detectors keyed
 * by zone and by camera and compound. The per-device detectors need only the liveness of counters and cameras, so
 * those reach them as {@link DeviceInput.Status}.
 */
public final class Enrichment extends ProcessFunction<DeviceInput, DeviceInput> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<CrowdReading> CROWD = new OutputTag<>("crowd", TypeInformation.of(CrowdReading.class));
    public static final OutputTag<CameraDetection> CAMERA =
            new OutputTag<>("camera", TypeInformation.of(CameraDetection.class));

    private final RegistrySource source;
    private transient RegistryHolder registry;

    public Enrichment(RegistrySource source) {
        this.source = source;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        registry = source.open();
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }

    @Override
    public void processElement(DeviceInput in, Context ctx, Collector<DeviceInput> out) {
        RegistryView view = registry.current();
        if (in instanceof DeviceInput.Charger c) {
            ChargerTelemetry t = c.telemetry();
            ChargerLimits limits = view.charger(t.deviceId());
            out.collect(new DeviceInput.Charger(c.seen(), new ChargerTelemetry(t.deviceId(), t.ts(), t.location(),
                    t.mainsV(), t.ambientC(), t.smoke(), t.leakageMa(), t.ports(),
                    limits == null ? ChargerLimits.DEFAULTS : limits)));
        } else if (in instanceof DeviceInput.Crowd c) {
            CrowdReading r = c.reading();
            ctx.output(CROWD, new CrowdReading(r.deviceId(), r.ts(), r.location(), r.count(), r.inCount(),
                    r.outCount(), r.intervalS(), view.zone(r.location().zoneId())));
            out.collect(new DeviceInput.Status(c.seen()));
        } else if (in instanceof DeviceInput.Camera c) {
            CameraDetection d = c.detection();
            CameraView camera = view.camera(d.deviceId());
            ctx.output(CAMERA, new CameraDetection(d.deviceId(), d.ts(), d.location(), d.kind(), d.confidence(),
                    d.snapshotId(), camera == null ? null : camera.watches(), camera == null ? null : camera.building()));
            out.collect(new DeviceInput.Status(c.seen()));
        } else {
            out.collect(in);
        }
    }
}
