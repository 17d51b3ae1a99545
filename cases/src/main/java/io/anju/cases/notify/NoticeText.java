package io.anju.cases.notify;

import io.anju.cases.routing.Category;
import io.anju.cases.routing.CategoryTable;
import io.anju.common.alert.Severity;
import io.anju.common.model.Community;
import io.anju.common.model.Compound;
import io.anju.common.model.CrowdZone;
import io.anju.common.registry.Registry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a queued notice (the {@link CaseNotice} JSON of an outbox row) as the Chinese message every push channel
 * sends: case number, category (Chinese name), severity, place (names from the registry), state and the deadline
 * that applies now, in Beijing time. The recipients' phones come from the notice's {@code recipients} list
 * ({@code [{"name", "displayName", "phone", "language", "channels"}]}), when it has one.
 */
public final class NoticeText {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Map<String, String> SEVERITIES = Map.of("red", "红色", "orange", "橙色", "yellow", "黄色",
            "blue", "蓝色");
    private static final Map<String, String> KINDS = Map.of("opened", "新案件", "severity_raised", "预警等级上调",
            "reminder", "超时催办", "escalated", "案件已上报上级", "state_changed", "案件状态变更",
            "alert_cleared", "设备报告预警已解除", "comment", "新备注", "command_outcome", "断电指令结果");
    private static final Map<String, String> STATES = Map.ofEntries(Map.entry("collected", "待核实"),
            Map.entry("verified", "已核实"), Map.entry("analysed", "已研判"), Map.entry("dispatched", "已派遣"),
            Map.entry("in_handling", "处置中"), Map.entry("coordinating", "协调处置中"),
            Map.entry("feedback_submitted", "已反馈，待结案"), Map.entry("closed", "已结案"),
            Map.entry("evaluated", "已评价"), Map.entry("voided", "已作废"));
    private static final Map<String, String> LEVELS = Map.of("grid", "网格", "community", "社区",
            "sub_district", "街道", "district", "区指挥中心");

    private final CategoryTable categories;
    private final Registry registry;

    public NoticeText(CategoryTable categories, Registry registry) {
        this.categories = categories;
        this.registry = registry;
    }

    /** The message for an outbox row's payload; fails with a permanent {@link DeliveryFailure} if it is not a notice. */
    public NoticeMessage render(String payload) {
        JsonObject notice;
        try {
            notice = new JsonObject(payload);
        } catch (RuntimeException e) {
            throw DeliveryFailure.permanent("the outbox payload is not a case notice: " + e.getMessage());
        }
        JsonObject after = notice.getJsonObject("after");
        if (after == null || after.getString("caseNo") == null || after.getString("severity") == null) {
            throw DeliveryFailure.permanent("the outbox payload has no case (after.caseNo, after.severity)");
        }
        String kind = notice.getString("kind", "");
        String severity = after.getString("severity");
        String caseNo = after.getString("caseNo");
        String category = categories.byCode(after.getString("categoryCode", ""))
                .map(Category::nameZh).orElse(after.getString("title", "案件"));
        String title = "【" + SEVERITIES.getOrDefault(severity, severity) + "预警】" + category + "："
                + KINDS.getOrDefault(kind, "案件通知");

        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("案件编号", caseNo);
        lines.put("类别", category + "（" + after.getString("categoryCode", "—") + "）");
        lines.put("等级", SEVERITIES.getOrDefault(severity, severity));
        lines.put("地点", place(after.getJsonObject("location", new JsonObject())));
        lines.put("状态", STATES.getOrDefault(after.getString("state", ""), after.getString("state", "—")));
        deadline(after).ifPresent(d -> lines.put(d.getKey(), d.getValue()));
        escalatedTo(notice).ifPresent(to -> lines.put("上报至", to));

        StringBuilder md = new StringBuilder("### ").append(title).append('\n');
        StringBuilder text = new StringBuilder(title).append('\n');
        lines.forEach((k, v) -> {
            md.append("- ").append(k).append("：").append(v).append('\n');
            text.append(k).append("：").append(v).append('\n');
        });
        return new NoticeMessage(caseNo, Severity.fromWire(severity), kind, title, md.toString().strip(),
                text.toString().strip(), phones(notice));
    }

    /** The recipients' phone numbers, in the notice's order, without blanks and repeats. */
    static List<String> phones(JsonObject notice) {
        List<String> out = new ArrayList<>();
        JsonArray recipients = notice.getJsonArray("recipients");
        if (recipients == null) {
            return out;
        }
        for (Object r : recipients) {
            if (r instanceof JsonObject person) {
                String phone = person.getString("phone");
                if (phone != null && !phone.isBlank() && !out.contains(phone.strip())) {
                    out.add(phone.strip());
                }
            }
        }
        return out;
    }

    /** The place's own name (compound or crowd zone), then its community and sub-district, else the ids. */
    private String place(JsonObject where) {
        List<String> parts = new ArrayList<>();
        String compound = where.getString("compoundId");
        String zone = where.getString("zoneId");
        if (compound != null) {
            parts.add(registry.compound(compound).map(Compound::name).orElse(compound));
        } else if (zone != null) {
            parts.add(registry.zone(zone).map(CrowdZone::name).orElse(zone));
        }
        String community = where.getString("communityId");
        if (community != null) {
            parts.add(registry.community(community).map(Community::name).orElse(community));
        }
        String subDistrict = where.getString("subDistrictId");
        if (subDistrict != null) {
            parts.add(registry.subDistrict(subDistrict).map(s -> s.name() + "街道").orElse(subDistrict));
        }
        if (parts.isEmpty() && where.getString("gridId") != null) {
            parts.add("网格 " + where.getString("gridId"));
        }
        return parts.isEmpty() ? "—" : String.join("，", parts);
    }

    /** The deadline that applies now: handling once dispatched, else dispatch. */
    private static Optional<Map.Entry<String, String>> deadline(JsonObject after) {
        String handle = after.getString("deadlineAt");
        if (handle != null) {
            return Optional.of(Map.entry("处置时限", beijing(handle)));
        }
        String dispatch = after.getString("dispatchDueAt");
        return dispatch == null ? Optional.empty() : Optional.of(Map.entry("派遣时限", beijing(dispatch)));
    }

    private static Optional<String> escalatedTo(JsonObject notice) {
        if (!"escalated".equals(notice.getString("kind"))) {
            return Optional.empty();
        }
        JsonObject data = Optional.ofNullable(notice.getJsonObject("event"))
                .map(e -> e.getJsonObject("data")).orElse(null);
        if (data == null || data.getString("to") == null) {
            return Optional.empty();
        }
        return Optional.of(LEVELS.getOrDefault(data.getString("level", ""), "") + " " + data.getString("to"));
    }

    private static String beijing(String instant) {
        return WHEN.format(Instant.parse(instant).atZone(BEIJING)) + "（北京时间）";
    }
}
