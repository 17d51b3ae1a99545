package io.anju.cases.notify;

import io.anju.common.alert.Severity;
import io.anju.common.config.Require;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which notices go to which channels. People-facing channels ({@link DeliveryChannel#reachesPeople()}: the webhook
 * to an SMS/IM gateway, the SSE stream) get the notice kinds in {@code kinds} for cases at or above
 * {@code minSeverity}; a mirror channel (the export to the district grid platform) gets every notice, so the
 * external copy of the case store misses no step.
 *
 * @param kinds          notice kinds people hear about; default {@link #DEFAULT_KINDS} (everything but comments).
 *                       Setting {@code notify.kinds}
 * @param minSeverity    people hear about cases of this severity and above; default blue (all).
 *                       Setting {@code notify.minSeverity}
 * @param redMinChannels people-facing channels a red case must reach (GB/T 45839: at least two); default 2.
 *                       Setting {@code notify.redMinChannels}
 */
public record NotificationPolicy(Set<String> kinds, Severity minSeverity, int redMinChannels) {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationPolicy.class);

    /**
     * Every kind a {@link CaseNotice} can have. A watch item's opening and closing have kinds of their own
     * ({@code watch_opened}, {@code watch_closed}) so that a receiver can tell them from cases that wait for action;
     * {@code command_outcome} says whether the readings confirmed an automatic stop (io.anju.cases.commands).
     */
    public static final Set<String> KNOWN_KINDS = Set.of("opened", "severity_raised", "reminder", "escalated",
            "state_changed", "alert_cleared", "comment", "noticed", "promoted", "watch_opened", "watch_closed",
            "command_outcome");
    public static final Set<String> DEFAULT_KINDS = Set.of("opened", "severity_raised", "reminder", "escalated",
            "state_changed", "alert_cleared", "noticed", "promoted", "watch_opened", "watch_closed", "command_outcome");
    public static final int DEFAULT_RED_MIN_CHANNELS = 2;
    /** Gauge: people-facing channels a red case reaches with this configuration. */
    public static final String RED_CHANNELS_GAUGE = "anju.cases.notify.red.channels";

    public NotificationPolicy {
        Require.that(kinds != null, "notify.kinds", null, "is required");
        kinds = Set.copyOf(kinds);
        for (String k : kinds) {
            Require.oneOf("notify.kinds", k, KNOWN_KINDS.stream().sorted().toList());
        }
        Require.that(minSeverity != null, "notify.minSeverity", null, "is required (blue, yellow, orange or red)");
        Require.atLeast("notify.redMinChannels", redMinChannels, 1);
    }

    public static NotificationPolicy defaults() {
        return new NotificationPolicy(DEFAULT_KINDS, Severity.BLUE, DEFAULT_RED_MIN_CHANNELS);
    }

    /** True when people-facing channels should carry {@code notice}. */
    public boolean forPeople(CaseNotice notice) {
        return kinds.contains(notice.kind()) && notice.after().severity().atLeast(minSeverity);
    }

    /** The names of the channels that get {@code notice} (people-facing ones from their own minSeverity), sorted. */
    public List<String> channelsFor(CaseNotice notice, Collection<DeliveryChannel> channels) {
        boolean people = forPeople(notice);
        return channels.stream()
                .filter(c -> !c.reachesPeople() || people && notice.after().severity().atLeast(c.minSeverity()))
                .map(DeliveryChannel::name)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** People-facing channels a newly opened red case reaches. */
    public int redReach(Collection<DeliveryChannel> channels) {
        if (!kinds.contains("opened")) {
            return 0;
        }
        return (int) channels.stream().filter(DeliveryChannel::reachesPeople).count();
    }

    /**
     * At start: warns when red cases would reach fewer than {@code redMinChannels} people-facing channels (it does
     * not fail: a bare service has only the SSE stream) and publishes the count as a gauge.
     *
     * @return the number of people-facing channels a red case reaches
     */
    public int checkRedCoverage(Collection<DeliveryChannel> channels, MeterRegistry meters) {
        int reach = redReach(channels);
        Gauge.builder(RED_CHANNELS_GAUGE, () -> reach)
                .description("people-facing channels a red case is sent on (GB/T 45839 asks for at least 2)")
                .register(meters);
        if (reach < redMinChannels) {
            List<String> names = channels.stream().filter(DeliveryChannel::reachesPeople).map(DeliveryChannel::name)
                    .sorted().toList();
            String fix = "set notify.wecom.url, notify.dingtalk.url, notify.sms.url or notify.webhook.url";
            if (!kinds.contains("opened")) {
                fix += " and add 'opened' to notify.kinds";
            }
            LOG.warn("red cases reach only {} people-facing channel(s) {} but notify.redMinChannels is {} "
                    + "(GB/T 45839 asks for two): {}", reach, names, redMinChannels, fix);
        }
        return reach;
    }
}
