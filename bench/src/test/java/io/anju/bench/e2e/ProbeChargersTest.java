package io.anju.bench.e2e;

import io.anju.common.auth.Credentials;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeChargersTest {
    private static final LocationChain AT = new LocationChain("sd-01", "c-001", "g-001", "cp-0001", null);

    @Test
    void theLoadGetsTheLoadChargersOnly() {
        List<Credentials.Entry> all = List.of(entry("chg-0001-1", "charger"), entry("crd-0001", "crowd"),
                entry("load-00001", "charger"), entry("load-00002", "charger"));
        assertThat(ProbeChargers.loadCredentials(all)).extracting(Credentials.Entry::deviceId)
                .containsExactly("load-00001", "load-00002");
    }

    @Test
    void theProbePlaysDistrictChargersCoveringEveryPartitionFirst() {
        List<Device> devices = new ArrayList<>();
        List<Credentials.Entry> credentials = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String id = String.format("chg-%04d-1", i);
            devices.add(charger(id, i != 2));        // chg-0002-1 is disabled
            credentials.add(entry(id, "charger"));
        }
        devices.add(charger("load-00001", true));
        credentials.add(0, entry("load-00001", "charger"));
        Registry registry = new Registry(new RegistryDocument(RegistryDocument.CURRENT_VERSION, 1, "", List.of(),
                List.of(), List.of(), List.of(), List.of(), devices));
        // Partitions by the id's number: chargers 1..3 share partition 0, 4..6 partition 1, ...
        List<CaseProbe.Charger> picked = ProbeChargers.pick(registry, credentials, 5,
                id -> (Integer.parseInt(id.substring(4, 8)) - 1) / 3);
        assertThat(picked).extracting(CaseProbe.Charger::deviceId)
                .containsExactly("chg-0001-1", "chg-0004-1", "chg-0007-1", "chg-0010-1", "chg-0003-1");
        assertThat(picked.get(0)).isEqualTo(new CaseProbe.Charger("chg-0001-1",
                "secret-chg-0001-1", 1000, 10));
    }

    @Test
    void thePartitionIsWhereTheGatewaysProducerPutsTheDevicesRecords() {
        // The gateway sends with the device id as key and the default partitioner.
        for (String id : List.of("chg-0001-1", "chg-0042-2", "load-00001", "crd-0007")) {
            assertThat(ProbeChargers.partition(id, 6))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), 6));
        }
    }

    private static Device charger(String id, boolean enabled) {
        return new Device(id, DeviceType.CHARGER, AT, "hash", enabled, new ChargerSpec(10, 1000, 7800, 8700), null,
                null);
    }

    private static Credentials.Entry entry(String id, String type) {
        return new Credentials.Entry(id, type, "secret-" + id);
    }
}
