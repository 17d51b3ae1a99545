package io.anju.jobs.bench;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.jobs.JobsSettings;
import io.anju.jobs.run.JobsRunner;
import io.anju.jobs.topology.DeviceStreams;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Phase 1: the input topics are filled with {@code events} envelopes first; then the alerting job starts from the
 * beginning, and its throughput is the rate at which its consumer group's committed offsets advance between 10 %
 * and 90 % of the backlog (job start-up and the drain at the end are left out).
 */
final class ThroughputRun {
    /** What one throughput run measured. */
    record Result(long events, long overloads, double prefillSeconds, double ratePerSecond, double windowSeconds,
                  double secondsToAll, ProcessMeter.Usage usage, long raised, Map<String, Long> alerts) {
    }

    private final BenchRig rig;
    private final PrintStream progress;

    ThroughputRun(BenchRig rig, PrintStream progress) {
        this.rig = rig;
        this.progress = progress;
    }

    Result run(long events, int overloadEvery, JobsSettings settings, long seed) throws Exception {
        Traffic traffic = new Traffic(rig.registry(), overloadEvery, seed);
        double prefill = prefill(traffic, events);
        List<String> inputs = DeviceStreams.inputTopics();
        try (LagWatcher lag = new LagWatcher(rig.bootstrap(), settings.groupPrefix() + "-alerts", inputs);
             ProcessMeter meter = new ProcessMeter()) {
            long total = lag.written();
            ProgressWindow window = new ProgressWindow(total, 0.10, 0.90);
            long t0 = System.nanoTime();
            window.sample(t0, 0);
            long lastPrint = t0;
            long lastCount = 0;
            ProcessMeter.Usage usage = null;
            try (JobsRunner jobs = new JobsRunner(settings, 0).start()) {
                progress.printf("throughput: alerting job started; reading %,d envelopes from the beginning%n", total);
                long committed = 0;
                long deadline = t0 + Duration.ofMinutes(30).toNanos();
                while (committed < total && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    long now = System.nanoTime();
                    committed = lag.committed();
                    boolean wasStarted = window.started();
                    boolean wasDone = window.done();
                    window.sample(now, committed);
                    if (!wasStarted && window.started()) {
                        meter.start();
                    }
                    if (!wasDone && window.done()) {
                        usage = meter.stop();
                    }
                    if (now - lastPrint >= 5e9) {
                        progress.printf("throughput: %5.1f s  committed %,11d / %,d (%3.0f %%)  %,9.0f events/s "
                                        + "over the last %.0f s%n", (now - t0) / 1e9, committed, total,
                                100.0 * committed / total, (committed - lastCount) / ((now - lastPrint) / 1e9),
                                (now - lastPrint) / 1e9);
                        lastPrint = now;
                        lastCount = committed;
                    }
                }
                double toAll = (System.nanoTime() - t0) / 1e9;
                if (committed < total) {
                    progress.printf("throughput: gave up after %.0f s at %,d of %,d%n", toAll, committed, total);
                }
                Map<String, Long> alerts = countAlerts();
                long raised = alerts.getOrDefault(AlertType.PORT_OVERLOAD.wireName() + " raised", 0L);
                jobs.kill();
                return new Result(total, traffic.overloads(), prefill, window.ratePerSecond(), window.seconds(),
                        toAll, usage, raised, alerts);
            }
        }
    }

    private double prefill(Traffic traffic, long events) throws Exception {
        long origin = System.currentTimeMillis() - (long) (events / traffic.nominalPerSecond() * 1000);
        progress.printf("throughput: writing %,d envelopes from %,d devices (%.0f messages per device-second, "
                + "%.1f h of device time)%n", events, traffic.devices(), traffic.nominalPerSecond(),
                events / traffic.nominalPerSecond() / 3600);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = rig.producer(20, 256 * 1024)) {
            for (long i = 0; i < events; i++) {
                Traffic.Message m = traffic.next(-1, origin);
                producer.send(new ProducerRecord<>(m.topic(), m.key(), m.value()));
                if (i > 0 && i % 500_000 == 0) {
                    progress.printf("throughput: written %,d%n", i);
                }
            }
            producer.flush();
        }
        double took = (System.nanoTime() - start) / 1e9;
        progress.printf("throughput: backlog written in %.1f s (%,.0f/s), %,d overload readings in it%n", took,
                events / took, traffic.overloads());
        return took;
    }

    /** Every committed alert by type and status, read until the topic has been quiet for 3 s. */
    private Map<String, Long> countAlerts() {
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, rig.bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> parts = c.partitionsFor(Topics.ALERTS).stream()
                    .map(p -> new TopicPartition(Topics.ALERTS, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < 3e9) {
                var records = c.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    Alert a = Json.fromBytes(r.value(), Alert.class);
                    counts.merge(a.type().wireName() + " " + status(a.status()), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static String status(AlertStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
