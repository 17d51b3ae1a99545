package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the probe reads: alert records of anju.alerts and case details of the case service's REST API. */
class ProbeRecordsTest {

    @Test
    void anAlertRecordIsReadAsDocumented() throws IOException {
        // docs/kafka-topics.md
        ProbeLedger.AlertRecord a = AlertReader.parse(json("""
                {"id":"5b0c","dedupKey":"port_overload:chg-0009-1#5","type":"port_overload","severity":"red",
                 "status":"updated","revision":2,"sourceKind":"port","sourceId":"chg-0009-1#5","deviceId":"chg-0009-1",
                 "port":5,"location":{"subDistrictId":"sd-03","communityId":"c-021","gridId":"g-058","compoundId":"cp-0009"},
                 "firstEventTs":1795870260000,"lastEventTs":1795870290000,"emittedAt":1764378000210,
                 "summary":"port 5 at 1,132 W over its 1,000 W limit for 30 s","recommendedAction":"stop_port",
                 "evidence":[{"ts":1795870290000,"deviceId":"chg-0009-1","signal":"powerW","value":1132.0,"unit":"W","port":5}]}
                """));
        assertThat(a).isEqualTo(new ProbeLedger.AlertRecord("5b0c", 2, "port_overload", "updated", "chg-0009-1", 5,
                1795870290000L, 1764378000210L, List.of(new ProbeLedger.Cited("chg-0009-1", 5, 1795870290000L))));
        // A zone alert has no device or port.
        ProbeLedger.AlertRecord zone = AlertReader.parse(json("""
                {"id":"z","type":"crowd_density","status":"raised","revision":1,"lastEventTs":5,"emittedAt":6,"evidence":[]}
                """));
        assertThat(zone.deviceId()).isNull();
        assertThat(zone.port()).isNull();
    }

    @Test
    void theCaseHistoryGivesEachAppliedRevisionWithTheCaseServicesTime() throws IOException {
        // As GET /api/v1/cases/{id} answered for a probe overload and its clear (history only; the case left out).
        JsonNode detail = json("""
                {"case":{"id":1},"allowedActions":["verify"],"history":[
                 {"seq":1,"caseId":1,"at":"2026-12-06T13:16:30.700426Z","actor":"system","kind":"created",
                  "toState":"collected","attachments":[],"data":{"alertId":"89c2","revision":1,"severity":"red","assignedUnit":"g-197"}},
                 {"seq":2,"caseId":1,"at":"2026-12-06T13:16:31.406314Z","actor":"system","kind":"alert_cleared",
                  "fromState":"collected","toState":"feedback_submitted","attachments":[],"data":{"alertId":"89c2","revision":2}},
                 {"seq":3,"caseId":1,"at":"2026-12-06T13:16:40.1Z","actor":"system","kind":"alert_reraised",
                  "fromState":"feedback_submitted","toState":"collected","attachments":[],"data":{"alertId":"77aa"}},
                 {"seq":4,"caseId":1,"at":"2026-12-06T13:16:40.1Z","actor":"system","kind":"alert_update","attachments":[],
                  "data":{"oldSeverity":"red","newSeverity":"red","alertSeverity":"red","alertId":"77aa","revision":1}},
                 {"seq":5,"caseId":1,"at":"2026-12-06T13:17:00Z","actor":"district","kind":"comment","attachments":[]}]}
                """);
        assertThat(CaseWatcher.applied(detail)).containsExactly(
                new CaseWatcher.Applied("89c2", 1, 1_796_562_990_700_426L),
                new CaseWatcher.Applied("89c2", 2, 1_796_562_991_406_314L),
                new CaseWatcher.Applied("77aa", 1, 1_796_563_000_100_000L));
    }

    private static JsonNode json(String s) throws IOException {
        return Json.tree(s.getBytes(StandardCharsets.UTF_8));
    }
}
