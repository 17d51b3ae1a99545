package io.anju.cases.people;

import io.anju.common.model.DistrictTime;
import io.anju.cases.api.ErrorTexts;
import io.anju.cases.model.CaseException;
import io.anju.common.text.Lang;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotaTest {
    static final UnitRef GRID = new UnitRef(UnitKind.GRID, "gd-01");
    static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri");
    static final List<String> WEEKEND = List.of("sat", "sun");
    static final Contact LI = contact("li", true);
    static final Contact WANG = contact("wang", true);
    static final Contact ZHAO = contact("zhao", true);

    static Contact contact(String name, boolean enabled) {
        return new Contact(name, name.toUpperCase(), "13800000000", "zh", List.of("sms"), null, enabled);
    }

    /** Asia/Shanghai wall-clock time as an instant (UTC+8). 2026-12-07 is a Monday. */
    static Instant local(String isoLocal) {
        return LocalDateTime.parse(isoLocal).atZone(DistrictTime.ZONE).toInstant();
    }

    static final List<String> ALL_WEEK = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** Li on weekdays 08:00–20:00, Wang every night 20:00–08:00, Zhao weekend days 08:00–20:00. */
    static List<Shift> fullWeek() {
        return List.of(new Shift(WEEKDAYS, "08:00", "20:00", "li"),
                new Shift(ALL_WEEK, "20:00", "08:00", "wang"),
                new Shift(WEEKEND, "08:00", "20:00", "zhao"));
    }

    @Test
    void aFullWeekNeedsNoFallback() {
        Rota rota = new Rota(GRID, fullWeek(), null);

        assertThat(rota.gaps()).isEmpty();
        rota.checkComplete();
    }

    @Test
    void aRotaWithAGapAndNoFallbackIsRefusedNamingTheGap() {
        // Tuesday night is nobody's: Wang has it off.
        Rota rota = new Rota(GRID, List.of(new Shift(WEEKDAYS, "08:00", "20:00", "li"),
                new Shift(List.of("mon", "wed", "thu", "fri", "sat", "sun"), "20:00", "08:00", "wang"),
                new Shift(WEEKEND, "08:00", "20:00", "zhao")), null);

        assertThatThrownBy(rota::checkComplete)
                .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.kind()).isEqualTo(CaseException.Kind.INVALID))
                .hasMessage("rota of grid:gd-01 leaves nobody on duty Tuesday 20:00–Wednesday 08:00 (Asia/Shanghai) "
                        + "and names no fallback: add a shift or a fallback contact");
    }

    @Test
    void gapsAreNamedByDayAndTimeIncludingOnesAcrossTheWeekend_inEachLanguage() {
        Rota rota = new Rota(GRID, List.of(new Shift(WEEKDAYS, "08:00", "22:00", "li")), null);

        assertThat(words(rota, Lang.EN)).containsExactly("Monday 22:00–Tuesday 08:00", "Tuesday 22:00–Wednesday 08:00",
                "Wednesday 22:00–Thursday 08:00", "Thursday 22:00–Friday 08:00", "Friday 22:00–Monday 08:00");
        assertThat(words(rota, Lang.ZH)).containsExactly("周一 22:00–周二 08:00", "周二 22:00–周三 08:00",
                "周三 22:00–周四 08:00", "周四 22:00–周五 08:00", "周五 22:00–周一 08:00");
        Rota mondayEvening = new Rota(GRID, List.of(new Shift(List.of("mon"), "00:00", "20:00", "li"),
                new Shift(List.of("tue", "wed", "thu", "fri", "sat", "sun"), "00:00", "00:00", "wang")), null);
        assertThat(words(mondayEvening, Lang.EN)).containsExactly("Monday 20:00–24:00");
        assertThat(words(mondayEvening, Lang.ZH)).containsExactly("周一 20:00–24:00");
        assertThat(words(new Rota(GRID, List.of(), null), Lang.EN)).containsExactly("all week");
        assertThat(words(new Rota(GRID, List.of(), null), Lang.ZH)).containsExactly("全周");
    }

    @Test
    void aRefusedRotaNamesItsGapsInTheReadersLanguage() {
        Rota rota = new Rota(GRID, List.of(new Shift(WEEKDAYS, "00:00", "00:00", "li")), null);

        assertThatThrownBy(rota::checkComplete).isInstanceOfSatisfying(CaseException.class, e -> {
            assertThat(ErrorTexts.message(Lang.ZH, "invalid", e.reason(), e.args()))
                    .isEqualTo("grid:gd-01 的值班表在 周六 00:00–周一 00:00（北京时间）无人值守，且未指定后备联系人：请补充班次或后备联系人");
            assertThat(ErrorTexts.message(Lang.EN, "invalid", e.reason(), e.args())).isEqualTo("The rota of grid:gd-01 "
                    + "leaves nobody on duty Saturday 00:00–Monday 00:00 (Asia/Shanghai) and names no fallback: add a "
                    + "shift or a fallback contact");
        });
    }

    private static List<String> words(Rota rota, Lang lang) {
        return rota.gaps().stream().map(g -> g.in(lang)).toList();
    }

    @Test
    void aFallbackCoversTheGaps() {
        Rota rota = new Rota(GRID, List.of(new Shift(WEEKDAYS, "08:00", "20:00", "li")), "zhao");

        rota.checkComplete();
    }

    @Test
    void onDutyFollowsTheShiftsInShanghaiTime() {
        Rota rota = new Rota(GRID, fullWeek(), "zhao");
        Map<String, Contact> all = Map.of("li", LI, "wang", WANG, "zhao", ZHAO);

        // Sunday's night shift runs past the end of the week into Monday morning.
        assertThat(rota.onDuty(local("2026-12-07T07:59:59"), all).contacts()).containsExactly(WANG);
        assertThat(rota.onDuty(local("2026-12-07T08:00:00"), all).contacts()).containsExactly(LI);
        assertThat(rota.onDuty(local("2026-12-07T19:59:59"), all).contacts()).containsExactly(LI);
        assertThat(rota.onDuty(local("2026-12-07T20:00:00"), all).contacts()).containsExactly(WANG);
        assertThat(rota.onDuty(local("2026-12-12T03:00:00"), all).contacts()).containsExactly(WANG);
        assertThat(rota.onDuty(local("2026-12-12T12:00:00"), all).contacts()).containsExactly(ZHAO);
        // 20:00 UTC on Sunday is Monday 04:00 in Xi'an: the rota is in Shanghai time, not UTC.
        assertThat(rota.onDuty(Instant.parse("2026-12-06T20:00:00Z"), all).contacts()).containsExactly(WANG);
        assertThat(rota.onDuty(Instant.parse("2026-12-07T01:00:00Z"), all).contacts()).containsExactly(LI);
        assertThat(rota.onDuty(local("2026-12-07T12:00:00"), all).fallback()).isFalse();
    }

    @Test
    void theFallbackStandsInWhenNobodyIsOnShiftOrThePersonOnShiftIsDisabled() {
        Rota rota = new Rota(GRID, List.of(new Shift(WEEKDAYS, "08:00", "20:00", "li")), "zhao");
        Map<String, Contact> all = Map.of("li", LI, "zhao", ZHAO);
        Map<String, Contact> liDisabled = Map.of("li", contact("li", false), "zhao", ZHAO);

        OnDuty night = rota.onDuty(local("2026-12-07T21:00:00"), all);
        OnDuty liAway = rota.onDuty(local("2026-12-07T12:00:00"), liDisabled);

        assertThat(night.contacts()).containsExactly(ZHAO);
        assertThat(night.fallback()).isTrue();
        assertThat(liAway.contacts()).containsExactly(ZHAO);
        assertThat(liAway.fallback()).isTrue();
    }

    @Test
    void nobodyIsOnDutyWhenTheFallbackIsDisabledToo() {
        Rota rota = new Rota(GRID, List.of(new Shift(WEEKDAYS, "08:00", "20:00", "li")), "zhao");

        OnDuty duty = rota.onDuty(local("2026-12-07T21:00:00"), Map.of("li", LI, "zhao", contact("zhao", false)));

        assertThat(duty.contacts()).isEmpty();
        assertThat(duty.fallback()).isFalse();
    }

    @Test
    void badShiftsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> new Shift(List.of("mon"), "8:00", "20:00", "li"))
                .hasMessage("shift from must be HH:mm (was '8:00')");
        assertThatThrownBy(() -> new Shift(List.of("monday"), "08:00", "20:00", "li"))
                .hasMessageStartingWith("unknown day 'monday' in a shift");
        assertThatThrownBy(() -> new Shift(List.of(), "08:00", "20:00", "li"))
                .hasMessageStartingWith("a shift needs days");
    }
}
