package io.anju.cases.text;

import io.anju.cases.api.ErrorTexts;
import io.anju.cases.commands.CommandRefusedException;
import io.anju.cases.model.CaseAction;
import io.anju.cases.model.CaseException;
import io.anju.cases.model.CaseState;
import io.anju.cases.model.Role;
import io.anju.common.alert.Severity;
import io.anju.common.text.Lang;
import io.anju.common.text.Texts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static io.anju.cases.text.CaseTexts.TEXTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A missing translation of the case service's own words is a failure here, not a raw key on someone's phone (the
 * words of alerts, common's, are checked by common's TextsBundleTest).
 */
class CaseTextsBundleTest {

    @Test
    void chineseAndEnglishHaveTheSameKeys() {
        Set<String> zh = TEXTS.ownKeys(Lang.ZH);
        Set<String> en = TEXTS.ownKeys(Lang.EN);

        assertThat(difference(zh, en)).as("in Chinese, not in English").isEmpty();
        assertThat(difference(en, zh)).as("in English, not in Chinese").isEmpty();
    }

    @Test
    void noKeyIsBothTheCaseServicesAndCommons_soAnAlertReadsTheSameEverywhere() {
        for (Lang lang : Lang.values()) {
            Set<String> both = new TreeSet<>(TEXTS.ownKeys(lang));
            both.retainAll(Texts.ALERTS.ownKeys(lang));
            assertThat(both).as("%s keys of the case service that shadow common's", lang).isEmpty();
        }
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
                require(lang, "error." + kind.name().toLowerCase(Locale.ROOT), missing);
            }
            for (CaseException.Reason reason : CaseException.Reason.values()) {
                require(lang, "error.reason." + reason.wireName(), missing);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyStateCaseActionAndRoleHasATextInEveryLanguage_andTheAlertsWordsReadThroughTheCaseServices() {
        List<String> missing = new ArrayList<>();
        for (Lang lang : Lang.values()) {
            for (CaseState s : CaseState.values()) {
                require(lang, "state." + s.wireName(), missing);
            }
            for (CaseAction a : CaseAction.values()) {
                require(lang, "caseAction." + a.wireName(), missing);
            }
            for (Role r : Role.values()) {
                require(lang, "role." + r.wireName(), missing);
            }
            for (Severity s : Severity.values()) {
                require(lang, "severity." + s.wireName(), missing);
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

    private static void require(Lang lang, String key, List<String> missing) {
        if (!TEXTS.has(lang, key)) {
            missing.add(lang + " " + key);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
