package io.anju.gateway.downlink;

import io.anju.common.json.Json;
import io.anju.common.topic.Topics;
import io.anju.gateway.kafka.DownstreamSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Takes commands from {@code anju.commands} (consumer group {@code anju-gateway-<nodeId>}), hands each to
 * {@link CommandDelivery} unless it expired, and reports every outcome to {@code anju.command-results}.
 * Offsets are committed only after all outcome records of a poll are acknowledged, so a crash re-delivers rather
 * than loses a command (at-least-once; commands carry an id for devices to deduplicate). Commands for one device
 * are delivered in order; different devices are served concurrently.
 */
public final class CommandRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRelay.class);
    /** Upper bound on a delivery whose stage never completes (the MQTT side times out on its own first). */
    private static final Duration DELIVERY_GUARD = Duration.ofSeconds(60);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

    private final DownstreamSettings settings;
    private final CommandDelivery delivery;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean running;

    public CommandRelay(DownstreamSettings settings, CommandDelivery delivery, MeterRegistry meters) {
        this(settings, delivery, meters, Clock.systemUTC());
    }

    public CommandRelay(DownstreamSettings settings, CommandDelivery delivery, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.delivery = delivery;
        this.meters = meters;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(consumerProperties(settings));
        this.producer = new KafkaProducer<>(producerProperties(settings));
        this.thread = new Thread(this::run, "anju-command-relay-" + settings.nodeId());
        this.thread.setDaemon(true);
    }

    /** The consumer group of this gateway node. */
    public static String groupId(String nodeId) {
        return "anju-gateway-" + nodeId;
    }

    public void start() {
        running = true;
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.COMMANDS));
            while (running) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    process(batch);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("command relay stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Delivers and reports a whole poll; commits it only when every report is in Kafka, else re-reads it. */
    private void process(ConsumerRecords<String, byte[]> batch) {
        Map<String, CompletableFuture<?>> perDevice = new HashMap<>();
        List<CompletableFuture<?>> reports = new ArrayList<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : batch) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            first.putIfAbsent(tp, r.offset());
            next.put(tp, new OffsetAndMetadata(r.offset() + 1));
            PendingCommand command = PendingCommand.parse(r.key(), r.value(), settings.commandTtl());
            String device = r.key() == null ? "" : r.key();
            CompletableFuture<?> previous = perDevice.getOrDefault(device, CompletableFuture.completedFuture(null));
            CompletableFuture<?> reported = previous.thenCompose(x -> handle(command));
            perDevice.put(device, reported);
            reports.add(reported);
        }
        try {
            CompletableFuture.allOf(reports.toArray(CompletableFuture[]::new)).get();
            consumer.commitSync(next);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } catch (Exception e) {
            LOG.warn("command outcomes not all written ({}); re-reading {} commands", e.toString(), batch.count());
            first.forEach(consumer::seek);
            sleep(RETRY_BACKOFF);
        }
    }

    /** Decides the outcome of one command and completes when its report is acknowledged by Kafka. */
    private CompletableFuture<Void> handle(PendingCommand command) {
        if (!command.isValid()) {
            LOG.warn("invalid command for {}: {}", command.deviceId(), command.problem());
            return report(command, "invalid", command.problem());
        }
        if (command.isExpiredAt(clock.millis())) {
            return report(command, "expired", null);
        }
        return delivery.deliver(command.deviceId(), command.json()).toCompletableFuture()
                .orTimeout(DELIVERY_GUARD.toMillis(), TimeUnit.MILLISECONDS)
                .handle((outcome, error) -> error != null ? "timeout" : wireName(outcome))
                .thenCompose(outcome -> report(command, outcome, null));
    }

    private static String wireName(DeliveryOutcome outcome) {
        return switch (outcome) {
            case DELIVERED -> "delivered";
            case OFFLINE -> "offline";
            case TIMEOUT -> "timeout";
            case UNKNOWN_DEVICE -> "unknown_device";
        };
    }

    private CompletableFuture<Void> report(PendingCommand command, String outcome, String detail) {
        count(outcome);
        DeliveryReport report = new DeliveryReport(DeliveryReport.KIND, command.id(), command.deviceId(), outcome, detail,
                settings.nodeId(), clock.millis());
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, command.deviceId(), Json.toBytes(report)), (md, e) -> {
                if (e == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("anju.gateway.commands")
                .description("Commands taken from anju.commands by delivery outcome").tag("outcome", o).register(meters)).increment();
    }

    private static Map<String, Object> consumerProperties(DownstreamSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(s.nodeId()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(s.nodeId()) + "-commands");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A node that never ran before still serves commands already waiting (old ones are reported expired).
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The stream jobs write commands in Kafka transactions: deliver only what they committed, never a
        // command of an aborted attempt that the restored job will write again.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    private static Map<String, Object> producerProperties(DownstreamSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, groupId(s.nodeId()) + "-command-results");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, s.deliveryTimeoutMs());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, s.deliveryTimeoutMs()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling, lets the current batch finish, and closes the Kafka clients. */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            running = false;
            if (thread.getState() == Thread.State.NEW) {
                consumer.close(Duration.ofSeconds(5));
            }
            producer.close(Duration.ofSeconds(5));
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
