package io.anju.bench.e2e;

import io.anju.common.auth.Credentials;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Who plays what: the load gets the registry's load chargers ({@code load-00001 …}, which {@code registry generate
 * --load-devices} adds for benchmarks), the case probe real chargers of the district, so no probe reading queues
 * behind a load connection's window and the loss check can count the load's devices alone.
 */
final class ProbeChargers {
    /** The id prefix of the generator's load chargers (GeneratorOptions.loadDevices). */
    static final String LOAD_PREFIX = "load-";

    private ProbeChargers() {
    }

    /** The load's credentials: the load chargers only. */
    static List<Credentials.Entry> loadCredentials(List<Credentials.Entry> all) {
        return all.stream().filter(e -> e.type().equals(DeviceType.CHARGER.wireName()))
                .filter(e -> e.deviceId().startsWith(LOAD_PREFIX)).toList();
    }

    /**
     * {@code count} enabled district chargers (not load chargers) with limits in the registry: first one per
     * partition of the charger topic, in credentials order, until every partition has one, then the next ones.
     *
     * @param partitionOf the partition of a device's records (the gateway keys them by device id)
     */
    static List<CaseProbe.Charger> pick(Registry registry, List<Credentials.Entry> credentials, int count,
                                        ToIntFunction<String> partitionOf) {
        List<CaseProbe.Charger> candidates = new ArrayList<>();
        for (Credentials.Entry e : credentials) {
            Device d = registry.device(e.deviceId()).orElse(null);
            if (d == null || d.type() != DeviceType.CHARGER || !d.enabled() || d.charger() == null
                    || e.deviceId().startsWith(LOAD_PREFIX) || d.location() == null) {
                continue;
            }
            candidates.add(new CaseProbe.Charger(e.deviceId(), e.secret(), d.charger().portLimitW(),
                    d.charger().ports()));
        }
        List<CaseProbe.Charger> picked = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (CaseProbe.Charger c : candidates) {
            if (picked.size() < count && covered.add(partitionOf.applyAsInt(c.deviceId()))) {
                picked.add(c);
            }
        }
        for (CaseProbe.Charger c : candidates) {
            if (picked.size() >= count) {
                break;
            }
            if (!picked.contains(c)) {
                picked.add(c);
            }
        }
        if (picked.size() < count) {
            throw new IllegalStateException("the case probe needs " + count + " enabled district chargers with "
                    + "limits and credentials; the registry has " + candidates.size());
        }
        return picked;
    }

    /** The partition Kafka's default partitioner gives a keyed record (murmur2 of the key bytes). */
    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
