package io.anju.jobs.history;

import io.anju.jobs.types.ImmutableSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a {@link SeriesPoint} crosses the network between the history job's operators, instead of Kryo (which the
 * jobs turn off): measurement, tags, fields with a type byte each (the four InfluxDB field types), timestamp and
 * tie-break. Points are immutable, so a copy is the point itself. Not used for state.
 */
public final class SeriesPointSerializer extends ImmutableSerializer<SeriesPoint> {
    public static final SeriesPointSerializer INSTANCE = new SeriesPointSerializer();
    private static final long serialVersionUID = 1L;

    private static final byte DOUBLE = 0;
    private static final byte LONG = 1;
    private static final byte BOOLEAN = 2;
    private static final byte STRING = 3;

    private SeriesPointSerializer() {
    }

    @Override
    public void serialize(SeriesPoint p, DataOutputView out) throws IOException {
        StringValue.writeString(p.measurement(), out);
        out.writeInt(p.tags().size());
        for (Map.Entry<String, String> tag : p.tags().entrySet()) {
            StringValue.writeString(tag.getKey(), out);
            StringValue.writeString(tag.getValue(), out);
        }
        out.writeInt(p.fields().size());
        for (Map.Entry<String, Object> field : p.fields().entrySet()) {
            StringValue.writeString(field.getKey(), out);
            Object v = field.getValue();
            if (v instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (v instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (v instanceof Boolean b) {
                out.writeByte(BOOLEAN);
                out.writeBoolean(b);
            } else {
                out.writeByte(STRING);
                StringValue.writeString((String) v, out);
            }
        }
        out.writeLong(p.tsMs());
        out.writeInt(p.tieBreakNanos());
    }

    @Override
    public SeriesPoint deserialize(DataInputView in) throws IOException {
        String measurement = StringValue.readString(in);
        TreeMap<String, String> tags = new TreeMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            tags.put(StringValue.readString(in), StringValue.readString(in));
        }
        TreeMap<String, Object> fields = new TreeMap<>();
        for (int n = in.readInt(); n > 0; n--) {
            String key = StringValue.readString(in);
            byte type = in.readByte();
            fields.put(key, switch (type) {
                case DOUBLE -> in.readDouble();
                case LONG -> in.readLong();
                case BOOLEAN -> in.readBoolean();
                case STRING -> StringValue.readString(in);
                default -> throw new IOException("not a field type: " + type);
            });
        }
        return new SeriesPoint(measurement, tags, fields, in.readLong(), in.readInt());
    }

    @Override
    public TypeSerializerSnapshot<SeriesPoint> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer; it has no configuration of its own. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesPoint> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
