package io.anju.common.text;

import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertType;
import io.anju.common.model.LocationChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.anju.common.text.AlertPlaces.CAMERA;
import static io.anju.common.text.AlertPlaces.CHARGER;
import static io.anju.common.text.AlertPlaces.COMPOUND;
import static io.anju.common.text.AlertPlaces.COUNTER;
import static io.anju.common.text.AlertPlaces.GATE;
import static io.anju.common.text.AlertPlaces.NEIGHBOUR_COMPOUND;
import static io.anju.common.text.AlertPlaces.ZONE;
import static io.anju.common.alert.AlertFact.against;
import static io.anju.common.alert.AlertFact.figure;
import static io.anju.common.alert.AlertFact.word;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert type reads in Chinese and English from the facts its detector writes (the same names and units as
 * stream-jobs' detectors): the place's registry name, the device or port, each figure and its threshold, and what to
 * do — and never the English summary line, which the renderer does not read.
 */
class AlertTextTest {
    private static final Map<AlertType, Example> EXAMPLES = new EnumMap<>(AlertType.class);

    /** One alert as its detector writes it, and what each language must show of it. */
    private record Example(AlertSubject subject, List<String> zh, List<String> en) {
    }

    static {
        LocationChain compound = AlertPlaces.at(COMPOUND);
        LocationChain zone = AlertPlaces.at(ZONE);
        example(new AlertSubject(AlertType.PORT_OVERLOAD, "port", CHARGER + "#3", CHARGER, 3, compound, "stop_port",
                        List.of(against("powerW", 1132, "W", 1000), figure("overForS", 30, "s"))),
                List.of("一号小区", CHARGER, "3号端口过载", "功率 1132 W（限值 1000 W）", "已超限 30 秒", "切断该端口电源"),
                List.of("Port 3 of charger " + CHARGER, "一号小区", "power 1132 W (limit 1000 W)", "for 30 s",
                        "stop the port"));
        example(new AlertSubject(AlertType.STATION_OVERLOAD, "device", CHARGER, CHARGER, null, compound,
                        "reduce_station_load", List.of(against("totalW", 8850, "W", 8700), figure("stationLimitW", 8700, "W"))),
                List.of("一号小区", CHARGER, "总功率超限", "总功率 8850 W（限值 8700 W）"),
                List.of("Charging station " + CHARGER, "total 8850 W (limit 8700 W)", "reduce the station load"));
        example(new AlertSubject(AlertType.ILLEGAL_HIGH_POWER_LOAD, "port", CHARGER + "#5", CHARGER, 5, compound,
                        "inspect_port", List.of(against("powerW", 1500, "W", 800), figure("minW", 1490, "W"),
                        figure("maxW", 1510, "W"), against("durationS", 1260, "s", 1200))),
                List.of("5号端口", "违规大功率", "功率 1500 W（限值 800 W）", "最低 1490 W", "已持续 1260 秒（判定时长 1200 秒）"),
                List.of("Port 5", "illegal high-power load", "power 1500 W (limit 800 W)", "for 1260 s (rule: 1200 s)"));
        example(new AlertSubject(AlertType.FIRE_RISK, "device", CHARGER, CHARGER, 1, compound, "stop_port",
                        List.of(against("tempC", 66.0, "°C", 65), against("riseCPerMin", 6.24, "°C/min", 2),
                                word("smoke", "detected"), against("leakageMa", 42.5, "mA", 30),
                                word("raisedBy", "ebike_in_elevator"))),
                List.of("一号小区充电站 " + CHARGER + " 火灾风险（1号端口）", "温度 66 °C（过温线 65 °C）",
                        "升温 6.2 °C/分钟（阈值 2 °C/分钟）", "检测到烟雾", "漏电流 42.5 mA（限值 30 mA）", "因电梯内电动自行车上调一级"),
                List.of("Fire risk at charging station " + CHARGER + " (port 1) at 一号小区",
                        "temperature 66 °C (over-temperature line 65 °C)", "rising 6.2 °C/min (threshold 2 °C/min)",
                        "smoke detected", "leakage current 42.5 mA (limit 30 mA)", "raised one level: e-bike in the elevator"));
        example(new AlertSubject(AlertType.LEAKAGE_FAULT, "device", CHARGER, CHARGER, null, compound, "inspect_station",
                        List.of(against("leakageMa", 35, "mA", 30))),
                List.of("漏电故障", "漏电流 35 mA（限值 30 mA）", "检查充电站"),
                List.of("Leakage fault", "leakage current 35 mA (limit 30 mA)", "inspect the station"));
        example(new AlertSubject(AlertType.EBIKE_IN_ELEVATOR, "building", NEIGHBOUR_COMPOUND + "/7号楼", CAMERA, null,
                        AlertPlaces.at(NEIGHBOUR_COMPOUND), "dispatch_property_manager", List.of(figure("apartS", 2.5, "s"))),
                List.of("二号小区7号楼", "电动自行车进入电梯", "两次检测间隔 2.5 秒", "派物业管理员到场"),
                List.of("elevator of 7号楼 at 二号小区", "two detections 2.5 s apart", "send the property manager"));
        example(new AlertSubject(AlertType.CROWD_DENSITY, "zone", ZONE, null, null, zone, "restrict_entry",
                        List.of(against("count", 1480, "persons", 1400), figure("density", 3.7, "p/m²"),
                                figure("sharePct", 185, "%"), figure("capacity", 800, "persons"),
                                figure("flowBalance", 90, "persons"))),
                List.of("钟楼入口 人群密度预警", "现有 1480 人（该等级 1400 人）", "密度 3.7 人/m²", "占容量 185%", "差额 90 人",
                        "限制进入"),
                List.of("Crowd density warning at 钟楼入口", "1480 people now (1400 at that level)", "density 3.7 p/m²",
                        "185% of capacity", "balance 90 people", "restrict entry"));
        example(new AlertSubject(AlertType.CROWD_FORECAST, "zone", ZONE, null, null, zone, "prepare_flow_control",
                        List.of(word("level", "orange"), figure("minutes", 6, "min"), figure("trendPerMin", 42, "persons/min"),
                                against("count", 1100, "persons", 1400), figure("density", 2.8, "p/m²"),
                                figure("sharePct", 138, "%"), figure("capacity", 800, "persons"))),
                List.of("钟楼入口", "将达到橙色等级", "约 6 分钟后", "每分钟增加 42 人", "准备限流"),
                List.of("reaches orange", "in about 6 min", "+42 people/min", "prepare flow control"));
        example(new AlertSubject(AlertType.CROWD_INFLOW, "zone", ZONE, null, null, zone, "restrict_entry",
                        List.of(against("inflowPerMin", 95, "persons/min", 80))),
                List.of("钟楼入口 入口人流过大", "流入 95 人/分钟（限值 80 人/分钟）"),
                List.of("Inflow too high at entrance 钟楼入口", "inflow 95 people/min (limit 80/min)"));
        example(new AlertSubject(AlertType.DEVICE_OFFLINE, "device", COUNTER, COUNTER, null, zone, "check_device",
                        List.of(word("deviceType", "crowd"), against("silentS", 270, "s", 270),
                                word("connectionDropped", "true"))),
                List.of("设备 " + COUNTER + " 离线", "设备类型：客流计数器", "已 270 秒无消息（超时 270 秒）", "连接已断开"),
                List.of("Device " + COUNTER + " offline at 钟楼入口", "device type: crowd counter", "silent for 270 s (timeout 270 s)",
                        "connection dropped"));
        example(new AlertSubject(AlertType.GATE_FORCED_OPEN, "device", GATE, GATE, null, compound, "dispatch_security",
                        List.of(figure("times", 1, "times"), word("direction", "in"))),
                List.of("一号小区门禁 " + GATE + " 被强行打开", "共 1 次", "方向：进", "派保安到场"),
                List.of("Gate " + GATE + " forced open at 一号小区", "1 times", "direction: in", "send security"));
        example(new AlertSubject(AlertType.GATE_HELD_OPEN, "device", GATE, GATE, null, compound, "check_gate",
                        List.of(figure("times", 2, "times"))),
                List.of("长时间未关闭", "共 2 次", "检查门禁"),
                List.of("held open", "2 times", "check the gate"));
        example(new AlertSubject(AlertType.GATE_DENIED_BURST, "device", GATE, GATE, null, compound, "dispatch_security",
                        List.of(figure("denials", 6, "times"), figure("withinS", 41, "s"), word("suspectPerson", "true"))),
                List.of("连续验证失败", "被拒 6 次", "41 秒内", "含陌生或布控人员"),
                List.of("burst of denied verifications", "6 denials", "within 41 s", "unknown or watch-listed"));
        example(new AlertSubject(AlertType.GATE_TAILGATING, "device", GATE, GATE, null, compound, "notify_security",
                        List.of(figure("times", 1, "times"), word("direction", "out"))),
                List.of("尾随进入", "方向：出", "通知保安"),
                List.of("tailgating", "direction: out", "notify security"));
        example(new AlertSubject(AlertType.STOP_UNCONFIRMED, "port", CHARGER + "#2", CHARGER, 2, compound,
                        "cut_power_on_site", List.of(figure("attempts", 3, "times"), against("powerW", 950, "W", 10))),
                List.of("2号端口远程断电未确认", "已尝试 3 次", "仍有 950 W（断电判定 ≤ 10 W）", "到现场切断电源"),
                List.of("Remote stop of port 2 of charger " + CHARGER + " not confirmed", "3 attempts",
                        "still 950 W (off means at most 10 W)", "cut the power on site"));
        example(new AlertSubject(AlertType.MASS_CUTOFF_HELD, "compound", compound.compoundId(), null, null, compound,
                        "confirm_stops", List.of(against("heldStops", 2, "stops", 3))),
                List.of("批量自动断电待人工确认", "暂缓断电 2 处", "每分钟超过 3 处须人工确认", "确认或拒绝被暂缓的断电"),
                List.of("Automatic power cut-offs held for a person to confirm", "2 stops held",
                        "more than 3 in a minute need a person", "confirm or refuse the held stops"));
    }

    private static void example(AlertSubject s, List<String> zh, List<String> en) {
        EXAMPLES.put(s.type(), new Example(s, zh, en));
    }

    private final AlertText text = new AlertText(AlertPlaces.registry());

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void everyAlertTypeReadsInChineseWithItsFactsPlaceAndAction(AlertType type) {
        Example e = EXAMPLES.get(type);
        assertThat(e).as("an example of " + type + " (add one for a new alert type)").isNotNull();

        String title = text.title(e.subject(), Lang.ZH);
        String summary = text.summary(e.subject(), Lang.ZH);

        assertThat(title).doesNotContain("alert.", type.wireName());
        assertThat(summary).startsWith(title).contains(e.zh()).doesNotContain("fact.", "word.", "action.");
        assertThat(summary).as("no English words").doesNotContainPattern("\\b(power|limit|port|for|the)\\b");
    }

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void everyAlertTypeReadsInEnglishOnRequest(AlertType type) {
        Example e = EXAMPLES.get(type);

        String title = text.title(e.subject(), Lang.EN);
        String summary = text.summary(e.subject(), Lang.EN);

        assertThat(title).doesNotContain("alert.", type.wireName());
        assertThat(summary).startsWith(title).contains(e.en()).doesNotContain("fact.", "word.", "action.");
        assertThat(summary).as("no Chinese words but the place's own name")
                .doesNotContain("功率", "温度", "端口", "建议");
    }

    @Test
    void aFactWithoutAText_isStillShownAsNameValueAndUnit_soNothingADetectorSaysIsLost() {
        AlertSubject s = new AlertSubject(AlertType.PORT_OVERLOAD, "port", CHARGER + "#1", CHARGER, 1,
                AlertPlaces.at(COMPOUND), null, List.of(against("backlogItems", 12, "stops", 10)));

        assertThat(text.summary(s, Lang.ZH)).contains("backlogItems 12 stops (10)");
        assertThat(text.summary(s, Lang.EN)).contains("backlogItems 12 stops (10)");
    }

    @Test
    void anUnknownPlaceIsNamedByItsId_andNumbersKeepOneDecimalAtMost() {
        AlertSubject s = new AlertSubject(AlertType.LEAKAGE_FAULT, "device", "ch-x", "ch-x", null,
                new LocationChain("sd", "cm", "gd", "cp-unknown", null), null,
                List.of(against("leakageMa", 31.26, "mA", 30)));

        assertThat(text.title(s, Lang.ZH)).startsWith("cp-unknown");
        assertThat(text.summary(s, Lang.EN)).contains("leakage current 31.3 mA (limit 30 mA)");
    }

    @Test
    void anAlertWithoutFactsStillGetsItsTitleAndAction() {
        AlertSubject s = new AlertSubject(AlertType.DEVICE_OFFLINE, "device", GATE, GATE, null,
                AlertPlaces.at(COMPOUND), "check_device", List.of());

        assertThat(text.summary(s, Lang.ZH)).isEqualTo("一号小区 设备 " + GATE + " 离线。建议：检查设备");
        assertThat(text.summary(s, Lang.EN)).isEqualTo("Device " + GATE + " offline at 一号小区. Recommended: check the device");
    }
}
