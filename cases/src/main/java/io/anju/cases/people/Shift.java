package io.anju.cases.people;

import io.anju.cases.model.CaseException;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One line of a weekly rota, in Asia/Shanghai local time: on each of {@code days}, {@code contact} is on duty from
 * {@code from} to {@code to}. A shift whose {@code to} is not after its {@code from} runs past midnight into the next
 * day (20:00–08:00); {@code from} equal to {@code to} is a full 24 hours.
 *
 * @param days    mon, tue, wed, thu, fri, sat, sun: the days the shift starts on
 * @param from    HH:mm
 * @param to      HH:mm
 * @param contact the contact's name
 */
public record Shift(List<String> days, String from, String to, String contact) {
    static final int DAY_MINUTES = 24 * 60;
    public static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public Shift {
        if (days == null || days.isEmpty()) {
            throw CaseException.invalid("a shift needs days (some of " + DAY_NAMES + ")");
        }
        days = List.copyOf(days);
        for (String d : days) {
            if (!DAY_NAMES.contains(d)) {
                throw CaseException.invalid("unknown day '" + d + "' in a shift (one of " + DAY_NAMES + ")");
            }
        }
        minuteOf(from, "from");
        minuteOf(to, "to");
        if (contact == null || contact.isBlank()) {
            throw CaseException.invalid("a shift needs the contact on duty");
        }
    }

    /** The minutes of the week this shift covers, as [start, end) from Monday 00:00; end may pass the week's end. */
    List<int[]> spans() {
        int start = minuteOf(from, "from");
        int end = minuteOf(to, "to");
        int length = end > start ? end - start : DAY_MINUTES - start + end;
        return days.stream().map(d -> {
            int s = DAY_NAMES.indexOf(d) * DAY_MINUTES + start;
            return new int[]{s, s + length};
        }).toList();
    }

    private static int minuteOf(String time, String field) {
        try {
            LocalTime t = LocalTime.parse(time == null ? "" : time);
            if (t.getSecond() != 0 || t.getNano() != 0) {
                throw CaseException.invalid("shift " + field + " must be HH:mm (was '" + time + "')");
            }
            return t.getHour() * 60 + t.getMinute();
        } catch (DateTimeParseException e) {
            throw CaseException.invalid("shift " + field + " must be HH:mm (was '" + time + "')");
        }
    }
}
