package io.anju.sim.behaviour;

import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.topic.MqttTopics;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.payload.Outgoing;
import io.anju.sim.payload.Payloads;
import io.anju.sim.payload.SeqCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * What one simulated device does, as a pure function of simulated time: {@link #advanceTo} steps the model in
 * fixed increments and returns the messages due, stamped with the simulated time they were due at, so a run with
 * the same seed produces the same payloads at any speed. Not thread-safe: one thread drives it.
 */
public abstract class DeviceBehaviour {
    public static final long HEARTBEAT_MS = 90_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceBehaviour.class);

    protected final Device device;
    protected final Random rng;
    protected final List<FaultSpec> faults;
    private final SeqCounter seq;
    private final long stepMs;
    private final int rssi;
    private long clockMs;
    private long nextHeartbeatMs;
    private List<Outgoing> out = new ArrayList<>();
    /** What the firmware does to each JSON payload before sending it: nothing, unless it is flawed. */
    private UnaryOperator<Object> firmware = UnaryOperator.identity();

    protected DeviceBehaviour(Device device, Random rng, List<FaultSpec> faults, long stepMs, long startMs) {
        this.device = device;
        this.rng = rng;
        this.faults = List.copyOf(faults);
        this.seq = new SeqCounter();
        this.stepMs = stepMs;
        this.clockMs = startMs - startMs % stepMs;
        this.rssi = -55 - rng.nextInt(30);
        // Spread heartbeats so a thousand devices do not beat in step.
        this.nextHeartbeatMs = startMs + (long) (rng.nextDouble() * HEARTBEAT_MS);
    }

    public Device device() {
        return device;
    }

    public String id() {
        return device.id();
    }

    public long clockMs() {
        return clockMs;
    }

    /** Advances the model to {@code simMs} and returns what the device publishes on the way, in time order. */
    public final List<Outgoing> advanceTo(long simMs) {
        while (clockMs + stepMs <= simMs) {
            clockMs += stepMs;
            int before = out.size();
            long seqBefore = seq.peek();
            step(clockMs);
            if (clockMs >= nextHeartbeatMs) {
                json(MqttTopics.status(device.type(), id()), new Payloads.Status(clockMs, seq.next(), "online",
                        firmware(), rssi + rng.nextInt(7) - 3));
                nextHeartbeatMs += HEARTBEAT_MS;
            }
            if (offlineAt(clockMs)) {
                // The world goes on while the device is offline, but it sends nothing and counts nothing.
                out.subList(before, out.size()).clear();
                seq.rewind(seqBefore);
            }
        }
        return drain();
    }

    /**
     * Lets a flawed firmware change each JSON payload (a {@link Payloads} record) the model sends, after any rewrite
     * given before. The model itself stays correct; only what goes on the wire is wrong.
     */
    public final void rewritePayloads(UnaryOperator<Object> rewrite) {
        UnaryOperator<Object> before = firmware;
        firmware = payload -> rewrite.apply(before.apply(payload));
    }

    /** A firmware that never sends the periodic {@code status} heartbeat (it still announces itself at connect). */
    public final void stopHeartbeats() {
        nextHeartbeatMs = Long.MAX_VALUE;
    }

    /**
     * Advances the model to {@code simMs} without sending or counting anything: time that passed before the run
     * began (an anchored clock runs while the fleet connects), whose messages would reach the wire late.
     */
    public final void skipTo(long simMs) {
        long seqBefore = seq.peek();
        advanceTo(simMs);
        seq.rewind(seqBefore);
    }

    /** The status payload announcing the device online right after it connected. */
    public final Outgoing onlineStatus(long simMs) {
        return new Outgoing(MqttTopics.status(device.type(), id()),
                Json.toBytes(new Payloads.Status(simMs, seq.next(), "online", firmware(), rssi)), 1);
    }

    /**
     * The Will for the next connection: published by the gateway if that connection drops without DISCONNECT.
     * It carries the next {@code seq} without using it up; {@link #reserveSeq} takes it once the connection is
     * accepted, so failed attempts leave no gaps.
     */
    public final byte[] willPayload(long simMs) {
        return Json.toBytes(new Payloads.Status(simMs, seq.peek(), "offline", firmware(), rssi));
    }

    /** The next {@code seq}, not used up. */
    public final long peekSeq() {
        return seq.peek();
    }

    /** Uses up {@code value} if it is still the next {@code seq} (the Will of an accepted connection). */
    public final void reserveSeq(long value) {
        if (seq.peek() == value) {
            seq.next();
        }
    }

    /** True while an injected offline fault keeps the device silent and disconnected. */
    public final boolean offlineAt(long simMs) {
        return faults.stream().anyMatch(f -> f.fault() == FaultKind.OFFLINE && f.activeAt(simMs));
    }

    /** Handles a command from the gateway; returns the reply (and any messages the action causes). */
    public final List<Outgoing> handleCommand(byte[] json, long simMs) {
        Payloads.Command cmd;
        try {
            cmd = Json.mapper().readValue(json, Payloads.Command.class);
        } catch (IOException e) {
            LOG.warn("{}: ignoring a command that is not valid JSON: {}", id(), e.getMessage());
            return List.of();
        }
        if (cmd.id() == null || cmd.action() == null) {
            LOG.warn("{}: ignoring a command without id or action", id());
            return List.of();
        }
        CommandResult result = "reboot".equals(cmd.action())
                ? CommandResult.ok("rebooting") : onCommand(cmd, simMs);
        json(MqttTopics.commandReply(device.type(), id()),
                new Payloads.CommandReply(cmd.id(), simMs, seq.next(), result.result(), result.detail()));
        if ("reboot".equals(cmd.action())) {
            out.add(onlineStatus(simMs));
        }
        return drain();
    }

    /** The outcome of one command: {@code ok}, {@code rejected} or {@code failed} with a detail. */
    public record CommandResult(String result, String detail) {
        public static CommandResult ok(String detail) {
            return new CommandResult("ok", detail);
        }

        public static CommandResult rejected(String detail) {
            return new CommandResult("rejected", detail);
        }
    }

    /** One simulation step ending at {@code t}. */
    protected abstract void step(long t);

    /** Type-specific commands; anything else is rejected. */
    protected CommandResult onCommand(Payloads.Command cmd, long simMs) {
        return CommandResult.rejected("unsupported action '" + cmd.action() + "' for a " + device.type().wireName());
    }

    protected abstract String firmware();

    protected final long nextSeq() {
        return seq.next();
    }

    protected final void json(String topic, Object payload) {
        json(topic, payload, 1);
    }

    protected final void json(String topic, Object payload, int qos) {
        out.add(new Outgoing(topic, Json.toBytes(firmware.apply(payload)), qos));
    }

    protected final void binary(String topic, byte[] payload) {
        out.add(new Outgoing(topic, payload, 1));
    }

    protected final List<FaultSpec> active(FaultKind kind, long t) {
        List<FaultSpec> list = new ArrayList<>(1);
        for (FaultSpec f : faults) {
            if (f.fault() == kind && f.activeAt(t)) {
                list.add(f);
            }
        }
        return list;
    }

    private List<Outgoing> drain() {
        List<Outgoing> result = out;
        out = new ArrayList<>();
        return result;
    }
}
