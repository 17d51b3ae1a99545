package io.anju.cases.people;

import io.anju.cases.text.Worded;
import io.anju.common.text.Lang;

import java.util.List;
import java.util.stream.Collectors;

import static io.anju.cases.text.CaseTexts.TEXTS;

/**
 * A stretch of the week in the district's local time, as minutes from Monday 00:00: {@code to} before {@code from}
 * runs across the week's end; {@code from} equal to {@code to} is the whole week. Worded with the reader's day names,
 * e.g. {@code 周二 20:00–周三 08:00}, {@code Tuesday 20:00–24:00}.
 */
public record WeekSpan(int from, int to) implements Worded {
    static final int WEEK_MINUTES = 7 * Shift.DAY_MINUTES;

    @Override
    public String in(Lang lang) {
        if (from == to) {
            return TEXTS.text(lang, "week.all");
        }
        int fromDay = from / Shift.DAY_MINUTES;
        int toDay = to / Shift.DAY_MINUTES;
        String start = day(lang, fromDay) + " " + clock(from);
        if (to % Shift.DAY_MINUTES == 0 && (toDay + 6) % 7 == fromDay) {
            return start + "–24:00";
        }
        if (toDay == fromDay && to > from) {
            return start + "–" + clock(to);
        }
        return start + "–" + day(lang, toDay) + " " + clock(to);
    }

    /** Several spans as one phrase in {@code lang}. */
    static Worded all(List<WeekSpan> spans) {
        return lang -> spans.stream().map(s -> s.in(lang)).collect(Collectors.joining(TEXTS.text(lang, "week.separator")));
    }

    private static String day(Lang lang, int index) {
        return TEXTS.text(lang, "week.day." + (index + 1));
    }

    private static String clock(int minuteOfWeek) {
        int m = minuteOfWeek % Shift.DAY_MINUTES;
        return String.format("%02d:%02d", m / 60, m % 60);
    }
}
