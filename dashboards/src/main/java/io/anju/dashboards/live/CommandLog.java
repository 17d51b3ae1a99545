package io.anju.dashboards.live;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Commands by id: who sent them from here, and what the gateway and the device said about them. Filled from both
 * ends in whatever order they come; keeps the newest {@code capacity} commands.
 */
final class CommandLog {
    private final Map<String, CommandView> commands;

    CommandLog(int capacity) {
        this.commands = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CommandView> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized CommandView issued(String commandId, String deviceId, int port, String issuedBy, long at) {
        CommandView old = commands.get(commandId);
        CommandView next = new CommandView(commandId, deviceId, port, issuedBy, Instant.ofEpochMilli(at).toString(),
                old == null ? null : old.delivery(), old == null ? null : old.reply());
        commands.put(commandId, next);
        return next;
    }

    synchronized void forget(String commandId) {
        commands.remove(commandId);
    }

    /**
     * Records a gateway's delivery outcome. With several gateway nodes each reports; {@code delivered} is the one that
     * counts, so it is never overwritten by another node's {@code offline}. Returns the command when it changed.
     */
    synchronized Optional<CommandView> delivery(String commandId, String deviceId, String outcome, long at) {
        CommandView old = commands.get(commandId);
        if (old != null && old.delivery() != null && "delivered".equals(old.delivery().outcome())) {
            return Optional.empty();
        }
        CommandView.Delivery d = new CommandView.Delivery(outcome, Instant.ofEpochMilli(at).toString());
        CommandView next = old == null ? new CommandView(commandId, deviceId, null, null, null, d, null)
                : new CommandView(commandId, old.deviceId(), old.port(), old.issuedBy(), old.issuedAt(), d, old.reply());
        commands.put(commandId, next);
        return Optional.of(next);
    }

    /** Records the device's reply (the first one: a device answers repeats with its first result). */
    synchronized Optional<CommandView> reply(String commandId, String deviceId, String status, String message, long at) {
        CommandView old = commands.get(commandId);
        if (old != null && old.reply() != null) {
            return Optional.empty();
        }
        CommandView.Reply r = new CommandView.Reply(status, message, Instant.ofEpochMilli(at).toString());
        CommandView next = old == null ? new CommandView(commandId, deviceId, null, null, null, null, r)
                : new CommandView(commandId, old.deviceId(), old.port(), old.issuedBy(), old.issuedAt(),
                old.delivery(), r);
        commands.put(commandId, next);
        return Optional.of(next);
    }

    synchronized Optional<CommandView> get(String commandId) {
        return Optional.ofNullable(commands.get(commandId));
    }
}
