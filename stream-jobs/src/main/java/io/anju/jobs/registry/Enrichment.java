package io.anju.jobs.registry;

import io.anju.jobs.input.CameraDetection;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.CrowdReading;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.DeviceSeen;
import io.anju.jobs.input.GateEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.file.Path;

/**
 * Attaches registry attributes to every decoded input and splits the stream by kind: the main output is every
 * message as {@link DeviceSeen} (liveness), the side outputs carry the typed readings the detectors consume.
 * The registry arrives as broadcast state from {@link RegistryPoller}, so an edited registry reaches the running
 * job; until the first broadcast arrives the file is read once at start, so nothing passes unenriched.
 */
public final class Enrichment extends BroadcastProcessFunction<DeviceInput, RegistryView, DeviceSeen> {
    public static final MapStateDescriptor<String, RegistryView> REGISTRY = new MapStateDescriptor<>("registry",
            Types.STRING, TypeInformation.of(RegistryView.class));
    private static final String CURRENT = "current";

    public static final OutputTag<ChargerTelemetry> CHARGER = new OutputTag<>("charger-telemetry") { };
    public static final OutputTag<ChargerEvent> CHARGER_EVENTS = new OutputTag<>("charger-events") { };
    public static final OutputTag<GateEvent> GATE_EVENTS = new OutputTag<>("gate-events") { };
    public static final OutputTag<CrowdReading> CROWD = new OutputTag<>("crowd") { };
    public static final OutputTag<CameraDetection> CAMERA = new OutputTag<>("camera") { };

    private final String registryPath;
    private transient RegistryView initial;

    public Enrichment(Path registryPath) {
        this.registryPath = registryPath.toString();
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        initial = new RegistryFile(Path.of(registryPath)).load();
    }

    @Override
    public void processElement(DeviceInput in, ReadOnlyContext ctx, Collector<DeviceSeen> out) throws Exception {
        RegistryView registry = ctx.getBroadcastState(REGISTRY).get(CURRENT);
        if (registry == null) {
            registry = initial;
        }
        out.collect(in.seen());
        if (in instanceof DeviceInput.Charger c) {
            ChargerTelemetry t = c.telemetry();
            ChargerLimits limits = registry.charger(t.deviceId());
            ctx.output(CHARGER, new ChargerTelemetry(t.deviceId(), t.ts(), t.location(), t.mainsV(), t.ambientC(),
                    t.smoke(), t.leakageMa(), t.ports(), limits == null ? ChargerLimits.DEFAULTS : limits));
        } else if (in instanceof DeviceInput.ChargerEvt e) {
            ctx.output(CHARGER_EVENTS, e.event());
        } else if (in instanceof DeviceInput.Gate g) {
            ctx.output(GATE_EVENTS, g.event());
        } else if (in instanceof DeviceInput.Crowd c) {
            CrowdReading r = c.reading();
            ctx.output(CROWD, new CrowdReading(r.deviceId(), r.ts(), r.location(), r.count(), r.inCount(),
                    r.outCount(), r.intervalS(), registry.zone(r.location().zoneId())));
        } else if (in instanceof DeviceInput.Camera c) {
            CameraDetection d = c.detection();
            CameraView view = registry.camera(d.deviceId());
            ctx.output(CAMERA, new CameraDetection(d.deviceId(), d.ts(), d.location(), d.kind(), d.confidence(),
                    d.snapshotId(), view == null ? null : view.watches(), view == null ? null : view.building()));
        }
    }

    @Override
    public void processBroadcastElement(RegistryView view, Context ctx, Collector<DeviceSeen> out) throws Exception {
        if (view.isUnchangedMarker()) {
            return;
        }
        BroadcastState<String, RegistryView> state = ctx.getBroadcastState(REGISTRY);
        state.put(CURRENT, view);
    }
}
