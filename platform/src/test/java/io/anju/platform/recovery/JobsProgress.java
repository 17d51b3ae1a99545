package io.anju.platform.recovery;

import io.anju.common.topic.KafkaConnection;
import io.anju.jobs.topology.DeviceStreams;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How far the alerting job has read its input. Its Kafka source commits its offsets when a checkpoint completed, and
 * a completed checkpoint has flushed every alert of the records before it: once the committed offsets reach the end
 * of every input partition, the alerts of all the input are in {@code anju.alerts}.
 */
final class JobsProgress implements AutoCloseable {
    private final Admin admin;
    private final String group;

    /** @param group the alerting job's consumer group ({@code <jobs.groupPrefix>-alerts}) */
    JobsProgress(KafkaConnection kafka, String group) {
        this.admin = Admin.create(kafka.clientProperties());
        this.group = group;
    }

    /** Input records written but not yet committed as read by the job; every partition counts. */
    long behind() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(DeviceStreams.inputTopics()).allTopicNames().get(10, TimeUnit.SECONDS)
                .forEach((topic, description) -> description.partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long behind = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(end.getKey());
            behind += Math.max(0, end.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return behind;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
