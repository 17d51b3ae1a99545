package io.anju.gateway.downlink;

import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per partition of {@code anju.commands}, the offsets read whose outcome is not settled yet (its final report not
 * acknowledged by Kafka; a held command is unsettled until it is delivered or expires), and how far reading got.
 * What may be committed is the first unsettled offset, or all that was read. Used by the relay's poll thread only.
 */
final class UnsettledOffsets {
    private final Map<TopicPartition, TreeSet<Long>> unsettled = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private int size;

    /**
     * Notes a command read; false when it was read before (the consumer reads from the last commit again after a
     * rebalance, e.g. when Kafka restarted): it is already taken care of and must not be delivered twice.
     */
    boolean read(TopicPartition partition, long offset) {
        Long n = next.get(partition);
        if (n != null && offset < n) {
            return false;
        }
        unsettled.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        size++;
        next.put(partition, offset + 1);
        return true;
    }

    void settle(TopicPartition partition, long offset) {
        TreeSet<Long> offsets = unsettled.get(partition);
        if (offsets != null && offsets.remove(offset)) {
            size--;
            if (offsets.isEmpty()) {
                unsettled.remove(partition);
            }
        }
    }

    /** Per partition read from, the offset up to which every command read is settled. */
    Map<TopicPartition, Long> committable() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        next.forEach((partition, n) -> {
            TreeSet<Long> open = unsettled.get(partition);
            offsets.put(partition, open == null ? n : open.first());
        });
        return offsets;
    }

    /** Commands read and not settled. */
    int size() {
        return size;
    }
}
