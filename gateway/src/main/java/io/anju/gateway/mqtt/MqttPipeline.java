package io.anju.gateway.mqtt;

import io.anju.gateway.mqtt.connection.MqttLimits;
import io.anju.gateway.mqtt.connection.MqttServices;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/** The handlers of one device connection after the accept guard and TLS: size guard, decoder, encoder, protocol handler. */
public final class MqttPipeline {
    public static final String SIZE_GUARD = "mqttSizeGuard";
    public static final String DECODER = "mqttDecoder";
    public static final String ENCODER = "mqttEncoder";
    public static final String HANDLER = "mqttConnection";

    private MqttPipeline() {
    }

    /** Fresh handlers for one connection, in pipeline order. */
    public static ChannelHandler[] handlers(MqttServices services) {
        MqttLimits limits = services.limits();
        PacketSizeGuard sizeGuard = new PacketSizeGuard(limits);
        return new ChannelHandler[]{
                sizeGuard,
                new MqttDecoder(limits.maxPacketBytes(), limits.maxClientIdLength()),
                MqttEncoder.INSTANCE,
                new MqttConnectionHandler(services, sizeGuard)};
    }

    public static String[] names() {
        return new String[]{SIZE_GUARD, DECODER, ENCODER, HANDLER};
    }
}
