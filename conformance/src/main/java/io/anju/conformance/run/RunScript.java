package io.anju.conformance.run;

import io.anju.common.model.Channel;
import io.anju.conformance.command.CommandSender;
import io.anju.conformance.command.PlannedCommand;
import io.anju.conformance.sandbox.DeviceUnderTest;
import io.anju.conformance.sandbox.Sandbox;
import io.anju.conformance.watch.KitActions;
import io.anju.conformance.watch.ObservationLog;
import io.anju.conformance.watch.SentCommand;
import io.anju.conformance.watch.TimeScale;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the kit does to the devices while it watches: wait for them to connect; watch; at a third of the watch drop
 * each device's connection without DISCONNECT (its Will is due) and refuse its reconnects for a while (its back-off
 * shows); then send it every command its type supports and one it does not; watch to the end, and a little longer
 * while replies are outstanding.
 */
public final class RunScript {
    private final Sandbox sandbox;
    private final ObservationLog log;
    private final CommandSender sender;
    private final ScriptSettings settings;
    private final PrintWriter out;
    private final TimeScale scale;
    private long startedWall;
    private long nextProgress;

    public RunScript(Sandbox sandbox, ObservationLog log, CommandSender sender, ScriptSettings settings, PrintWriter out) {
        this.sandbox = sandbox;
        this.log = log;
        this.sender = sender;
        this.settings = settings;
        this.out = out;
        this.scale = log.scale();
    }

    /** Runs the script; returns the end of the watch on the kit's {@link TimeScale}. */
    public long run() throws InterruptedException {
        awaitConnections();
        startedWall = System.currentTimeMillis();
        long watchMs = settings.watch().toMillis();
        for (String id : log.deviceIds()) {
            log.watchStarted(id, scale.now());
        }
        nextProgress = startedWall + settings.progressEvery().toMillis();
        sleepUntil(startedWall + watchMs / 3);
        dropAndRefuse();
        sleepUntil(System.currentTimeMillis() + settings.refuseFor().toMillis());
        say("letting the devices in again; sending commands");
        sendCommands();
        long end = startedWall + watchMs;
        sleepUntil(end);
        long graceEnd = end + settings.replyGrace().toMillis();
        while (System.currentTimeMillis() < graceEnd && !log.deviceIds().stream().allMatch(log::commandsSettled)) {
            progressIfDue();
            Thread.sleep(200);
        }
        return scale.now();
    }

    private void awaitConnections() throws InterruptedException {
        long deadline = System.currentTimeMillis() + settings.connectWait().toMillis();
        long nextSay = 0;
        while (!log.deviceIds().stream().allMatch(log::connected) && System.currentTimeMillis() < deadline) {
            if (System.currentTimeMillis() >= nextSay) {
                say("waiting for " + log.deviceIds().stream().filter(id -> !log.connected(id))
                        .collect(Collectors.joining(", ")) + " to connect ("
                        + (deadline - System.currentTimeMillis()) / 1000 + " s left)");
                nextSay = System.currentTimeMillis() + settings.progressEvery().toMillis();
            }
            Thread.sleep(100);
        }
        say("watching " + log.deviceIds().stream().filter(log::connected).collect(Collectors.joining(", "))
                + " for " + settings.watch().toSeconds() + " s");
    }

    private void dropAndRefuse() {
        for (String id : log.deviceIds()) {
            long at = scale.now();
            if (sandbox.dropAndRefuse(id, settings.refuseFor())) {
                log.kit(id, new KitActions(at, at + scale.deviceSpan(settings.refuseFor().toMillis())));
                say(id + ": connection dropped without DISCONNECT (the Will is due); reconnects refused for "
                        + settings.refuseFor().toSeconds() + " s");
            } else {
                say(id + ": not connected, so not dropped");
            }
        }
    }

    private void sendCommands() throws InterruptedException {
        for (DeviceUnderTest d : sandbox.devices()) {
            for (PlannedCommand c : PlannedCommand.forType(d.type())) {
                String id = sender.send(d.id(), c);
                log.sent(d.id(), new SentCommand(id, c.action(), c.supported(), scale.now()));
            }
        }
    }

    private void sleepUntil(long wall) throws InterruptedException {
        while (System.currentTimeMillis() < wall) {
            progressIfDue();
            Thread.sleep(Math.max(1, Math.min(200, wall - System.currentTimeMillis())));
        }
    }

    private void progressIfDue() {
        long now = System.currentTimeMillis();
        if (now < nextProgress) {
            return;
        }
        nextProgress = now + settings.progressEvery().toMillis();
        long left = Math.max(0, startedWall + settings.watch().toMillis() - now);
        for (String id : log.deviceIds()) {
            Map<Channel, Integer> counts = log.counts(id);
            say(String.format("%4d s, %4d s left | %s: %s; quarantined %d", (now - startedWall) / 1000, left / 1000, id,
                    List.of(Channel.TELEMETRY, Channel.EVENT, Channel.STATUS, Channel.SNAPSHOT, Channel.COMMAND_REPLY)
                            .stream().map(c -> c.wireName() + " " + counts.getOrDefault(c, 0))
                            .collect(Collectors.joining(", ")), log.rejectedCount(id)));
        }
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
