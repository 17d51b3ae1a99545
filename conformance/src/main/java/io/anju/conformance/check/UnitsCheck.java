package io.anju.conformance.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.anju.common.model.Channel;
import io.anju.conformance.watch.DeviceLog;
import io.anju.conformance.watch.Message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * §3 Payloads, the units of the readings: schema-valid numbers in the wrong unit (millivolts, tenths of a degree, a
 * crowd interval in ms) pass the gateway, so the kit checks them against what the hardware can read. Chargers: the
 * Chinese mains (220 V ± 10 %, with a margin for sags and a poor supply: 150–260 V); e-bike packs of 36–72 V nominal
 * (0–100 V at the port); port current 0–30 A and power 0–3,000 W (a 13 A socket's worth, far above a 1 kW port
 * limit) with power ≈ voltage × current; temperatures −40…130 °C; leakage 0–1,000 mA. Crowd counters: the interval
 * is the 10 s cadence in seconds (5–20 s).
 */
public final class UnitsCheck extends Check {
    static final Range MAINS = new Range("mainsV", 150, 260, "V");
    static final Range AMBIENT = new Range("ambientC", -40, 130, "°C");
    static final Range LEAKAGE = new Range("leakageMa", 0, 1000, "mA");
    static final Range PORT_VOLTAGE = new Range("ports[].voltageV", 0, 100, "V");
    static final Range PORT_CURRENT = new Range("ports[].currentA", 0, 30, "A");
    static final Range PORT_POWER = new Range("ports[].powerW", 0, 3000, "W");
    static final Range PORT_TEMP = new Range("ports[].tempC", -40, 130, "°C");
    static final Range CROWD_INTERVAL = new Range("intervalS", 5, 20, "s");
    /** powerW may differ from voltageV × currentA by rounding (one decimal each) and sampling: 10 W or 10 %. */
    static final double POWER_ABS_W = 10;
    static final double POWER_REL = 0.10;

    public UnitsCheck() {
        super("units", "3. Payloads (charger / crowd telemetry)");
    }

    @Override
    public Finding run(DeviceLog log) {
        List<Message> telemetry = log.on(Channel.TELEMETRY);
        Violations v = new Violations();
        switch (log.type()) {
            case CHARGER -> telemetry.forEach(m -> charger(m.payload(), v));
            case CROWD -> telemetry.forEach(m -> v.check(CROWD_INTERVAL, m.payload().get("intervalS")));
            default -> {
                return notApplicable("a " + log.type().wireName() + " sends no readings with units");
            }
        }
        if (telemetry.isEmpty()) {
            return notApplicable("no telemetry seen");
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(telemetry.size() + " telemetry message(s) read");
        evidence.addAll(v.describe());
        if (!v.isEmpty()) {
            return finding(Verdict.FAIL, "readings outside what the unit allows (a wrong unit?)", evidence);
        }
        return finding(Verdict.PASS, "every reading plausible in its unit", evidence);
    }

    private static void charger(JsonNode p, Violations v) {
        v.check(MAINS, p.get("mainsV"));
        v.check(AMBIENT, p.get("ambientC"));
        v.check(LEAKAGE, p.get("leakageMa"));
        for (JsonNode port : p.path("ports")) {
            v.check(PORT_VOLTAGE, port.get("voltageV"));
            v.check(PORT_CURRENT, port.get("currentA"));
            v.check(PORT_POWER, port.get("powerW"));
            v.check(PORT_TEMP, port.get("tempC"));
            JsonNode volts = port.get("voltageV");
            JsonNode amps = port.get("currentA");
            JsonNode watts = port.get("powerW");
            if (volts != null && amps != null && watts != null && volts.isNumber() && amps.isNumber() && watts.isNumber()) {
                double product = volts.doubleValue() * amps.doubleValue();
                double diff = Math.abs(watts.doubleValue() - product);
                if (diff > Math.max(POWER_ABS_W, POWER_REL * Math.abs(product))) {
                    v.add("ports[].powerW ≈ voltageV × currentA", String.format(Locale.ROOT,
                            "powerW %s but voltageV × currentA = %s", Range.num(watts.doubleValue()),
                            Range.num(Math.round(product * 10) / 10.0)));
                }
            }
        }
    }

    /** The rules broken, each with its count and the first value that broke it. */
    private static final class Violations {
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final Map<String, String> examples = new LinkedHashMap<>();

        void check(Range range, JsonNode value) {
            if (value != null && value.isNumber() && !range.holds(value.doubleValue())) {
                add("expected " + range.describe(), range.field() + " " + Range.num(value.doubleValue()));
            }
        }

        void add(String rule, String example) {
            counts.merge(rule, 1, Integer::sum);
            examples.putIfAbsent(rule, example);
        }

        boolean isEmpty() {
            return counts.isEmpty();
        }

        List<String> describe() {
            List<String> out = new ArrayList<>();
            counts.forEach((rule, n) -> out.add(examples.get(rule) + " (" + rule + "; " + n + " time(s))"));
            return out;
        }
    }
}
