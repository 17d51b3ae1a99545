package io.anju.gateway.session;

import io.anju.gateway.downlink.DeliveryOutcome;
import io.anju.gateway.mqtt.reply.MqttReplies;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The commands sent to one device and not yet acknowledged, confined to the channel's event loop. At most the
 * device's Receive Maximum are in flight; more wait, in order, for a PUBACK (each command's delivery timeout runs from
 * when it was handed over, waiting included). A packet id stays in flight until the device acknowledges it or the
 * connection ends, also after its command was reported timed out: the device may still be holding it. A command larger
 * than the device's Maximum Packet Size is not sent at all.
 */
final class CommandWindow {
    private final Channel channel;
    private final ClientLimits client;
    private final String topic;
    private final boolean mqtt5;
    private final Map<Integer, Command> inFlight = new HashMap<>(4);
    private final Deque<Command> waiting = new ArrayDeque<>(2);
    private int lastPacketId;

    CommandWindow(Channel channel, ClientLimits client, String topic, boolean mqtt5) {
        this.channel = channel;
        this.client = client;
        this.topic = topic;
        this.mqtt5 = mqtt5;
    }

    /** Sends {@code json} now, or once the device has room for it; {@code result} gets the outcome. */
    void send(byte[] json, Duration timeout, CompletableFuture<DeliveryOutcome> result) {
        if (MqttReplies.commandBytes(topic, json.length, mqtt5) > client.maximumPacketSize()) {
            result.complete(DeliveryOutcome.TOO_LARGE);
            return;
        }
        Command c = new Command(json, result);
        c.timer = channel.eventLoop().schedule(() -> {
            waiting.remove(c);
            c.result.complete(DeliveryOutcome.TIMEOUT); // an id already sent stays in flight until its PUBACK
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (waiting.isEmpty() && inFlight.size() < client.receiveMaximum()) {
            transmit(c);
        } else {
            waiting.addLast(c);
        }
    }

    /** The device's PUBACK for {@code packetId}; false if no command was in flight under it. */
    boolean acknowledged(int packetId) {
        Command c = inFlight.remove(packetId);
        if (c == null) {
            return false;
        }
        c.timer.cancel(false);
        c.result.complete(DeliveryOutcome.DELIVERED);
        while (!waiting.isEmpty() && inFlight.size() < client.receiveMaximum()) {
            transmit(waiting.pollFirst());
        }
        return true;
    }

    /** The connection ended: every command not yet acknowledged is OFFLINE. */
    void closed() {
        for (Command c : inFlight.values()) {
            c.end(DeliveryOutcome.OFFLINE);
        }
        for (Command c : waiting) {
            c.end(DeliveryOutcome.OFFLINE);
        }
        inFlight.clear();
        waiting.clear();
    }

    /** Commands sent and not acknowledged (for tests). */
    int inFlight() {
        return inFlight.size();
    }

    private void transmit(Command c) {
        int id = nextPacketId(); // inFlight holds fewer than Receive Maximum (at most 65,535) ids: one is free
        byte[] json = c.json;
        c.json = null; // sent: the device holds it now
        inFlight.put(id, c);
        channel.writeAndFlush(MqttReplies.command(topic, id, json)).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess() && inFlight.remove(id) != null) {
                c.end(DeliveryOutcome.OFFLINE);
            }
        });
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId % 65_535 + 1;
        } while (inFlight.containsKey(lastPacketId));
        return lastPacketId;
    }

    private static final class Command {
        byte[] json;
        final CompletableFuture<DeliveryOutcome> result;
        ScheduledFuture<?> timer;

        Command(byte[] json, CompletableFuture<DeliveryOutcome> result) {
            this.json = json;
            this.result = result;
        }

        void end(DeliveryOutcome outcome) {
            timer.cancel(false);
            result.complete(outcome);
        }
    }
}
