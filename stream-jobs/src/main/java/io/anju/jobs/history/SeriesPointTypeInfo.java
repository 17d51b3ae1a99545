package io.anju.jobs.history;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink's type information for {@link SeriesPoint}: its own {@link SeriesPointSerializer}, because a record with
 * maps of {@code Object} values would otherwise be a generic type (Kryo, which the jobs turn off). Found through the
 * {@code @TypeInfo} annotation on the record.
 */
public final class SeriesPointTypeInfo extends TypeInformation<SeriesPoint> {
    private static final long serialVersionUID = 1L;

    /** The factory the {@code @TypeInfo} annotation names. */
    public static final class Factory extends TypeInfoFactory<SeriesPoint> {
        @Override
        public TypeInformation<SeriesPoint> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new SeriesPointTypeInfo();
        }
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<SeriesPoint> getTypeClass() {
        return SeriesPoint.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<SeriesPoint> createSerializer(SerializerConfig config) {
        return SeriesPointSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "SeriesPoint";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesPointTypeInfo;
    }

    @Override
    public int hashCode() {
        return SeriesPointTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SeriesPointTypeInfo;
    }
}
