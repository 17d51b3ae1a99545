package io.anju.gateway.session;

import io.anju.common.model.Device;
import io.anju.common.topic.MqttTopics;
import io.anju.gateway.downlink.DeliveryOutcome;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated device connection. Downlink state (command packet ids waiting for PUBACK) is confined to the
 * channel's event loop.
 */
public final class DeviceSession {
    private final Channel channel;
    private final Device device;
    private final boolean mqtt5;
    /** Commands waiting for their PUBACK; created by the first command (most connections idle without one). */
    private Map<Integer, Pending> pendingCommands;
    private int lastPacketId;
    /** Set once the device subscribed to its command topic: from then on a command sent reaches its software. */
    private volatile boolean commandsSubscribed;

    public DeviceSession(Channel channel, Device device, boolean mqtt5) {
        this.channel = channel;
        this.device = device;
        this.mqtt5 = mqtt5;
    }

    public Channel channel() {
        return channel;
    }

    public Device device() {
        return device;
    }

    public String deviceId() {
        return device.id();
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

    /** Publishes a command QoS 1; completes DELIVERED on PUBACK, TIMEOUT after {@code timeout}, OFFLINE if the connection ends. */
    CompletionStage<DeliveryOutcome> sendCommand(byte[] json, Duration timeout) {
        CompletableFuture<DeliveryOutcome> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            if (!channel.isActive()) {
                result.complete(DeliveryOutcome.OFFLINE);
                return;
            }
            int id = nextPacketId();
            if (id < 0) {
                result.complete(DeliveryOutcome.TIMEOUT);
                return;
            }
            if (pendingCommands == null) {
                pendingCommands = new HashMap<>(4);
            }
            ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
                if (pendingCommands.remove(id) != null) {
                    result.complete(DeliveryOutcome.TIMEOUT);
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            pendingCommands.put(id, new Pending(result, timer));
            String topic = MqttTopics.command(device.type(), device.id());
            channel.writeAndFlush(MqttReplies.command(topic, id, json)).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    complete(id, DeliveryOutcome.OFFLINE);
                }
            });
        });
        return result;
    }

    /** The device acknowledged a command (a PUBACK from the device); false if the id was not a pending command. */
    public boolean onPubAck(int packetId) {
        return complete(packetId, DeliveryOutcome.DELIVERED);
    }

    /** Completes every pending command OFFLINE; called when the connection ends. */
    public void connectionClosed() {
        if (pendingCommands == null) {
            return;
        }
        for (Pending p : pendingCommands.values()) {
            p.timer.cancel(false);
            p.result.complete(DeliveryOutcome.OFFLINE);
        }
        pendingCommands.clear();
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

    private boolean complete(int packetId, DeliveryOutcome outcome) {
        Pending p = pendingCommands == null ? null : pendingCommands.remove(packetId);
        if (p == null) {
            return false;
        }
        p.timer.cancel(false);
        p.result.complete(outcome);
        return true;
    }

    private int nextPacketId() {
        for (int i = 0; i < 65_535; i++) {
            lastPacketId = lastPacketId % 65_535 + 1;
            if (pendingCommands == null || !pendingCommands.containsKey(lastPacketId)) {
                return lastPacketId;
            }
        }
        return -1;
    }

    private record Pending(CompletableFuture<DeliveryOutcome> result, ScheduledFuture<?> timer) {
    }
}
