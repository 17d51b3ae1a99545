package io.anju.gateway.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Load devices 1..n of a {@link GatewayFixture} registry publishing without pause ({@link PublishingDevice}), every
 * other one on MQTT 5, each on a thread of its own.
 */
final class PublishingFleet implements AutoCloseable {
    private final List<PublishingDevice> devices = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code n} devices on {@code mqttUri}, each with its secret from {@code secretOf}. */
    static PublishingFleet start(String mqttUri, UnaryOperator<String> secretOf, int n, int window) throws Exception {
        PublishingFleet fleet = new PublishingFleet();
        for (int i = 1; i <= n; i++) {
            String id = GatewayFixture.loadDevice(i);
            DeviceConnection c = i % 2 == 0
                    ? DeviceConnection.v5(mqttUri, id, secretOf.apply(id))
                    : DeviceConnection.v3(mqttUri, id, secretOf.apply(id));
            PublishingDevice device = new PublishingDevice(c, window);
            fleet.devices.add(device);
            Thread t = new Thread(device, "publisher-" + id);
            t.setDaemon(true);
            fleet.threads.add(t);
            t.start();
        }
        return fleet;
    }

    List<PublishingDevice> devices() {
        return devices;
    }

    int acked() {
        return devices.stream().mapToInt(PublishingDevice::ackedCount).sum();
    }

    int published() {
        return devices.stream().mapToInt(PublishingDevice::publishedCount).sum();
    }

    /** Every acknowledged message as {@link Envelopes#id}. */
    Set<String> acknowledged() {
        Set<String> ids = new HashSet<>();
        for (PublishingDevice d : devices) {
            d.acked().forEach(seq -> ids.add(Envelopes.id(d.deviceId(), seq)));
        }
        return ids;
    }

    /** Stops publishing and waits for the devices' threads; their connections stay open for the last outcomes. */
    void stop() throws InterruptedException {
        devices.forEach(PublishingDevice::stop);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        devices.forEach(d -> d.connection().close());
    }
}
