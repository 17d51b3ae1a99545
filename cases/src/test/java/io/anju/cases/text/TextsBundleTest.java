package io.anju.cases.text;

import io.anju.cases.commands.CommandRefusedException;
import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Role;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A missing translation is a failure here, not a raw key on someone's phone. */
class TextsBundleTest {
    /** Every fact name the stream jobs' detectors write (docs/kafka-topics.md, "Alert facts"). */
    private static final List<String> FACT_NAMES = List.of("powerW", "overForS", "minW", "maxW", "durationS", "totalW",
            "stationLimitW", "tempC", "riseCPerMin", "smoke", "leakageMa", "raisedBy", "camera", "withinS", "apartS",
            "level", "minutes", "trendPerMin", "count", "density", "sharePct", "capacity", "flowBalance",
            "inflowPerMin", "deviceType", "silentS", "connectionDropped", "denials", "suspectPerson", "times",
            "direction", "attempts");
    /** Every recommended action the detectors write. */
    private static final List<String> ACTIONS = List.of("inspect_port", "stop_port", "check_station_load",
            "reduce_station_load", "inspect_station", "dispatch_property_manager", "deploy_stewards", "restrict_entry",
            "evacuate_and_close_entry", "prepare_flow_control", "monitor", "check_device", "check_gate",
            "dispatch_security", "notify_security", "cut_power_on_site");

    @Test
    void chineseAndEnglishHaveTheSameKeys() {
        Set<String> zh = new TreeSet<>(Collections.list(Texts.bundle(Lang.ZH).getKeys()));
        Set<String> en = new TreeSet<>(Collections.list(Texts.bundle(Lang.EN).getKeys()));

        assertThat(difference(zh, en)).as("in Chinese, not in English").isEmpty();
        assertThat(difference(en, zh)).as("in English, not in Chinese").isEmpty();
    }

    @Test
    void everyErrorCodeAndReasonHasATextInEveryLanguage() {
        List<String> missing = new ArrayList<>();
        for (Lang lang : Lang.values()) {
            for (String code : ErrorTexts.CODES) {
                require(lang, "error." + code, missing);
            }
            for (String code : CommandRefusedException.CODES) {
                require(lang, "error.command." + code, missing);
            }
            require(lang, "error.command.resume_refused", missing);
            require(lang, "error.command.separator", missing);
            for (CaseException.Kind kind : CaseException.Kind.values()) {
                require(lang, "error." + kind.name().toLowerCase(java.util.Locale.ROOT), missing);
            }
            for (CaseException.Reason reason : CaseException.Reason.values()) {
                require(lang, "error.reason." + reason.wireName(), missing);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyAlertTypeFactActionAndWireWordHasATextInEveryLanguage() {
        List<String> missing = new ArrayList<>();
        for (Lang lang : Lang.values()) {
            for (AlertType t : AlertType.values()) {
                require(lang, "alert." + t.wireName() + ".title", missing);
            }
            for (String f : FACT_NAMES) {
                if (!Texts.has(lang, "fact." + f) && !Texts.has(lang, "fact." + f + ".against")
                        && Collections.list(Texts.bundle(lang).getKeys()).stream()
                        .noneMatch(k -> k.startsWith("fact." + f + "."))) {
                    missing.add(lang + " fact." + f);
                }
            }
            for (String a : ACTIONS) {
                require(lang, "action." + a, missing);
            }
            for (Severity s : Severity.values()) {
                require(lang, "severity." + s.wireName(), missing);
            }
            for (CaseState s : CaseState.values()) {
                require(lang, "state." + s.wireName(), missing);
            }
            for (CaseAction a : CaseAction.values()) {
                require(lang, "caseAction." + a.wireName(), missing);
            }
            for (Role r : Role.values()) {
                require(lang, "role." + r.wireName(), missing);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void anErrorMessageIsInTheReadersLanguageWithItsArgumentsAsWords() {
        assertThat(ErrorTexts.message(Lang.ZH, "conflict", CaseException.Reason.STATE_FORBIDS_ACTION,
                CaseAction.DISPATCH, CaseState.CLOSED)).isEqualTo("案件当前为“已结案”，不能派遣");
        assertThat(ErrorTexts.message(Lang.EN, "conflict", CaseException.Reason.STATE_FORBIDS_ACTION,
                CaseAction.DISPATCH, CaseState.CLOSED)).isEqualTo("Cannot dispatch a case that is closed");
        assertThat(ErrorTexts.message(Lang.ZH, "not_found", CaseException.Reason.NO_SUCH_CASE, 12345L))
                .isEqualTo("未找到案件 12345（或不在您的范围内）");
        assertThat(ErrorTexts.message(Lang.EN, "too_large", null)).isEqualTo("The request is too large");
        assertThat(ErrorTexts.message(Lang.ZH, "internal", null, "req-7")).contains("req-7");
    }

    @Test
    void theRequestsLanguageComesFromLangThenAcceptLanguageAndDefaultsToChinese() {
        assertThat(Lang.ofRequest(null, null)).isEqualTo(Lang.ZH);
        assertThat(Lang.ofRequest(null, "en")).isEqualTo(Lang.EN);
        assertThat(Lang.ofRequest(null, "en-GB,en;q=0.9,zh;q=0.5")).isEqualTo(Lang.EN);
        assertThat(Lang.ofRequest(null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Lang.ZH);
        assertThat(Lang.ofRequest(null, "fr-FR")).as("a language Anju does not speak").isEqualTo(Lang.ZH);
        assertThat(Lang.ofRequest(null, ";;;not a header")).isEqualTo(Lang.ZH);
        assertThat(Lang.ofRequest("zh", "en")).as("?lang= wins").isEqualTo(Lang.ZH);
        assertThat(Lang.ofRequest("en", null)).isEqualTo(Lang.EN);
        assertThat(Lang.of("en-US")).isEqualTo(Lang.EN);
        assertThat(Lang.of(null)).isEqualTo(Lang.ZH);
    }

    private static void require(Lang lang, String key, List<String> missing) {
        if (!Texts.has(lang, key)) {
            missing.add(lang + " " + key);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
