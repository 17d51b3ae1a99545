package io.anju.jobs.input;

import io.anju.jobs.types.SerializerTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink's type information for {@link DeviceInput}: its own {@link DeviceInputSerializer} instead of Kryo, which Flink
 * would fall back to for a sealed interface. Found through the {@code @TypeInfo} annotation on the interface.
 */
public final class DeviceInputTypeInfo extends SerializerTypeInfo<DeviceInput> {
    private static final long serialVersionUID = 1L;

    public DeviceInputTypeInfo() {
        super(DeviceInput.class, DeviceInputSerializer.INSTANCE);
    }

    /** The factory the {@code @TypeInfo} annotation names. */
    public static final class Factory extends TypeInfoFactory<DeviceInput> {
        @Override
        public TypeInformation<DeviceInput> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new DeviceInputTypeInfo();
        }
    }
}
