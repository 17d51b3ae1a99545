package io.anju.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/** Serialises {@link DeviceType} and {@link Channel} by their wire names. */
final class WireNamesModule extends SimpleModule {
    WireNamesModule() {
        super("anju-wire-names");
        wire(DeviceType.class, DeviceType::wireName, DeviceType::fromWire);
        wire(Channel.class, Channel::wireName, Channel::fromWire);
    }

    private <E extends Enum<E>> void wire(Class<E> type, Function<E, String> name, Function<String, Optional<E>> parse) {
        addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(name.apply(value));
            }
        });
        addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                return parse.apply(text).orElseThrow(() ->
                        ctxt.weirdStringException(text, type, "unknown " + type.getSimpleName()));
            }
        });
    }
}
