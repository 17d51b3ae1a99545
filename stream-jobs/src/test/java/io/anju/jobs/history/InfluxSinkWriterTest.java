package io.anju.jobs.history;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batching, flush-on-checkpoint and retry logic of the writer against a fake store (InfluxSinkIT uses a real one). */
class InfluxSinkWriterTest {
    static final InfluxSettings SETTINGS = InfluxSettingsTest.DEFAULTS.withUrl("http://127.0.0.1:8086")
            .withBatching(3, Duration.ofSeconds(1));

    /** Records batches; fails the next {@code failures} calls. */
    static class FakeStore implements LineStore {
        final List<List<String>> batches = new ArrayList<>();
        int failures;
        RuntimeException failure = new InfluxDBIOException(new ConnectException("connection refused"));
        int databaseCreations;
        boolean closed;

        @Override
        public void createDatabase() {
            databaseCreations++;
        }

        @Override
        public void write(List<String> lines) {
            if (failures > 0) {
                failures--;
                throw failure;
            }
            batches.add(lines);
        }

        @Override
        public void close() {
            closed = true;
        }

        List<String> lines() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    /** A processing-time service whose single timer the test fires by hand. */
    static final class ManualTimers implements ProcessingTimeService {
        long now = 10_000;
        long due = -1;
        ProcessingTimeCallback callback;

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback cb) {
            due = timestamp;
            callback = cb;
            return null;
        }

        void fire() throws Exception {
            ProcessingTimeCallback cb = callback;
            callback = null;
            cb.onProcessingTime(due);
        }
    }

    final FakeStore store = new FakeStore();
    final ManualTimers timers = new ManualTimers();
    final List<Long> sleeps = new ArrayList<>();

    InfluxSinkWriter writer(InfluxSettings settings) throws Exception {
        return InfluxSinkWriter.open(settings, store, new UnregisteredMetricsGroup(), timers, sleeps::add);
    }

    static SeriesPoint point(int i) {
        return new SeriesPoint("m", Map.of("k", "v"), Map.of("n", i), 1_000L + i);
    }

    @Test
    void open_createsTheDatabase() throws Exception {
        writer(SETTINGS);

        assertThat(store.databaseCreations).isEqualTo(1);
    }

    @Test
    void fullBatch_isWrittenAtOnce_andTheRestWaitsForFlush() throws Exception {
        InfluxSinkWriter w = writer(SETTINGS);
        for (int i = 0; i < 4; i++) {
            w.write(point(i), null);
        }

        assertThat(store.batches).hasSize(1).first().asList().hasSize(3);
        assertThat(w.buffered()).isEqualTo(1);

        w.flush(false);

        assertThat(store.lines()).containsExactly(point(0).toLineProtocol(), point(1).toLineProtocol(),
                point(2).toLineProtocol(), point(3).toLineProtocol());
        assertThat(w.buffered()).isZero();
    }

    @Test
    void partlyFilledBatch_isWrittenWhenTheFlushIntervalPasses() throws Exception {
        InfluxSinkWriter w = writer(SETTINGS);
        w.write(point(1), null);
        w.write(point(2), null);

        assertThat(timers.due).isEqualTo(11_000);
        assertThat(store.batches).isEmpty();

        timers.fire();

        assertThat(store.lines()).hasSize(2);
        w.write(point(3), null);
        assertThat(timers.callback).as("a new timer for the next batch").isNotNull();
    }

    @Test
    void failedWrite_isRetriedWithDoublingBackoff_andNothingIsLost() throws Exception {
        InfluxSinkWriter w = writer(SETTINGS);
        w.write(point(1), null);
        store.failures = 3;

        w.flush(false);

        assertThat(sleeps).containsExactly(200L, 400L, 800L);
        assertThat(store.lines()).containsExactly(point(1).toLineProtocol());
    }

    @Test
    void retriesExhausted_flushThrows_andKeepsThePointsBuffered() throws Exception {
        InfluxSinkWriter w = writer(SETTINGS.withRetries(5, Duration.ofMillis(200), Duration.ofSeconds(1)));
        w.write(point(1), null);
        w.write(point(2), null);
        store.failures = 6;

        assertThatThrownBy(() -> w.flush(false)).isInstanceOf(IOException.class)
                .hasMessageContaining("failed after 5 retries").hasMessageContaining("restarts from its last checkpoint");
        assertThat(sleeps).containsExactly(200L, 400L, 800L, 1_000L, 1_000L);
        assertThat(store.batches).isEmpty();
        assertThat(w.buffered()).isEqualTo(2);

        w.flush(false);
        assertThat(store.lines()).hasSize(2);
    }

    @Test
    void databaseUnreachableAtStart_failsAfterRetries() {
        LineStore down = new FakeStore() {
            @Override
            public void createDatabase() {
                throw new InfluxDBIOException(new ConnectException("connection refused"));
            }
        };

        assertThatThrownBy(() -> InfluxSinkWriter.open(SETTINGS, down, new UnregisteredMetricsGroup(), timers,
                sleeps::add)).isInstanceOf(IOException.class).hasMessageContaining("create database anju");
        assertThat(sleeps).hasSize(5);
    }

    @Test
    void pointsInfluxRefuses_areNotRetried() throws Exception {
        InfluxSinkWriter w = writer(SETTINGS);
        w.write(point(1), null);
        store.failures = 1;
        store.failure = InfluxDBException.buildExceptionForErrorState(
                "{\"error\":\"partial write: field type conflict: input field \\\"n\\\" on measurement \\\"m\\\" "
                        + "is type float, already exists as type integer dropped=1\"}");

        w.flush(false);

        assertThat(sleeps).isEmpty();
        assertThat(w.buffered()).isZero();
    }

    @Test
    void droppedDatabase_isCreatedAgainBeforeTheRetry() throws Exception {
        InfluxSinkWriter w = writer(SETTINGS);
        w.write(point(1), null);
        store.failures = 1;
        store.failure = InfluxDBException.buildExceptionForErrorState("{\"error\":\"database not found: \\\"anju\\\"\"}");

        w.flush(false);

        assertThat(store.databaseCreations).isEqualTo(2);
        assertThat(store.lines()).hasSize(1);
    }

    @Test
    void pointWithoutFields_isSkipped() throws Exception {
        InfluxSinkWriter w = writer(SETTINGS);

        w.write(new SeriesPoint("m", Map.of(), Map.of("x", Double.NaN), 1L), null);

        assertThat(w.buffered()).isZero();
    }

    /** Captures the gauges the writer registers. */
    static final class Gauges extends UnregisteredMetricsGroup {
        final Map<String, Gauge<?>> registered = new HashMap<>();

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            registered.put(name, gauge);
            return gauge;
        }
    }

    static SeriesPoint pointAt(long tsMs) {
        return new SeriesPoint("m", Map.of("k", "v"), Map.of("n", 1), tsMs);
    }

    @Test
    void historyLag_isTheWallClockMinusTheNewestEventTimeInfluxDbTook() throws Exception {
        Gauges metrics = new Gauges();
        InfluxSinkWriter w = InfluxSinkWriter.open(SETTINGS, store, metrics, timers, sleeps::add);
        Gauge<?> lag = metrics.registered.get("historyLagMs");
        timers.now = 70_000;
        assertThat(lag.getValue()).as("nothing written yet").isEqualTo(0L);

        w.write(pointAt(12_000), null);
        w.write(pointAt(9_000), null);
        assertThat(lag.getValue()).as("buffered is not written").isEqualTo(0L);
        w.flush(false);
        assertThat(lag.getValue()).isEqualTo(58_000L);

        w.write(pointAt(65_000), null);
        timers.now = 80_000;
        assertThat(lag.getValue()).as("grows while points wait to be written").isEqualTo(68_000L);
        w.flush(false);
        assertThat(lag.getValue()).isEqualTo(15_000L);
    }

    @Test
    void sinkWithoutUrl_isRefused() {
        assertThatThrownBy(() -> new InfluxSink(InfluxSettingsTest.DEFAULTS))
                .hasMessageContaining("influx.url is not set");
    }

    @Test
    void close_closesTheClient() throws Exception {
        writer(SETTINGS).close();

        assertThat(store.closed).isTrue();
    }
}
