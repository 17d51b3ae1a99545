package io.anju.cases.notify;

import io.anju.common.alert.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationPolicyTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    private static final DeliveryChannel SSE = channel("sse", true);
    private static final DeliveryChannel WEBHOOK = channel("webhook", true);
    private static final DeliveryChannel EXPORT = channel("export", false);
    private static final List<DeliveryChannel> ALL = List.of(WEBHOOK, EXPORT, SSE);

    private static DeliveryChannel channel(String name, boolean people) {
        return new DeliveryChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<Void> deliver(OutboxRow row) {
                return Future.succeededFuture();
            }

            @Override
            public boolean reachesPeople() {
                return people;
            }
        };
    }

    private static CaseNotice notice(String kind, Severity severity) {
        return Notices.notice(kind, Notices.charger(7, "LH-20261129-000007", "g-1", severity, T, T));
    }

    @Test
    void peopleHearOfTheSelectedKindsAndTheExportMirrorsEverything() {
        NotificationPolicy policy = NotificationPolicy.defaults();

        assertThat(policy.channelsFor(notice("opened", Severity.BLUE), ALL)).containsExactly("export", "sse", "webhook");
        assertThat(policy.channelsFor(notice("escalated", Severity.RED), ALL)).containsExactly("export", "sse", "webhook");
        assertThat(policy.channelsFor(notice("comment", Severity.RED), ALL)).containsExactly("export");
    }

    @Test
    void aPushChannelSkipsCasesBelowItsOwnMinimumSeverity() {
        DeliveryChannel smsFromOrange = new DeliveryChannel() {
            @Override
            public String name() {
                return "sms";
            }

            @Override
            public Future<Void> deliver(OutboxRow row) {
                return Future.succeededFuture();
            }

            @Override
            public Severity minSeverity() {
                return Severity.ORANGE;
            }
        };
        List<DeliveryChannel> channels = List.of(WEBHOOK, EXPORT, smsFromOrange);
        NotificationPolicy policy = NotificationPolicy.defaults();

        assertThat(policy.channelsFor(notice("opened", Severity.YELLOW), channels)).containsExactly("export", "webhook");
        assertThat(policy.channelsFor(notice("opened", Severity.ORANGE), channels))
                .containsExactly("export", "sms", "webhook");
        assertThat(policy.channelsFor(notice("comment", Severity.RED), channels)).containsExactly("export");
    }

    @Test
    void peopleHearOnlyOfCasesFromTheConfiguredSeverity() {
        NotificationPolicy policy = new NotificationPolicy(Set.of("opened"), Severity.ORANGE, 2);

        assertThat(policy.channelsFor(notice("opened", Severity.YELLOW), ALL)).containsExactly("export");
        assertThat(policy.channelsFor(notice("opened", Severity.ORANGE), ALL)).containsExactly("export", "sse", "webhook");
        assertThat(policy.channelsFor(notice("reminder", Severity.RED), ALL)).containsExactly("export");
    }

    @Test
    void redCoverageCountsPeopleFacingChannelsOnlyAndIsPublished() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        NotificationPolicy policy = NotificationPolicy.defaults();

        assertThat(policy.checkRedCoverage(List.of(SSE, EXPORT), meters)).as("a bare service: SSE and export").isEqualTo(1);
        assertThat(meters.get(NotificationPolicy.RED_CHANNELS_GAUGE).gauge().value()).isEqualTo(1.0);
        assertThat(policy.redReach(ALL)).isEqualTo(2);
        assertThat(new NotificationPolicy(Set.of("reminder"), Severity.BLUE, 2).redReach(ALL))
                .as("opened cases not sent at all").isZero();
    }

    @Test
    void validationNamesTheSetting() {
        assertThatThrownBy(() -> new NotificationPolicy(Set.of("opened", "hello"), Severity.BLUE, 2))
                .hasMessageStartingWith("setting notify.kinds = 'hello': must be one of ");
        assertThatThrownBy(() -> new NotificationPolicy(Set.of("opened"), null, 2))
                .hasMessageStartingWith("setting notify.minSeverity = 'null': is required");
        assertThatThrownBy(() -> new NotificationPolicy(Set.of("opened"), Severity.RED, 0))
                .hasMessage("setting notify.redMinChannels = '0': must be at least 1");
    }

    @Test
    void webhookSettingsAreValidatedUnderTheChannelsName() {
        WebhookSettings base = WebhookSettings.defaults();

        assertThat(base.validate("notify.webhook").enabled()).as("disabled by default").isFalse();
        assertThatThrownBy(() -> base.withTarget("ftp://grid.example/in", "0123456789abcdef").validate("notify.export"))
                .hasMessage("setting notify.export.url = 'ftp://grid.example/in': must be an http(s) URL with a host");
        assertThatThrownBy(() -> base.withTarget("https://sms.example/hook", "short").validate("notify.webhook"))
                .hasMessage("setting notify.webhook.secret = '5 characters': must have at least 16 characters when notify.webhook.url is set");
        assertThatThrownBy(() -> new DispatcherSettings(java.time.Duration.ofSeconds(1), 0, DispatcherSettings.DEFAULT_LEASE,
                DispatcherSettings.DEFAULT_DELIVERY_TIMEOUT, DispatcherSettings.DEFAULT_RETRY))
                .hasMessage("setting notify.dispatcher.batchSize = '0': must be between 1 and 10000");
    }
}
