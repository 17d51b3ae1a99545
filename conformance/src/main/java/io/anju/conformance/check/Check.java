package io.anju.conformance.check;

import io.anju.conformance.watch.DeviceLog;

import java.util.List;

/** One rule of the device protocol, judged from what the kit saw of a device: a pure function, no broker needed. */
public abstract class Check {
    private final String id;
    private final String section;

    /**
     * @param id      the stable id reports and scripts use
     * @param section where the rule stands in docs/device-protocol.md
     */
    protected Check(String id, String section) {
        this.id = id;
        this.section = section;
    }

    public abstract Finding run(DeviceLog log);

    protected final Finding finding(Verdict verdict, String summary, List<String> evidence) {
        return new Finding(id, verdict, section, summary, evidence);
    }

    /** The rule does not apply to what the kit saw, for the reason given (no evidence to show). */
    protected final Finding notApplicable(String summary) {
        return finding(Verdict.NOT_APPLICABLE, summary, List.of());
    }
}
