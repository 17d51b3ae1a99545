package io.anju.cases.intake;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Severity;
import io.anju.common.json.Json;
import io.anju.common.model.LocationChain;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeyLanesTest {
    private static final TopicPartition P0 = new TopicPartition("alerts", 0);
    private static final TopicPartition P1 = new TopicPartition("alerts", 1);
    private static final LocationChain WHERE = new LocationChain("s1", "c1", "g1", "p1", null);

    private static Alert alert(int port, int revision) {
        return TestAlerts.portOverload("chg-1", port, WHERE, 1_780_000_000_000L, revision,
                revision == 1 ? AlertStatus.RAISED : AlertStatus.UPDATED, Severity.YELLOW, 1_780_000_060_000L);
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, byte[] value) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, value);
    }

    /** P0: port 1 rev 1, port 2 rev 1, port 1 rev 2, a malformed record, port 2 rev 2, another malformed record.
     *  P1: port 3 rev 1, rev 2. */
    private static KeyLanes batch() {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        records.put(P0, List.of(record(P0, 10, Json.toBytes(alert(1, 1))), record(P0, 11, Json.toBytes(alert(2, 1))),
                record(P0, 12, Json.toBytes(alert(1, 2))), record(P0, 13, "{".getBytes(StandardCharsets.UTF_8)),
                record(P0, 14, Json.toBytes(alert(2, 2))), record(P0, 15, new byte[0])));
        records.put(P1, List.of(record(P1, 7, Json.toBytes(alert(3, 1))), record(P1, 8, Json.toBytes(alert(3, 2)))));
        return new KeyLanes(new ConsumerRecords<>(records, Map.of()), new AlertDecoder());
    }

    private static List<String> describe(List<KeyLanes.Item> lane) {
        List<String> out = new ArrayList<>();
        for (KeyLanes.Item item : lane) {
            out.add(item.record().partition() + "@" + item.record().offset());
        }
        return out;
    }

    @Test
    void eachKeysRecordsFormOneLaneInOffsetOrderAndAPartitionsBadRecordsALaneOfTheirOwn() {
        List<List<String>> lanes = batch().lanes().stream().map(KeyLanesTest::describe).toList();

        assertThat(lanes).containsExactly(List.of("0@10", "0@12"), List.of("0@11", "0@14"), List.of("0@13", "0@15"),
                List.of("1@7", "1@8"));
    }

    @Test
    void aPartitionIsCommittedUpToItsFirstRecordNotDoneAndReadAgainFromThere() {
        KeyLanes batch = batch();
        List<List<KeyLanes.Item>> lanes = List.copyOf(batch.lanes());
        // Port 1's lane finished, port 2's was held at its first record (0@11), so 0@14 never ran; the bad records
        // were quarantined; P1 finished.
        lanes.get(0).forEach(KeyLanes.Item::done);
        lanes.get(2).forEach(KeyLanes.Item::done);
        lanes.get(3).forEach(KeyLanes.Item::done);

        assertThat(batch.committable()).containsOnly(Map.entry(P0, new OffsetAndMetadata(11)),
                Map.entry(P1, new OffsetAndMetadata(9)));
        assertThat(batch.resumeAt()).containsExactly(Map.entry(P0, 11L));
    }

    @Test
    void aPartitionWhoseFirstRecordIsNotDoneCommitsNothing() {
        KeyLanes batch = batch();
        List<List<KeyLanes.Item>> lanes = List.copyOf(batch.lanes());
        lanes.get(1).forEach(KeyLanes.Item::done);

        assertThat(batch.committable()).isEmpty();
        assertThat(batch.resumeAt()).containsOnly(Map.entry(P0, 10L), Map.entry(P1, 7L));
    }

    @Test
    void theLanesOfAlertsAreDealtWholeIntoAtMostTheSharesAskedAndTheBadRecordsKeptApart() {
        KeyLanes batch = batch();

        assertThat(batch.shares(2)).extracting(share -> share.stream().map(KeyLanesTest::describe).toList())
                .containsExactly(List.of(List.of("0@10", "0@12"), List.of("1@7", "1@8")),
                        List.of(List.of("0@11", "0@14")));
        assertThat(batch.shares(8)).hasSize(3);
        assertThat(batch.shares(1)).hasSize(1).first().asList().hasSize(3);
        assertThat(batch.unusable()).extracting(KeyLanesTest::describe).containsExactly(List.of("0@13", "0@15"));
    }
}
