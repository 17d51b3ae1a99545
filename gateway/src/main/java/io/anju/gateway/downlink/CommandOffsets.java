package io.anju.gateway.downlink;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the relay is in {@code anju.commands}: the commands read and not yet settled, and what may be committed, which
 * is never past a command unsettled or still held ({@link HeldCommands}), so a restart reads again rather than loses
 * a command. Poll thread only; a settlement from elsewhere comes through {@link HandedBack}.
 */
final class CommandOffsets {
    private final HeldCommands held;
    private final HandedBack handedBack;
    private final UnsettledOffsets unsettled = new UnsettledOffsets();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    CommandOffsets(HeldCommands held, HandedBack handedBack) {
        this.held = held;
        this.handedBack = handedBack;
    }

    /** Notes a command read; false when it was read before and is already taken care of ({@link UnsettledOffsets}). */
    boolean read(TopicPartition partition, long offset) {
        return unsettled.read(partition, offset);
    }

    /** Marks the command read at {@code offset} settled, on the poll thread, when run (once its report is in Kafka). */
    Runnable settles(TopicPartition partition, long offset) {
        return () -> handedBack.add(() -> unsettled.settle(partition, offset));
    }

    Runnable settles(HeldCommands.Held h) {
        return settles(h.partition(), h.offset());
    }

    /** Commands taken and not yet settled, held ones aside. */
    int inFlight() {
        return Math.max(0, unsettled.size() - held.size());
    }

    /** The offsets to commit: what is settled, never past a command still held, and only what moved. */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        unsettled.committable().forEach((tp, next) -> {
            long floor = held.commitFloor(tp, next);
            Long last = committed.get(tp);
            if (last == null || floor > last) {
                offsets.put(tp, new OffsetAndMetadata(floor));
            }
        });
        return offsets;
    }

    /** Notes that Kafka has {@code offsets}. */
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    }
}
