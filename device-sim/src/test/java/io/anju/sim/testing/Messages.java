package io.anju.sim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.json.Json;
import io.anju.sim.behaviour.DeviceBehaviour;
import io.anju.sim.payload.Outgoing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Plays a behaviour model over simulated time and keeps what it published, JSON parsed. */
public final class Messages {
    private Messages() {
    }

    /** One published message: topic, raw bytes, and the JSON tree (null for binary payloads). */
    public record Msg(String topic, byte[] bytes, JsonNode json) {
        public boolean on(String channelSuffix) {
            return topic.endsWith("/" + channelSuffix);
        }

        public long ts() {
            return json.get("ts").asLong();
        }
    }

    /** Advances {@code b} from its start to {@code untilMs} in one-minute hops, as a tick thread would. */
    public static List<Msg> play(DeviceBehaviour b, long untilMs) {
        List<Msg> all = new ArrayList<>();
        long t = b.clockMs();
        while (t < untilMs) {
            t = Math.min(untilMs, t + TinyRegistry.MINUTE);
            all.addAll(parse(b.advanceTo(t)));
        }
        return all;
    }

    public static List<Msg> parse(List<Outgoing> out) {
        List<Msg> list = new ArrayList<>(out.size());
        for (Outgoing o : out) {
            JsonNode json = null;
            if (!o.topic().contains("/snapshot/")) {
                try {
                    json = Json.tree(o.payload());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            list.add(new Msg(o.topic(), o.payload(), json));
        }
        return list;
    }
}
