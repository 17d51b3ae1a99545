package io.anju.jobs.input;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceInputSerializerTest {
    private static final long TS = 1_764_378_000_000L;
    private static final LocationChain AT = new LocationChain("sd-03", "c-021", "g-058", "cp-0009", null);

    static Stream<DeviceInput> everyKind() {
        DeviceSeen charger = new DeviceSeen("chg-0009-1", DeviceType.CHARGER, TS, TS + 40, AT, false);
        return Stream.of(
                new DeviceInput.Charger(charger, new ChargerTelemetry("chg-0009-1", TS, AT, 228, 21, true, 3.5,
                        List.of(new PortReading(1, "charging", 48, 4.2, 202, 150, 31.5),
                                new PortReading(2, "vendor-specific", 0, 0, 0, 0, 24)),
                        new ChargerLimits(12, 1_000, 7_800, 8_700))),
                new DeviceInput.Charger(charger, new ChargerTelemetry("chg-0009-1", TS, AT, 0, 0, false, 0, List.of(),
                        null)),
                new DeviceInput.ChargerEvt(charger, new ChargerEvent("chg-0009-1", TS, AT, "overcurrent", 3, 6.4,
                        null)),
                new DeviceInput.ChargerEvt(charger, new ChargerEvent("chg-0009-1", TS, AT, "smoke", null, null,
                        "E7")),
                new DeviceInput.Gate(new DeviceSeen("gt-1", DeviceType.GATE, TS, TS, AT, false),
                        new GateEvent("gt-1", TS, AT, "pass", "in", "card", null, null)),
                new DeviceInput.Crowd(new DeviceSeen("cnt-3", DeviceType.CROWD, TS, TS, null, false),
                        new CrowdReading("cnt-3", TS, null, 412, 30, 12, 10,
                                new ZoneInfo("z-03", "钟鼓楼广场", 1_200, 2_400, true))),
                new DeviceInput.Camera(new DeviceSeen("cam-1", DeviceType.CAMERA, TS, TS, AT, false),
                        new CameraDetection("cam-1", TS, AT, "flame", 0.8, "c3-1", "shed", "b-2")),
                new DeviceInput.Status(new DeviceSeen("gt-1", DeviceType.GATE, TS, 0, AT, true)),
                new DeviceInput.Status(new DeviceSeen("gt-1", DeviceType.GATE, TS, TS, AT, false, true)),
                DeviceInput.Command.of(new CaseCommand("chg-0009-1", "0b7e", TS, "stop_port", 3, "9d2", 42, 60_000)),
                DeviceInput.Command.of(new CaseCommand("chg-0009-1", "0b7f", TS, "resume_port", 1, null, 7, 0)),
                DeviceInput.Delivered.of(new StopDelivery("chg-0009-1", "0b7e", "gw-2", TS + 210)));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyKind_crossesTheNetworkUnchanged(DeviceInput in) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        DeviceInputSerializer.INSTANCE.serialize(in, out);

        DeviceInput back = DeviceInputSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(back).isEqualTo(in);
    }

    @Test
    void flinkFindsThisSerializerForTheInterface_notKryo() {
        assertThat(TypeInformation.of(DeviceInput.class).createSerializer(new SerializerConfigImpl()))
                .isSameAs(DeviceInputSerializer.INSTANCE);
    }
}
