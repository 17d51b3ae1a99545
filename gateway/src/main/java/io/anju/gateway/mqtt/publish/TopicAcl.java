package io.anju.gateway.mqtt.publish;

import io.anju.common.model.Channel;
import io.anju.common.model.Device;
import io.anju.common.topic.MqttTopics;

import java.util.regex.Pattern;

/**
 * The topic ACL of device protocol v1: a device publishes only on the uplink channels under its own
 * {@code anju/v1/{type}/{deviceId}/} and subscribes only to its own {@code .../command}.
 */
public final class TopicAcl {
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String SNAPSHOT_PREFIX = Channel.SNAPSHOT.wireName() + "/";

    private TopicAcl() {
    }

    /** What to do with a PUBLISH topic. */
    public sealed interface Decision {
    }

    /** Allowed on {@code channel}; {@code snapshotId} is set for snapshots only. */
    public record Allowed(Channel channel, String snapshotId) implements Decision {
    }

    /** Not one of the device's own uplink topics. */
    public record Denied(String why) implements Decision {
    }

    /** Not a valid PUBLISH topic name at all (empty, or wildcards): a protocol error. */
    public record ProtocolError(String why) implements Decision {
    }

    public static Decision publish(String topic, Device device) {
        if (topic == null || topic.isEmpty()) {
            return new ProtocolError("empty topic name");
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return new ProtocolError("wildcard in PUBLISH topic " + topic);
        }
        String prefix = MqttTopics.devicePrefix(device.type(), device.id());
        if (!topic.startsWith(prefix)) {
            return new Denied("not under " + prefix + ": " + topic);
        }
        String rest = topic.substring(prefix.length());
        if (rest.startsWith(SNAPSHOT_PREFIX)) {
            String id = rest.substring(SNAPSHOT_PREFIX.length());
            return SNAPSHOT_ID.matcher(id).matches()
                    ? new Allowed(Channel.SNAPSHOT, id)
                    : new Denied("snapshot id must be 1-64 of [A-Za-z0-9_-]: " + topic);
        }
        return Channel.fromWire(rest)
                .filter(c -> c.isUplink() && c != Channel.SNAPSHOT)
                .<Decision>map(c -> new Allowed(c, null))
                .orElseGet(() -> new Denied("not an uplink channel: " + topic));
    }

    /** True only for the device's own command topic (no wildcards). */
    public static boolean subscribe(String topicFilter, Device device) {
        return MqttTopics.command(device.type(), device.id()).equals(topicFilter);
    }

    /** True when a Will may be set on this topic: only the device's own status topic. */
    public static boolean will(String topic, Device device) {
        return MqttTopics.status(device.type(), device.id()).equals(topic);
    }
}
