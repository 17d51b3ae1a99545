package io.anju.bench.jobs.traffic;

import io.anju.common.alert.Severity;
import io.anju.jobs.config.JobsSettings;
import io.anju.jobs.detect.DetectorSettings;
import io.anju.jobs.detect.charger.PortOverloadRule;
import io.anju.jobs.input.DeviceInput;
import io.anju.jobs.input.EnvelopeDecoder;
import io.anju.jobs.input.PortReading;
import io.anju.jobs.time.ClockRule;

/**
 * The envelopes are rendered by the benchmark, not by a gateway: before anything is measured, the job's own decoder
 * must read every pre-rendered envelope as the kind it stands for, at the time it was stamped with, and an overload
 * reading must be an immediate red under the job's own port overload rule while every other port reading stays
 * within its limit. A benchmark of envelopes the job skips or misreads would measure nothing.
 */
public final class DecodeCheck {
    private DecodeCheck() {
    }

    /** @throws IllegalStateException naming the device and what is wrong */
    public static void verify(Traffic traffic) {
        EnvelopeDecoder decoder = new EnvelopeDecoder(new ClockRule(JobsSettings.DEFAULT_CLOCK_TOLERANCE), () -> {
            throw new IllegalStateException("the decoder corrected a reading's clock: ts and receivedAt differ");
        });
        PortOverloadRule rule = new PortOverloadRule(DetectorSettings.defaults().portOverload());
        long ts = System.currentTimeMillis();
        traffic.forEachTemplate((device, kind, overload, template) -> {
            DeviceInput in;
            try {
                in = decoder.decode(template.at(ts, EnvelopeTemplate.SEQ_BASE));
            } catch (EnvelopeDecoder.UndecodableEnvelope e) {
                throw new IllegalStateException(device.id() + " " + kind + ": undecodable: " + e.getMessage(), e);
            }
            boolean asKind = switch (kind) {
                case CHARGER -> in instanceof DeviceInput.Charger;
                case CROWD -> in instanceof DeviceInput.Crowd;
                case GATE -> in instanceof DeviceInput.Gate;
                case STATUS -> in instanceof DeviceInput.Status;
            };
            require(asKind, device, kind, "decoded as " + in.getClass().getSimpleName());
            require(in.seen().deviceId().equals(device.id()) && in.seen().ts() == ts
                    && in.seen().receivedAt() == ts, device, kind, "decoded as " + in.seen());
            if (in instanceof DeviceInput.Charger c) {
                int hot = overload ? Payloads.overloadPort(device) : 0;
                for (PortReading r : c.telemetry().ports()) {
                    boolean red = rule.severityOf(0, r.powerW(), device.portLimitW()) == Severity.RED;
                    require(r.no() == hot ? red : !PortOverloadRule.over(r, device.portLimitW()), device, kind,
                            "port " + r.no() + " at " + r.powerW() + " W (limit " + device.portLimitW() + " W)");
                }
            }
        });
    }

    private static void require(boolean ok, BenchDevice device, Kind kind, String what) {
        if (!ok) {
            throw new IllegalStateException("pre-rendered " + kind + " envelope of " + device.id() + ": " + what);
        }
    }
}
