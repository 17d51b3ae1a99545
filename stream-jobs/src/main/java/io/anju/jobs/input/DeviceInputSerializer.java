package io.anju.jobs.input;

import io.anju.common.model.DeviceType;
import io.anju.common.model.LocationChain;
import io.anju.jobs.types.ImmutableSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one network format of the decoded device traffic: every envelope crosses the job's single shuffle (by device)
 * in it. A tag byte, then the fields of {@link DeviceSeen} once (the typed reading shares its device, time and
 * location), then the kind's own fields; port states and device types travel as codes. Records are immutable, so a
 * copy is the record itself. Not used for state, so the format may change between versions of the job.
 */
public final class DeviceInputSerializer extends ImmutableSerializer<DeviceInput> {
    public static final DeviceInputSerializer INSTANCE = new DeviceInputSerializer();
    private static final long serialVersionUID = 1L;

    private static final byte CHARGER = 0;
    private static final byte CHARGER_EVENT = 1;
    private static final byte GATE = 2;
    private static final byte CROWD = 3;
    private static final byte CAMERA = 4;
    private static final byte STATUS = 5;
    private static final byte COMMAND = 6;
    private static final byte DELIVERED = 7;
    private static final DeviceType[] TYPES = DeviceType.values();
    private static final int OTHER_STATE = 255;

    private DeviceInputSerializer() {
    }

    @Override
    public void serialize(DeviceInput in, DataOutputView out) throws IOException {
        if (in instanceof DeviceInput.Charger c) {
            out.writeByte(CHARGER);
            writeSeen(in.seen(), out);
            writeCharger(c.telemetry(), out);
        } else if (in instanceof DeviceInput.ChargerEvt e) {
            out.writeByte(CHARGER_EVENT);
            writeSeen(in.seen(), out);
            ChargerEvent ev = e.event();
            StringValue.writeString(ev.kind(), out);
            writeNullableInt(ev.port(), out);
            writeNullableDouble(ev.value(), out);
            StringValue.writeString(ev.code(), out);
        } else if (in instanceof DeviceInput.Gate g) {
            out.writeByte(GATE);
            writeSeen(in.seen(), out);
            GateEvent ev = g.event();
            StringValue.writeString(ev.kind(), out);
            StringValue.writeString(ev.direction(), out);
            StringValue.writeString(ev.method(), out);
            StringValue.writeString(ev.personType(), out);
            StringValue.writeString(ev.snapshotId(), out);
        } else if (in instanceof DeviceInput.Crowd c) {
            out.writeByte(CROWD);
            writeSeen(in.seen(), out);
            writeCrowd(c.reading(), out);
        } else if (in instanceof DeviceInput.Camera c) {
            out.writeByte(CAMERA);
            writeSeen(in.seen(), out);
            CameraDetection d = c.detection();
            StringValue.writeString(d.kind(), out);
            out.writeDouble(d.confidence());
            StringValue.writeString(d.snapshotId(), out);
            StringValue.writeString(d.watches(), out);
            StringValue.writeString(d.building(), out);
        } else if (in instanceof DeviceInput.Command c) {
            out.writeByte(COMMAND);
            writeSeen(in.seen(), out);
            CaseCommand cmd = c.command();
            StringValue.writeString(cmd.id(), out);
            StringValue.writeString(cmd.action(), out);
            out.writeInt(cmd.port());
            StringValue.writeString(cmd.alertId(), out);
            out.writeLong(cmd.caseId());
            out.writeLong(cmd.ttlMs());
        } else if (in instanceof DeviceInput.Delivered d) {
            out.writeByte(DELIVERED);
            writeSeen(in.seen(), out);
            StringValue.writeString(d.delivery().commandId(), out);
            StringValue.writeString(d.delivery().gateway(), out);
        } else {
            out.writeByte(STATUS);
            writeSeen(in.seen(), out);
        }
    }

    @Override
    public DeviceInput deserialize(DataInputView in) throws IOException {
        byte tag = in.readByte();
        DeviceSeen seen = readSeen(in);
        String id = seen.deviceId();
        long ts = seen.ts();
        LocationChain at = seen.location();
        return switch (tag) {
            case CHARGER -> new DeviceInput.Charger(seen, readCharger(id, ts, at, in));
            case CHARGER_EVENT -> new DeviceInput.ChargerEvt(seen, new ChargerEvent(id, ts, at,
                    StringValue.readString(in), readNullableInt(in), readNullableDouble(in),
                    StringValue.readString(in)));
            case GATE -> new DeviceInput.Gate(seen, new GateEvent(id, ts, at, StringValue.readString(in),
                    StringValue.readString(in), StringValue.readString(in), StringValue.readString(in),
                    StringValue.readString(in)));
            case CROWD -> new DeviceInput.Crowd(seen, readCrowd(id, ts, at, in));
            case CAMERA -> new DeviceInput.Camera(seen, new CameraDetection(id, ts, at, StringValue.readString(in),
                    in.readDouble(), StringValue.readString(in), StringValue.readString(in),
                    StringValue.readString(in)));
            case STATUS -> new DeviceInput.Status(seen);
            case COMMAND -> new DeviceInput.Command(seen, new CaseCommand(id, StringValue.readString(in), ts,
                    StringValue.readString(in), in.readInt(), StringValue.readString(in), in.readLong(),
                    in.readLong()));
            case DELIVERED -> new DeviceInput.Delivered(seen, new StopDelivery(id, StringValue.readString(in),
                    StringValue.readString(in), seen.receivedAt()));
            default -> throw new IOException("not a device input: tag " + tag);
        };
    }

    @Override
    public TypeSerializerSnapshot<DeviceInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; it has no configuration of its own. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeviceInput> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    private static void writeSeen(DeviceSeen s, DataOutputView out) throws IOException {
        StringValue.writeString(s.deviceId(), out);
        out.writeByte(s.type().ordinal());
        out.writeLong(s.ts());
        out.writeLong(s.receivedAt());
        writeLocation(s.location(), out);
        out.writeBoolean(s.offline());
        out.writeBoolean(s.clockCorrected());
    }

    private static DeviceSeen readSeen(DataInputView in) throws IOException {
        String deviceId = StringValue.readString(in);
        DeviceType type = TYPES[in.readByte()];
        long ts = in.readLong();
        long receivedAt = in.readLong();
        LocationChain location = readLocation(in);
        return new DeviceSeen(deviceId, type, ts, receivedAt, location, in.readBoolean(), in.readBoolean());
    }

    private static void writeLocation(LocationChain l, DataOutputView out) throws IOException {
        out.writeBoolean(l != null);
        if (l != null) {
            StringValue.writeString(l.subDistrictId(), out);
            StringValue.writeString(l.communityId(), out);
            StringValue.writeString(l.gridId(), out);
            StringValue.writeString(l.compoundId(), out);
            StringValue.writeString(l.zoneId(), out);
        }
    }

    private static LocationChain readLocation(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new LocationChain(StringValue.readString(in), StringValue.readString(in), StringValue.readString(in),
                StringValue.readString(in), StringValue.readString(in));
    }

    private static void writeCharger(ChargerTelemetry t, DataOutputView out) throws IOException {
        out.writeDouble(t.mainsV());
        out.writeDouble(t.ambientC());
        out.writeBoolean(t.smoke());
        out.writeDouble(t.leakageMa());
        ChargerLimits limits = t.limits();
        out.writeBoolean(limits != null);
        if (limits != null) {
            out.writeInt(limits.ports());
            out.writeInt(limits.portLimitW());
            out.writeInt(limits.stationRefuseW());
            out.writeInt(limits.stationLimitW());
        }
        List<PortReading> ports = t.ports();
        out.writeInt(ports.size());
        for (PortReading p : ports) {
            out.writeInt(p.no());
            writePortState(p.state(), out);
            out.writeDouble(p.voltageV());
            out.writeDouble(p.currentA());
            out.writeDouble(p.powerW());
            out.writeDouble(p.energyWh());
            out.writeDouble(p.tempC());
        }
    }

    private static ChargerTelemetry readCharger(String id, long ts, LocationChain at, DataInputView in)
            throws IOException {
        double mainsV = in.readDouble();
        double ambientC = in.readDouble();
        boolean smoke = in.readBoolean();
        double leakageMa = in.readDouble();
        ChargerLimits limits = in.readBoolean()
                ? new ChargerLimits(in.readInt(), in.readInt(), in.readInt(), in.readInt()) : null;
        int n = in.readInt();
        List<PortReading> ports = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ports.add(new PortReading(in.readInt(), readPortState(in), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readDouble()));
        }
        return new ChargerTelemetry(id, ts, at, mainsV, ambientC, smoke, leakageMa, List.copyOf(ports), limits);
    }

    private static void writePortState(String state, DataOutputView out) throws IOException {
        int code = state == null ? -1 : PortReading.STATES.indexOf(state);
        if (code >= 0) {
            out.writeByte(code);
            return;
        }
        out.writeByte(OTHER_STATE);
        StringValue.writeString(state, out);
    }

    private static String readPortState(DataInputView in) throws IOException {
        int code = in.readUnsignedByte();
        return code == OTHER_STATE ? StringValue.readString(in) : PortReading.STATES.get(code);
    }

    private static void writeCrowd(CrowdReading r, DataOutputView out) throws IOException {
        out.writeInt(r.count());
        out.writeInt(r.inCount());
        out.writeInt(r.outCount());
        out.writeInt(r.intervalS());
        ZoneInfo z = r.zone();
        out.writeBoolean(z != null);
        if (z != null) {
            StringValue.writeString(z.zoneId(), out);
            StringValue.writeString(z.name(), out);
            out.writeDouble(z.areaM2());
            out.writeInt(z.capacity());
            out.writeBoolean(z.entrance());
        }
    }

    private static CrowdReading readCrowd(String id, long ts, LocationChain at, DataInputView in) throws IOException {
        int count = in.readInt();
        int inCount = in.readInt();
        int outCount = in.readInt();
        int intervalS = in.readInt();
        ZoneInfo zone = in.readBoolean() ? new ZoneInfo(StringValue.readString(in), StringValue.readString(in),
                in.readDouble(), in.readInt(), in.readBoolean()) : null;
        return new CrowdReading(id, ts, at, count, inCount, outCount, intervalS, zone);
    }

    private static void writeNullableInt(Integer v, DataOutputView out) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeInt(v);
        }
    }

    private static Integer readNullableInt(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void writeNullableDouble(Double v, DataOutputView out) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeDouble(v);
        }
    }

    private static Double readNullableDouble(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
