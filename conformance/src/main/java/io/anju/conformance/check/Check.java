package io.anju.conformance.check;

import io.anju.conformance.watch.DeviceLog;

import java.util.List;

/** One rule of the device protocol, judged from what the kit saw of a device: a pure function, no broker needed. */
public interface Check {
    /** The stable id reports and scripts use. */
    String id();

    /** Where the rule stands in docs/device-protocol.md. */
    String section();

    Finding run(DeviceLog log);

    default Finding finding(Verdict verdict, String summary, List<String> evidence) {
        return new Finding(id(), verdict, section(), summary, evidence);
    }
}
