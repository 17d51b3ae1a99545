package io.anju.jobs.detect.fire;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** One telemetry travels as one signal, without Kryo, and the station applies it as its single readings. */
class StationReadingTest extends FireFixtures {

    @Test
    void aTelemetryIsOneSignalThatUnfoldsIntoPortsThenSmokeThenLeakage() {
        FireSignal s = FireSignals.fromTelemetry(telemetry(STATION, minutes(0), true, 12.5, 41.0, 43.5));

        assertThat(s.kind()).isEqualTo(FireSignal.Kind.STATION_READING);
        assertThat(s.compoundId()).isEqualTo(COMPOUND);
        assertThat(s.reading().signals(s)).extracting(FireSignal::kind, FireSignal::port, FireSignal::value)
                .containsExactly(
                        tuple(FireSignal.Kind.PORT_TEMP, 1, 41.0),
                        tuple(FireSignal.Kind.PORT_TEMP, 2, 43.5),
                        tuple(FireSignal.Kind.SMOKE, null, 1.0),
                        tuple(FireSignal.Kind.LEAKAGE, null, 12.5));
        assertThat(s.reading().signals(s)).allSatisfy(single -> {
            assertThat(single.deviceId()).isEqualTo(STATION);
            assertThat(single.ts()).isEqualTo(minutes(0));
            assertThat(single.location()).isEqualTo(LOCATION);
        });
    }

    @Test
    void portsAndTemperaturesMustPair() {
        assertThatThrownBy(() -> new StationReading(new int[] {1, 2}, new double[] {40}, false, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ports and tempsC");
    }

    @Test
    void flinkSerialisesTheSignalAsAPojoWithoutKryo() throws Exception {
        TypeInformation<FireSignal> type = TypeInformation.of(FireSignal.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<FireSignal> pojo = (PojoTypeInfo<FireSignal>) type;
        assertThat(pojo.getTypeAt(pojo.getFieldIndex("reading"))).isInstanceOf(PojoTypeInfo.class);

        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<FireSignal> serializer = type.createSerializer(config);
        FireSignal s = FireSignals.fromTelemetry(telemetry(STATION, minutes(0), true, 12.5, 41.0, 43.5));
        DataOutputSerializer bytes = new DataOutputSerializer(256);
        serializer.serialize(s, bytes);
        FireSignal back = serializer.deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));

        assertThat(back).usingRecursiveComparison().isEqualTo(s);
    }

    @Test
    void theStationRaisesUpdatesAndClearsExactlyAsWithSingleReadings() throws Exception {
        try (DeviceHarness whole = stations(); DeviceHarness singles = stations()) {
            for (ChargerTelemetry t : heatingThenCooling()) {
                whole.charger(t);
                // The same readings one at a time, in the order a telemetry applies them: each port's temperature
                // (as an overtemp event carries one), then the smoke flag and the leakage (a telemetry without ports:
                // no event can say "no smoke").
                for (PortReading p : t.ports()) {
                    singles.chargerEvent(new ChargerEvent(t.deviceId(), t.ts(), t.location(), "overtemp", p.no(),
                            p.tempC(), null));
                }
                singles.charger(new ChargerTelemetry(t.deviceId(), t.ts(), t.location(), t.mainsV(), t.ambientC(),
                        t.smoke(), t.leakageMa(), List.of(), t.limits()));
                whole.watermark(t.ts() - 5_000);
                singles.watermark(t.ts() - 5_000);
            }

            List<Alert> alerts = whole.all();
            assertThat(alerts).extracting(Alert::type).contains(AlertType.FIRE_RISK);
            assertThat(alerts).extracting(Alert::status).contains(AlertStatus.CLEARED);
            assertThat(alerts).usingRecursiveFieldByFieldElementComparatorIgnoringFields("emittedAt")
                    .containsExactlyElementsOf(singles.all());
        }
    }

    /** Port 3 climbs past the fire thresholds with smoke and leakage, then everything is calm for 15 minutes. */
    private static List<ChargerTelemetry> heatingThenCooling() {
        List<ChargerTelemetry> out = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            double port3 = 40 + 1.5 * i;
            out.add(telemetry(STATION, minutes(i * 0.5), i >= 14, i >= 16 ? 35 : 5, 38, 39, port3, 37));
        }
        for (int i = 1; i <= 30; i++) {
            out.add(telemetry(STATION, minutes(10 + i * 0.5), false, 5, 38, 39, 40, 37));
        }
        return out;
    }
}
