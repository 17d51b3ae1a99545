package io.anju.cases.commands;

import io.anju.cases.api.ErrorTexts;
import io.anju.cases.model.Role;
import io.anju.common.text.Lang;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRefusalTextTest {

    @Test
    void aRefusedResume_namesEachGuard_inTheReadersLanguage() {
        CommandRefusedException e = CommandRefusedException.guarded(List.of(
                new Guard(Guard.ALERT_OPEN, "the fire_risk alert al-7 that caused the stop is still open",
                        Map.of("alertId", "al-7", "alertType", "fire_risk")),
                new Guard(Guard.TEMPERATURE_HIGH, "port 1 of chg-1 is at 71.5 °C",
                        Map.of("tempC", 71.5, "limitC", 65.0, "readingAt", "2026-12-06T12:00:00Z"))));
        assertThat(ErrorTexts.command(Lang.ZH, e)).startsWith("拒绝恢复供电：").contains("al-7").contains("71.5")
                .contains("65").contains("；");
        assertThat(ErrorTexts.command(Lang.EN, e)).startsWith("Resume refused: ").contains("al-7")
                .contains("71.5 °C").contains("65 °C");
    }

    @Test
    void otherRefusals_fillTheirWords() {
        assertThat(ErrorTexts.command(Lang.EN, CommandRefusedException.forbidden("override_forbidden", "x",
                Role.PROPERTY_MANAGER))).doesNotContain("{0}").doesNotContain("property_manager");
        assertThat(ErrorTexts.command(Lang.ZH, CommandRefusedException.invalid("bad_port", "x", "chg-1", 4, 9)))
                .contains("chg-1").contains("1–4").contains("9");
    }
}
