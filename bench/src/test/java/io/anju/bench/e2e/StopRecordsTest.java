package io.anju.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The records a stop leaves, as docs/kafka-topics.md and docs/cases.md write them. */
class StopRecordsTest {

    @Test
    void theJobsStopItsConfirmationAndTheAlertAreReadWithTheirKafkaTimes() throws IOException {
        assertThat(StopRecords.parse(Topics.COMMANDS, bytes("chg-0042-2"), bytes("""
                {"id":"6f1c","ts":1764378000000,"action":"stop_port","port":4,"reason":"alert 9d2","alertId":"9d2",
                 "ttlMs":300000}"""), 17L))
                .isEqualTo(new StopRecords.CommandSeen("6f1c", "stop_port", "chg-0042-2", 4, "9d2", null, 17L));
        assertThat(StopRecords.parse(Topics.COMMAND_RESULTS, bytes("chg-0042-2"), bytes("""
                {"kind":"confirmation","commandId":"0b7e","deviceId":"chg-0042-2","port":4,"outcome":"confirmed",
                 "attempt":1,"powerW":0.0,"at":1764378000500,"caseId":42}"""), 18L))
                .isEqualTo(new StopRecords.ConfirmationSeen("0b7e", null, "chg-0042-2", 4, "confirmed", 42L,
                        1764378000500L, 18L));
        assertThat(StopRecords.parse(Topics.COMMAND_RESULTS, bytes("chg-0042-2"), bytes("""
                {"kind":"delivery","commandId":"6f1c","alertId":"9d2","action":"stop_port","deviceId":"chg-0042-2",
                 "outcome":"delivered","gateway":"gw-1","at":1764378000210}"""), 19L))
                .as("the gateway's delivery reports are not confirmations").isNull();
        assertThat(StopRecords.parse(Topics.ALERTS, null, bytes("""
                {"id":"9d2","type":"fire_risk","severity":"red","status":"open","deviceId":"chg-0042-2","port":4}"""),
                20L)).isEqualTo(new StopRecords.AlertSeen("9d2", "fire_risk", "red", "chg-0042-2", 20L));
    }

    @Test
    void theCaseHistoryHasTheConfirmationOnlyOnceItsEntryNamesThatCommand() throws IOException {
        JsonNode detail = Json.tree(bytes("""
                {"case":{"id":42},"history":[
                 {"kind":"command","at":"2026-12-07T22:00:01.250Z","data":{"source":"delivery","commandId":"6f1c",
                  "outcome":"delivered"}},
                 {"kind":"command","at":"2026-12-07T22:00:02.500Z","data":{"source":"confirmation","commandId":"0b7e",
                  "outcome":"confirmed"}}]}"""));
        assertThat(CaseWatcher.confirmedAt(detail, "6f1c")).as("delivered, not confirmed").isEqualTo(-1);
        assertThat(CaseWatcher.confirmedAt(detail, "0b7e"))
                .isEqualTo(Instant.parse("2026-12-07T22:00:02.500Z").toEpochMilli());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
