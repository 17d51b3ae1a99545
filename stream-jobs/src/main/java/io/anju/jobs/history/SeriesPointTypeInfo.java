package io.anju.jobs.history;

import io.anju.jobs.types.SerializerTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink's type information for {@link SeriesPoint}: its own {@link SeriesPointSerializer}, because a record with
 * maps of {@code Object} values would otherwise be a generic type (Kryo, which the jobs turn off). Found through the
 * {@code @TypeInfo} annotation on the record.
 */
public final class SeriesPointTypeInfo extends SerializerTypeInfo<SeriesPoint> {
    private static final long serialVersionUID = 1L;

    public SeriesPointTypeInfo() {
        super(SeriesPoint.class, SeriesPointSerializer.INSTANCE);
    }

    /** The factory the {@code @TypeInfo} annotation names. */
    public static final class Factory extends TypeInfoFactory<SeriesPoint> {
        @Override
        public TypeInformation<SeriesPoint> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new SeriesPointTypeInfo();
        }
    }
}
