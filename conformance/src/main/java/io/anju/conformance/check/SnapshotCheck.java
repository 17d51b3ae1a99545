package io.anju.conformance.check;

import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * §3 gate and camera events, snapshot: an event that references a {@code snapshotId} has that picture uploaded on
 * {@code snapshot/{snapshotId}}. Events in the last seconds of the watch are not judged (their upload may be on its
 * way).
 */
public final class SnapshotCheck extends Check {
    static final long UPLOAD_GRACE_REAL_MS = 5_000;

    public SnapshotCheck() {
        super("snapshot", "3. Payloads (snapshot/{snapshotId})");
    }

    @Override
    public Finding run(DeviceLog log) {
        if (log.type() != DeviceType.GATE && log.type() != DeviceType.CAMERA) {
            return notApplicable("a " + log.type().wireName() + " sends no snapshots");
        }
        long judgedUntil = log.watchEnd() - log.scale().deviceSpan(UPLOAD_GRACE_REAL_MS);
        List<String> referenced = log.on(Channel.EVENT).stream()
                .filter(m -> m.text("snapshotId") != null && m.receivedAt() <= judgedUntil)
                .map(m -> m.text("snapshotId")).distinct().toList();
        Set<String> uploaded = log.on(Channel.SNAPSHOT).stream().map(m -> m.text("snapshotId"))
                .collect(Collectors.toSet());
        if (referenced.isEmpty()) {
            return finding(Verdict.NOT_APPLICABLE, "no event referenced a snapshot while the kit watched",
                    List.of(uploaded.size() + " snapshot(s) uploaded"));
        }
        List<String> missing = referenced.stream().filter(id -> !uploaded.contains(id)).toList();
        List<String> evidence = new ArrayList<>();
        evidence.add(referenced.size() + " event(s) referenced a snapshot; " + (referenced.size() - missing.size())
                + " uploaded");
        if (!missing.isEmpty()) {
            evidence.add("not uploaded: " + String.join(", ", missing.stream().limit(5).toList()));
            return finding(Verdict.FAIL, missing.size() + " referenced snapshot(s) never uploaded", evidence);
        }
        return finding(Verdict.PASS, "every referenced snapshot uploaded", evidence);
    }
}
