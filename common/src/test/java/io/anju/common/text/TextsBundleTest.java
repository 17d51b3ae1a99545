package io.anju.common.text;

import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A missing translation of an alert's words is a failure here, not a raw key on someone's phone or live map. */
class TextsBundleTest {
    /** Every fact name the stream jobs' detectors write (docs/kafka-topics.md, "Alert facts"). */
    private static final List<String> FACT_NAMES = List.of("powerW", "overForS", "minW", "maxW", "durationS", "totalW",
            "stationLimitW", "tempC", "riseCPerMin", "smoke", "leakageMa", "raisedBy", "camera", "withinS", "apartS",
            "level", "minutes", "trendPerMin", "count", "density", "sharePct", "capacity", "flowBalance",
            "inflowPerMin", "deviceType", "silentS", "connectionDropped", "denials", "suspectPerson", "times",
            "direction", "attempts", "heldStops");
    /** Every recommended action the detectors write. */
    private static final List<String> ACTIONS = List.of("inspect_port", "stop_port", "check_station_load",
            "reduce_station_load", "inspect_station", "dispatch_property_manager", "deploy_stewards", "restrict_entry",
            "evacuate_and_close_entry", "prepare_flow_control", "monitor", "check_device", "check_gate",
            "dispatch_security", "notify_security", "cut_power_on_site", "confirm_stops");

    @Test
    void chineseAndEnglishHaveTheSameKeys() {
        Set<String> zh = Texts.ALERTS.ownKeys(Lang.ZH);
        Set<String> en = Texts.ALERTS.ownKeys(Lang.EN);

        assertThat(difference(zh, en)).as("in Chinese, not in English").isEmpty();
        assertThat(difference(en, zh)).as("in English, not in Chinese").isEmpty();
    }

    @Test
    void everyAlertTypeFactActionAndSeverityHasATextInEveryLanguage() {
        List<String> missing = new ArrayList<>();
        for (Lang lang : Lang.values()) {
            for (AlertType t : AlertType.values()) {
                require(lang, "alert." + t.wireName() + ".title", missing);
            }
            for (String f : FACT_NAMES) {
                if (!Texts.ALERTS.has(lang, "fact." + f) && !Texts.ALERTS.has(lang, "fact." + f + ".against")
                        && Texts.ALERTS.ownKeys(lang).stream().noneMatch(k -> k.startsWith("fact." + f + "."))) {
                    missing.add(lang + " fact." + f);
                }
            }
            for (String a : ACTIONS) {
                require(lang, "action." + a, missing);
            }
            for (Severity s : Severity.values()) {
                require(lang, "severity." + s.wireName(), missing);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void aLayerOverTheAlertsWordsReadsItsOwnKeysThenCommons() {
        Texts layered = Texts.ALERTS.with("io.anju.common.text.testlayer");

        assertThat(layered.text(Lang.ZH, "layer.only")).isEqualTo("只在这一层");
        assertThat(layered.text(Lang.EN, "severity.red")).as("common's, through the layer").isEqualTo("red");
        assertThat(layered.has(Lang.EN, "action.stop_port")).isTrue();
        assertThat(layered.text(Lang.EN, "no.such.key")).as("a missing key shows itself").isEqualTo("no.such.key");
        assertThat(layered.ownKeys(Lang.EN)).containsExactly("layer.only");
        assertThat(Texts.ALERTS.has(Lang.ZH, "layer.only")).as("common does not see the layer").isFalse();
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

    @Test
    void eachLanguageHasItsWireNameAndTheDashboardsTag() {
        assertThat(Lang.ZH.tag()).isEqualTo("zh");
        assertThat(Lang.ZH.languageTag()).isEqualTo("zh-CN");
        assertThat(Lang.EN.tag()).isEqualTo("en");
        assertThat(Lang.EN.languageTag()).isEqualTo("en");
    }

    private static void require(Lang lang, String key, List<String> missing) {
        if (!Texts.ALERTS.has(lang, key)) {
            missing.add(lang + " " + key);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
