package io.anju.cases.intake;

import io.anju.common.alert.Alert;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One polled batch split into lanes, one per dedup key, each holding its key's records in offset order. Lanes may be
 * applied at the same time; the records of one lane only one after the other. A record that is not a usable alert
 * has no key: the unusable records of a partition share a lane of their own. The lanes of usable alerts are dealt into
 * {@link #shares}, one transaction each. Once the lanes ran, {@link #committable} and {@link #resumeAt} say how far
 * each partition got: up to its first record not done, so no offset is committed past a record not applied.
 */
final class KeyLanes {

    /** A record, what the decoder made of it, and whether it is done. */
    static final class Item {
        private final ConsumerRecord<byte[], byte[]> record;
        private final DecodedAlert decoded;
        private volatile boolean done;

        Item(ConsumerRecord<byte[], byte[]> record, DecodedAlert decoded) {
            this.record = record;
            this.decoded = decoded;
        }

        ConsumerRecord<byte[], byte[]> record() {
            return record;
        }

        DecodedAlert decoded() {
            return decoded;
        }

        /** The alert, for an item of a lane of usable alerts. */
        Alert alert() {
            return ((DecodedAlert.Valid) decoded).alert();
        }

        /** Applied (or quarantined): it need not be read again. Set by the thread that applied it. */
        void done() {
            done = true;
        }
    }

    private final Map<String, List<Item>> lanes = new LinkedHashMap<>();
    private final Map<TopicPartition, List<Item>> partitions = new LinkedHashMap<>();

    KeyLanes(ConsumerRecords<byte[], byte[]> records, AlertDecoder decoder) {
        for (TopicPartition tp : records.partitions()) {
            List<Item> items = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                Item item = new Item(r, decoder.decode(r.value()));
                items.add(item);
                lanes.computeIfAbsent(laneOf(item), k -> new ArrayList<>()).add(item);
            }
            partitions.put(tp, items);
        }
    }

    private static String laneOf(Item item) {
        if (item.decoded() instanceof DecodedAlert.Valid valid) {
            return "key " + valid.alert().dedupKey();
        }
        // Quarantined in the order they were read, apart from the alerts.
        return "unusable records of " + item.record().topic() + "-" + item.record().partition();
    }

    /** The lanes, in the order their first record was read. */
    Collection<List<Item>> lanes() {
        return lanes.values();
    }

    /**
     * The lanes of usable alerts dealt in turn into at most {@code n} shares, each to be applied in one transaction:
     * every lane whole in one share, so one key's records stay in order.
     */
    List<List<List<Item>>> shares(int n) {
        List<List<List<Item>>> shares = new ArrayList<>();
        int i = 0;
        for (List<Item> lane : lanes.values()) {
            if (!(lane.get(0).decoded() instanceof DecodedAlert.Valid)) {
                continue;
            }
            if (shares.size() < n) {
                shares.add(new ArrayList<>());
            }
            shares.get(i++ % n).add(lane);
        }
        return shares;
    }

    /** The lanes of records that are not usable alerts, one per partition that has any. */
    List<List<Item>> unusable() {
        return lanes.values().stream().filter(lane -> lane.get(0).decoded() instanceof DecodedAlert.Invalid).toList();
    }

    /** Per partition with at least one record done from its start, the offset after that run of done records. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        partitions.forEach((tp, items) -> {
            long next = firstNotDone(items);
            if (next > items.get(0).record().offset()) {
                out.put(tp, new OffsetAndMetadata(next));
            }
        });
        return out;
    }

    /**
     * Per partition not finished, the offset of its first record not done, where reading must go on. Records of other
     * keys after it that were applied are read again and found to be repeats.
     */
    Map<TopicPartition, Long> resumeAt() {
        Map<TopicPartition, Long> out = new HashMap<>();
        partitions.forEach((tp, items) -> {
            long next = firstNotDone(items);
            if (next <= items.get(items.size() - 1).record().offset()) {
                out.put(tp, next);
            }
        });
        return out;
    }

    private long firstNotDone(List<Item> items) {
        for (Item item : items) {
            if (!item.done) {
                return item.record().offset();
            }
        }
        return items.get(items.size() - 1).record().offset() + 1;
    }
}
