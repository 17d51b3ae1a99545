package io.anju.cases.text;

import io.anju.cases.model.CaseEvent;
import io.anju.cases.store.NewEvent;
import io.anju.common.text.Lang;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The notes of command entries are rendered from their data in the reader's language, the person's reason quoted. */
class CommandHistoryTextTest {
    private final CaseTexts texts = new CaseTexts(() -> null);

    @Test
    void aPersonsStopAndItsStoryReadInChineseAndEnglish() {
        CaseEvent issued = entry("pm1", "property_manager", "command", Map.of("source", "request", "outcome", "issued",
                "action", "stop_port", "port", 1, "deviceId", "chg-0001-1", "reason", "闻到焦味"));
        assertThat(note(issued, Lang.ZH)).isEqualTo("pm1 向 chg-0001-1 发出断电（1 号端口）指令（闻到焦味）");
        assertThat(note(issued, Lang.EN)).isEqualTo("stop_port of port 1 of chg-0001-1 issued by pm1 (闻到焦味)");

        CaseEvent delivered = system("command", Map.of("source", "delivery", "outcome", "delivered",
                "action", "stop_port", "port", 1, "deviceId", "chg-0001-1", "gateway", "gw-1"));
        assertThat(note(delivered, Lang.ZH)).isEqualTo("断电（1 号端口）已送达 chg-0001-1（网关 gw-1）");

        CaseEvent retried = system("command", Map.of("source", "confirmation", "outcome", "retried",
                "action", "stop_port", "port", 1, "attempt", 2, "powerW", 950.0));
        assertThat(note(retried, Lang.ZH)).isEqualTo("断电（1 号端口）未按时确认，已重发（第 2 次）（仍为 950 W）");
        assertThat(note(retried, Lang.EN))
                .isEqualTo("stop_port of port 1 not confirmed in time; retried (attempt 2) (still 950 W)");

        CaseEvent confirmed = system("command", Map.of("source", "confirmation", "outcome", "confirmed",
                "action", "stop_port", "port", 1, "attempt", 2, "powerW", 0.0));
        assertThat(note(confirmed, Lang.ZH)).isEqualTo("断电（1 号端口）已由读数确认（0 W）");

        CaseEvent resumed = system("command", Map.of("source", "confirmation", "outcome", "resumed",
                "action", "stop_port", "port", 1));
        assertThat(note(resumed, Lang.ZH)).isEqualTo("断电（1 号端口）不再确认：端口已恢复供电");
    }

    @Test
    void aRefusedResumeNamesItsGuardsInTheReadersLanguage() {
        Map<String, Object> guard = new LinkedHashMap<>();
        guard.put("code", "alert_open");
        guard.put("message", "the alert that caused the stop (a-1) is still open");
        guard.put("alertId", "a-1");
        CaseEvent refused = entry("pm1", "property_manager", "command", Map.of("source", "request",
                "outcome", "refused", "action", "resume_port", "port", 2, "deviceId", "chg-0001-1",
                "guards", List.of(guard)));
        assertThat(note(refused, Lang.ZH)).isEqualTo("恢复供电（2 号端口）被拒绝：导致断电的告警 a-1 仍未解除");

        CaseEvent overridden = entry("zhou", "district_operator", "command_override", Map.of("action", "resume_port",
                "port", 2, "deviceId", "chg-0001-1", "reason", "on site: port cold", "guards", List.of(guard)));
        assertThat(note(overridden, Lang.ZH))
                .isEqualTo("越过校验发出恢复供电（2 号端口）：导致断电的告警 a-1 仍未解除；原因：on site: port cold");
    }

    @Test
    void anUnknownOutcomeIsStillShownAndAnEntryWithoutItsCommandKeepsItsNote() {
        CaseEvent odd = system("command", Map.of("source", "delivery", "outcome", "expired", "action", "stop_port",
                "port", 1, "deviceId", "chg-0001-1", "detail", "held past its TTL"));
        assertThat(note(odd, Lang.ZH)).isEqualTo("断电（1 号端口）未送达（expired）：held past its TTL");

        CaseEvent bare = system("command", Map.of("outcome", "confirmed"));
        assertThat(note(bare, Lang.ZH)).as("nothing to render from: the stored note").isEqualTo("as stored");
    }

    @Test
    void anUndeliveredRedNoticeSaysWhichNoticeAndWhere() {
        CaseEvent e = system("notification_undelivered", Map.of("noticeKind", "opened",
                "channels", Map.of("sms", "HTTP 500")));
        assertThat(note(e, Lang.EN)).isEqualTo("notification undelivered: the red “new case” notice reached nobody: "
                + "sms (HTTP 500)");
    }

    @Test
    void anEscalationForAnUndeliveredNoticeSaysSoNotThatADeadlinePassed() {
        CaseEvent e = system("escalated", Map.of("from", "g-01", "to", "c-01", "fromLevel", "grid",
                "level", "community", "reason", "notification_undelivered", "noticeSeq", "7"));
        assertThat(note(e, Lang.ZH)).isEqualTo("通知未送达：由网格 g-01 上报至社区 c-01");
        assertThat(note(e, Lang.EN)).isEqualTo("notification undelivered: escalated from grid g-01 to community c-01");
    }

    @Test
    void theNoteAnEntryIsWrittenWithIsTheChineseOfTheSameWords() {
        Map<String, Object> data = Map.of("source", "confirmation", "outcome", "confirmed", "action", "stop_port",
                "port", 3, "deviceId", "chg-0001-1", "powerW", 0);
        assertThat(NewEvent.worded("command", null, null, null, data).note())
                .isEqualTo(note(system("command", data), Lang.ZH)).isEqualTo("断电（3 号端口）已由读数确认（0 W）");
        assertThat(NewEvent.worded("alert_reraised", "alert_reraised", null, null, Map.of("alertId", "a1")).note())
                .isEqualTo("设备再次报告该预警");
    }

    private String note(CaseEvent e, Lang lang) {
        return texts.localize(e, null, lang).note();
    }

    private static CaseEvent system(String kind, Map<String, Object> data) {
        return entry("system", null, kind, data);
    }

    private static CaseEvent entry(String actor, String role, String kind, Map<String, Object> data) {
        return new CaseEvent(1, 1, Instant.parse("2026-12-07T01:00:00Z"), actor, role, kind, null, null, "as stored",
                List.of(), data);
    }
}
