package io.anju.gateway.session;

import io.anju.common.model.Device;
import io.anju.common.topic.MqttTopics;
import io.anju.gateway.downlink.DeliveryOutcome;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One authenticated device connection. Downlink state (commands waiting for PUBACK, {@link CommandWindow}) is confined
 * to the channel's event loop.
 */
public final class DeviceSession {
    private final Channel channel;
    /** The device's record; a registry revision that moves it replaces it, so the next envelope carries its new place. */
    private volatile Device device;
    private final boolean mqtt5;
    private final ClientLimits client;
    /** Created by the first command: most connections idle without one. */
    private CommandWindow commands;
    /** Set once the device subscribed to its command topic: from then on a command sent reaches its software. */
    private volatile boolean commandsSubscribed;
    /** Set when the registry withdrew the device: its connection ends without its Will. */
    private volatile boolean revoked;

    public DeviceSession(Channel channel, Device device, boolean mqtt5, ClientLimits client) {
        this.channel = channel;
        this.device = device;
        this.mqtt5 = mqtt5;
        this.client = client;
    }

    public Channel channel() {
        return channel;
    }

    /** Takes the device's record of a newer registry revision (same id and type). */
    public void refresh(Device current) {
        if (!current.id().equals(device.id()) || current.type() != device.type()) {
            throw new IllegalArgumentException("a session of " + device.id() + " cannot become " + current.id());
        }
        device = current;
    }

    public Device device() {
        return device;
    }

    public String deviceId() {
        return device.id();
    }

    /** What the device announced it can take (its Maximum Packet Size bounds every packet sent to it). */
    public ClientLimits clientLimits() {
        return client;
    }

    public boolean isMqtt5() {
        return mqtt5;
    }

    public boolean commandsSubscribed() {
        return commandsSubscribed;
    }

    void markCommandsSubscribed() {
        commandsSubscribed = true;
    }

    /**
     * Publishes a command QoS 1; completes DELIVERED on PUBACK, TIMEOUT after {@code timeout}, OFFLINE if the connection
     * ends, TOO_LARGE (nothing sent) if it exceeds the device's Maximum Packet Size.
     */
    CompletionStage<DeliveryOutcome> sendCommand(byte[] json, Duration timeout) {
        CompletableFuture<DeliveryOutcome> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                result.complete(DeliveryOutcome.OFFLINE);
                return;
            }
            if (commands == null) {
                commands = new CommandWindow(channel, client, MqttTopics.command(device.type(), device.id()), mqtt5);
            }
            commands.send(json, timeout, result);
        });
        return result;
    }

    /** The device acknowledged a command (a PUBACK from the device); false if the id was not a command in flight. */
    public boolean onPubAck(int packetId) {
        return commands != null && commands.acknowledged(packetId);
    }

    /** Completes every pending command OFFLINE; called when the connection ends. */
    public void connectionClosed() {
        if (commands != null) {
            commands.closed();
        }
    }

    /**
     * Ends the session because the registry no longer lets the device in (disabled or removed): DISCONNECT with
     * Administrative action on MQTT 5, and no Will, since the device did not fail.
     */
    public void revoke() {
        revoked = true;
        disconnect(MqttReplies.ADMINISTRATIVE_ACTION);
    }

    public boolean revoked() {
        return revoked;
    }

    /**
     * Closes the connection as a failed network would: no DISCONNECT to the device, and its Will is published, as for
     * any connection that ends without the device's DISCONNECT (the conformance kit's forced drop).
     */
    public void drop() {
        channel.eventLoop().execute(channel::close);
    }

    /** Closes the connection, first sending DISCONNECT with {@code reason} on MQTT 5. */
    public void disconnect(byte reason) {
        channel.eventLoop().execute(() -> {
            if (mqtt5 && channel.isActive()) {
                channel.writeAndFlush(MqttReplies.disconnect(reason)).addListener(ChannelFutureListener.CLOSE);
            } else {
                channel.close();
            }
        });
    }
}
