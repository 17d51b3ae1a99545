package io.anju.bench.jobs.traffic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.anju.common.json.Json;

/**
 * Device payloads (docs/device-protocol.md) that trip no detector unless asked, without their {@code ts} and
 * {@code seq}, which {@link EnvelopeTemplate} puts first as devices do.
 *
 * <p>Charger: 10 ports, about 60 % charging at 150–600 W (station total ≤ 6 kW, under the 7.8 kW yellow level and
 * under the 800 W of an illegal load), flat port temperatures (no rising trend, far from 65 °C), no smoke, leakage
 * 2–4 mA. An overload reading puts one port at 1,300 W (≥ 1.2 × the 1,000 W limit: an immediate red port
 * overload); the device's next reading, a normal one, clears it.
 */
final class Payloads {
    static final int PORTS = 10;
    static final double OVERLOAD_W = 1300.0;

    private Payloads() {
    }

    /** The port an overload reading of this device overloads (1-based). */
    static int overloadPort(BenchDevice d) {
        return Math.floorMod(d.id().hashCode(), PORTS) + 1;
    }

    static ObjectNode charger(BenchDevice d, boolean overload) {
        int h = d.id().hashCode();
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("mainsV", 226.0 + Math.floorMod(h, 5));
        p.put("ambientC", 22.0);
        p.put("smoke", false);
        p.put("leakageMa", 2.0 + Math.floorMod(h, 3));
        ArrayNode ports = p.putArray("ports");
        int hot = overload ? overloadPort(d) : -1;
        for (int no = 1; no <= PORTS; no++) {
            int mix = Math.floorMod(h * 31 + no * 17, 100);
            boolean charging = no == hot || mix < 60;
            double watts = no == hot ? OVERLOAD_W : charging ? 150.0 + mix * 7.5 : 0.0;
            double volts = charging ? 48.0 + mix % 3 * 0.3 : 0.0;
            ports.addObject()
                    .put("no", no)
                    .put("state", charging ? "charging" : "idle")
                    .put("voltageV", volts)
                    .put("currentA", charging ? Math.round(watts / volts * 10) / 10.0 : 0.0)
                    .put("powerW", watts)
                    .put("energyWh", charging ? 400 + mix * 9 : 0)
                    .put("tempC", charging ? 30.0 + mix % 10 : 24.0);
        }
        return p;
    }

    /** A crowd counter's 10 s reading: a steady count with as many in as out. */
    static ObjectNode crowd(BenchDevice d) {
        return Json.mapper().createObjectNode()
                .put("count", d.people())
                .put("inCount", 3)
                .put("outCount", 3)
                .put("intervalS", 10);
    }

    /** A resident passing a gate with a card. */
    static ObjectNode gatePass(boolean in) {
        return Json.mapper().createObjectNode()
                .put("kind", "pass")
                .put("direction", in ? "in" : "out")
                .put("method", "card")
                .put("personType", "resident");
    }

    /** A heartbeat. */
    static ObjectNode status(BenchDevice d) {
        return Json.mapper().createObjectNode()
                .put("state", "online")
                .put("fw", "1.4.2")
                .put("rssi", -60 - Math.floorMod(d.id().hashCode(), 20));
    }
}
