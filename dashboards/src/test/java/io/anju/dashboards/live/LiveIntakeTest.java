package io.anju.dashboards.live;

import io.anju.common.model.Device;
import io.anju.common.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static io.anju.dashboards.live.LiveFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class LiveIntakeTest {
    @TempDir
    Path blobs;

    @Test
    void readsTheGatewaysEnvelopesWithDefaultFieldsLeftOutAndCountsWhatItCannotUse() {
        HandClock clock = new HandClock(START);
        LiveState state = liveState(blobs, clock);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LiveIntake intake = new LiveIntake(state, meters);
        Device counter = crowdCounter(0);
        long ts = clock.millis();
        // As the gateway writes it: clockSkewed false and other defaults are absent.
        String envelope = "{\"deviceId\":\"" + counter.id() + "\",\"type\":\"crowd\",\"channel\":\"telemetry\","
                + "\"ts\":" + ts + ",\"seq\":9001,\"receivedAt\":" + (ts + 153) + ",\"gateway\":\"gw-1\","
                + "\"location\":{\"subDistrictId\":\"" + counter.location().subDistrictId() + "\",\"communityId\":\""
                + counter.location().communityId() + "\",\"gridId\":\"" + counter.location().gridId()
                + "\",\"zoneId\":\"" + counter.location().zoneId() + "\"},"
                + "\"payload\":{\"ts\":" + ts + ",\"seq\":9001,\"count\":412,\"inCount\":37,\"outCount\":29,"
                + "\"intervalS\":10}}";

        intake.handle(record(LiveIntake.CROWD, envelope));
        intake.handle(record(LiveIntake.CROWD, "not json"));
        intake.handle(record(Topics.ALERTS, "{\"id\":\"x\"}"));

        assertThat(state.zone(counter.location().zoneId()).orElseThrow().occupancy()).isEqualTo(412);
        assertThat(meters.counter("anju.dashboards.live.records", "topic", LiveIntake.CROWD).count()).isEqualTo(2);
        assertThat(meters.counter("anju.dashboards.live.records.unusable", "topic", LiveIntake.CROWD).count())
                .isEqualTo(1);
        assertThat(meters.counter("anju.dashboards.live.records.unusable", "topic", Topics.ALERTS).count())
                .isEqualTo(1);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, String value) {
        return new ConsumerRecord<>(topic, 0, 0, "k".getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
