package io.anju.conformance.check;

import java.util.List;

/**
 * One check's result for one device.
 *
 * @param check    the check's stable id ({@code heartbeat}, {@code units} …)
 * @param section  where the rule is in docs/device-protocol.md
 * @param summary  the verdict's reason in one line
 * @param evidence what the kit saw, in words and figures
 */
public record Finding(String check, Verdict verdict, String section, String summary, List<String> evidence) {

    public Finding {
        evidence = List.copyOf(evidence);
    }
}
