package io.anju.cases.notify;

import io.anju.cases.json.CasesJson;
import io.anju.cases.model.CaseEvent;
import io.anju.cases.model.CaseRecord;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Level;
import io.anju.cases.model.Origin;
import io.anju.cases.model.ResponseLevel;
import io.anju.cases.routing.CategoryTable;
import io.anju.cases.testing.TestPlaces;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeTextTest {
    private static final Instant OPENED = Instant.parse("2026-12-06T10:00:00Z");
    private final NoticeText text = new NoticeText(CategoryTable.defaults(), TestPlaces::registry);

    @Test
    void aNoticeReadsInChineseFromItsStructuredFields() throws Exception {
        CaseRecord c = fireRisk(OPENED.plusSeconds(300), null);

        NoticeMessage m = text.render(payload("opened", c, Map.of(), null));

        assertThat(m.title()).isEqualTo("【红色预警】充电站火灾风险：新案件");
        assertThat(m.text()).isEqualTo("""
                【红色预警】充电站火灾风险：新案件
                案件编号：LH-20261206-000001
                事件：一号小区充电站 ch-001 火灾风险（1号端口）
                类别：充电站火灾风险（01-01）
                等级：红色
                地点：一号小区，一号社区，北院门街道
                状态：待核实
                派遣时限：2026-12-06 18:05（北京时间）""");
        assertThat(m.markdown()).startsWith("### 【红色预警】充电站火灾风险：新案件\n- 案件编号：LH-20261206-000001\n")
                .doesNotContain("Fire risk");
        assertThat(m.severity()).isEqualTo(Severity.RED);
        assertThat(m.phones()).isEmpty();
    }

    @Test
    void anEscalationSaysWhereToAndADispatchedCaseShowsItsHandlingDeadline() throws Exception {
        CaseRecord c = fireRisk(OPENED.plusSeconds(300), OPENED.plusSeconds(1800));

        NoticeMessage m = text.render(payload("escalated", c,
                Map.of("to", TestPlaces.COMMUNITY, "level", "community"), null));

        assertThat(m.text()).contains("案件已上报上级", "处置时限：2026-12-06 18:30（北京时间）",
                "上报至：社区 " + TestPlaces.COMMUNITY).doesNotContain("派遣时限");
    }

    @Test
    void recipientsPhonesAreTakenInOrderWithoutBlanksOrRepeats() throws Exception {
        JsonArray recipients = new JsonArray()
                .add(new JsonObject().put("name", "li").put("phone", "13800000001"))
                .add(new JsonObject().put("name", "wang"))
                .add(new JsonObject().put("name", "zhao").put("phone", " "))
                .add(new JsonObject().put("name", "li2").put("phone", "13800000001"))
                .add(new JsonObject().put("name", "chen").put("phone", "+8613900000002"));

        NoticeMessage m = text.render(payload("reminder", fireRisk(null, null), Map.of(), recipients));

        assertThat(m.phones()).containsExactly("13800000001", "+8613900000002");
    }

    @Test
    void eachLanguageOfTheRecipientsGetsItsOwnMessageWithItsOwnPeoplesPhones() throws Exception {
        JsonArray recipients = new JsonArray()
                .add(new JsonObject().put("name", "li").put("phone", "13800000001").put("language", "zh"))
                .add(new JsonObject().put("name", "sam").put("phone", "13800000002").put("language", "en"))
                .add(new JsonObject().put("name", "wang").put("phone", "13800000003"));

        List<NoticeMessage> messages = text.renderPerLanguage(payload("escalated", fireRisk(OPENED.plusSeconds(300), null),
                Map.of("to", TestPlaces.COMMUNITY, "level", "community"), recipients));

        assertThat(messages).extracting(NoticeMessage::language).containsExactly("zh", "en");
        NoticeMessage zh = messages.get(0);
        NoticeMessage en = messages.get(1);
        assertThat(zh.phones()).as("a contact without a language reads Chinese").containsExactly("13800000001", "13800000003");
        assertThat(en.phones()).containsExactly("13800000002");
        assertThat(zh.text()).contains("案件已上报上级", "上报至：社区 " + TestPlaces.COMMUNITY);
        assertThat(en.title()).isEqualTo("[red warning] Fire risk at a charging station: escalated");
        assertThat(en.text()).contains("Case: LH-20261206-000001",
                "What: Fire risk at charging station ch-001 (port 1) at 一号小区", "Severity: red",
                "Place: 一号小区, 一号社区, Beiyuanmen Sub-district", "State: awaiting verification",
                "Dispatch by: 2026-12-06 18:05 (Beijing time)", "Escalated to: community " + TestPlaces.COMMUNITY)
                .doesNotContain("预警", "案件", "派遣");
    }

    @Test
    void aNoticeThatNamesNobodyIsOneChineseMessage() throws Exception {
        assertThat(text.renderPerLanguage(payload("opened", fireRisk(null, null), Map.of(), null)))
                .extracting(NoticeMessage::language).containsExactly("zh");
        JsonArray english = new JsonArray().add(new JsonObject().put("name", "sam").put("language", "en"));
        assertThat(text.renderPerLanguage(payload("opened", fireRisk(null, null), Map.of(), english)))
                .extracting(NoticeMessage::language).containsExactly("en");
    }

    @Test
    void aPayloadThatIsNotANoticeIsAPermanentFailure() {
        assertThatThrownBy(() -> text.render("{\"kind\":\"opened\"}"))
                .satisfies(e -> assertThat(DeliveryFailure.isPermanent(e)).isTrue())
                .hasMessageContaining("after.caseNo");
        assertThatThrownBy(() -> text.render("not json"))
                .satisfies(e -> assertThat(DeliveryFailure.isPermanent(e)).isTrue());
    }

    private static CaseRecord fireRisk(Instant dispatchDue, Instant deadline) {
        return new CaseRecord(1, "LH-20261206-000001", Origin.ALERT, "Fire risk at charging station ch-001",
                "Fire risk at charging station ch-001: port 1 at 66.0 °C", "01-01", "fire", List.of(), Severity.RED,
                CaseState.COLLECTED, ResponseLevel.CASE, "fire_risk:ch-001#1", "al-1", AlertType.FIRE_RISK, AlertStatus.RAISED,
                Severity.RED, "stop_port", TestPlaces.at(TestPlaces.COMPOUND), "port", "ch-001#1", "ch-001", 1,
                List.of(), Level.GRID, TestPlaces.GRID, null, OPENED, OPENED, OPENED, OPENED, null, null, dispatchDue, null,
                deadline, null, null, null, false, false, false, 0, null, null, null, null, 0, List.of());
    }

    private static String payload(String kind, CaseRecord c, Map<String, Object> data, JsonArray recipients)
            throws Exception {
        CaseEvent event = new CaseEvent(9, c.id(), OPENED, "system", null, kind, null, c.state(), null, List.of(),
                data);
        JsonObject json = new JsonObject(CasesJson.mapper().writeValueAsString(new CaseNotice(kind, c, event)));
        if (recipients != null) {
            json.put("recipients", recipients);
        }
        return json.encode();
    }
}
