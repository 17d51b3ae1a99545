package io.anju.dashboards.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.json.Json;
import io.anju.common.model.Device;
import io.anju.common.twin.DeviceTwin;

import java.util.ArrayList;
import java.util.List;

/** Twins shaped as the case service's twin keeper writes them to {@code anju.twin}. */
final class LiveTwins {

    private LiveTwins() {
    }

    /** A station last heard at {@code at} (its telemetry then): port 1 in {@code state} at {@code powerW}, the others idle. */
    static DeviceTwin charger(Device station, long at, String state, double powerW) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", at - 50).put("seq", 7).put("leakageMa", 3.1).put("smoke", false);
        ArrayNode portsJson = p.putArray("ports");
        List<DeviceTwin.Port> ports = new ArrayList<>();
        for (int no = 1; no <= station.charger().ports(); no++) {
            String s = no == 1 ? state : "idle";
            double w = no == 1 ? powerW : 0;
            portsJson.addObject().put("no", no).put("state", s).put("powerW", w).put("tempC", 25.0);
            ports.add(new DeviceTwin.Port(no, s, 228.0, w / 228.0, w, 1200.0, 25.0, at - 50, at));
        }
        return new DeviceTwin(station.id(), station.type(), at + 5, at,
                new DeviceTwin.Connection("connected", at - 3_600_000, "gw-1", "5", null),
                new DeviceTwin.Status("online", "2.1.0", -61, at - 30_050, at - 30_000),
                new DeviceTwin.Reported(p, at - 50, at), ports, null, null);
    }

    /** A crowd counter last heard at {@code at} counting {@code count}. */
    static DeviceTwin crowd(Device counter, long at, int count) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("ts", at).put("seq", 3).put("count", count).put("inCount", 6).put("outCount", 2).put("intervalS", 10);
        return new DeviceTwin(counter.id(), counter.type(), at + 5, at, null, null,
                new DeviceTwin.Reported(p, at, at), List.of(), null, null);
    }
}
