package io.anju.cases.people;

import io.anju.common.model.DistrictTime;
import io.anju.cases.model.CaseException;
import io.anju.cases.text.Worded;
import io.anju.common.text.Lang;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A unit's on-call rota: a weekly pattern of {@link Shift}s in Asia/Shanghai local time and a fallback contact who
 * stands in when nobody on shift can be reached (no shift, or the person on it is disabled).
 *
 * @param unit     the unit it belongs to
 * @param shifts   the weekly pattern
 * @param fallback the stand-in's contact name; may be null only when the shifts cover the whole week
 */
public record Rota(UnitRef unit, List<Shift> shifts, String fallback) {
    /** Rotas are kept in the district's local time. */
    private static final int WEEK_MINUTES = WeekSpan.WEEK_MINUTES;

    public Rota {
        shifts = List.copyOf(shifts == null ? List.of() : shifts);
        fallback = fallback == null || fallback.isBlank() ? null : fallback;
    }

    /** Refuses a rota that leaves someone unanswered: a time of the week with no shift and no fallback. */
    public void checkComplete() {
        if (fallback != null) {
            return;
        }
        List<WeekSpan> gaps = gaps();
        if (!gaps.isEmpty()) {
            Worded when = WeekSpan.all(gaps); // the reader's day names in the message, English in the detail
            throw new CaseException(CaseException.Kind.INVALID, CaseException.Reason.ROTA_GAP, "rota of " + unit
                    + " leaves nobody on duty " + when.in(Lang.EN) + " (Asia/Shanghai) and names no fallback: "
                    + "add a shift or a fallback contact", unit, when);
        }
    }

    /** The uncovered times of the week, e.g. Tuesday 20:00–24:00, Saturday 22:00–Monday 08:00. */
    public List<WeekSpan> gaps() {
        BitSet covered = new BitSet(WEEK_MINUTES);
        for (Shift s : shifts) {
            for (int[] span : s.spans()) {
                for (int m = span[0]; m < span[1]; m++) {
                    covered.set(m % WEEK_MINUTES);
                }
            }
        }
        if (covered.isEmpty()) {
            return List.of(new WeekSpan(0, 0));
        }
        // Start after a covered minute so that a gap across Sunday midnight is reported as one.
        int origin = covered.nextSetBit(0);
        List<WeekSpan> gaps = new ArrayList<>();
        int m = 0;
        while (m < WEEK_MINUTES) {
            int at = (origin + m) % WEEK_MINUTES;
            if (covered.get(at)) {
                m++;
                continue;
            }
            int length = 0;
            while (m + length < WEEK_MINUTES && !covered.get((origin + m + length) % WEEK_MINUTES)) {
                length++;
            }
            gaps.add(new WeekSpan(at, (at + length) % WEEK_MINUTES));
            m += length;
        }
        return gaps;
    }

    /** The contact names on shift at {@code at}, in rota order. */
    public List<String> onShift(Instant at) {
        ZonedDateTime local = at.atZone(DistrictTime.ZONE);
        int minute = (local.getDayOfWeek().getValue() - 1) * Shift.DAY_MINUTES + local.getHour() * 60
                + local.getMinute();
        Set<String> names = new LinkedHashSet<>();
        for (Shift s : shifts) {
            for (int[] span : s.spans()) {
                if (within(minute, span) || within(minute + WEEK_MINUTES, span)) {
                    names.add(s.contact());
                }
            }
        }
        return List.copyOf(names);
    }

    /**
     * Who is on duty at {@code at}: the enabled contacts on shift, else the fallback (when enabled), else nobody.
     *
     * @param contacts the known contacts by name
     */
    public OnDuty onDuty(Instant at, Map<String, Contact> contacts) {
        List<Contact> duty = onShift(at).stream().map(contacts::get)
                .filter(c -> c != null && c.enabled()).toList();
        if (!duty.isEmpty()) {
            return new OnDuty(unit, duty, false);
        }
        Optional<Contact> stand = Optional.ofNullable(fallback).map(contacts::get).filter(Contact::enabled);
        return new OnDuty(unit, stand.map(List::of).orElse(List.of()), stand.isPresent());
    }

    /** Every contact the rota names. */
    public Set<String> contactNames() {
        Set<String> names = new LinkedHashSet<>();
        shifts.forEach(s -> names.add(s.contact()));
        if (fallback != null) {
            names.add(fallback);
        }
        return names;
    }

    private static boolean within(int minute, int[] span) {
        return minute >= span[0] && minute < span[1];
    }
}
