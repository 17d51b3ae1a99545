package io.anju.sim.run;

import io.anju.common.model.Device;
import io.anju.sim.fault.FaultPlan;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.truth.GroundTruth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the fault plan into ground truth as simulated time passes: a fault becomes a ground-truth line when its
 * start time is reached (the behaviour models inject the fault itself). Faults on devices that are not being played
 * are reported once and skipped.
 */
public final class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final List<FaultSpec> pending;
    private final Map<String, Device> devices;

    public FaultInjector(FaultPlan plan, Map<String, Device> playedDevices) {
        this.devices = playedDevices;
        this.pending = new ArrayList<>();
        for (FaultSpec f : plan.faults()) {
            if (playedDevices.containsKey(f.deviceId())) {
                pending.add(f);
            } else {
                LOG.warn("fault {} names device {}, which is not being simulated; skipped", f.fault().wireName(),
                        f.deviceId());
            }
        }
    }

    /** The faults that have started by {@code simNow} and were not reported before, in start order. */
    public synchronized List<GroundTruth> startedBy(long simNow) {
        List<GroundTruth> started = new ArrayList<>();
        while (!pending.isEmpty() && pending.get(0).startTs() <= simNow) {
            FaultSpec f = pending.remove(0);
            started.add(GroundTruth.of(f, devices.get(f.deviceId())));
        }
        return started;
    }

    public synchronized int remaining() {
        return pending.size();
    }
}
