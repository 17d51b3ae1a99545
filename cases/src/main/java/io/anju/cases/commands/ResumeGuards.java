package io.anju.cases.commands;

import io.anju.cases.model.CaseRecord;
import io.anju.common.alert.AlertStatus;
import io.anju.common.charger.ChargerThresholds;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a port should not be switched back on yet, checked before every {@code resume_port}:
 * <ul>
 *   <li>an alert that caused a stop of the port is still open ({@link StopAlerts}: the alerts the port's stops since
 *       its last resume name, whichever case or job sent them); when no stop of the port is on record, the case's own
 *       alert, as the case service knows it from its alert intake;</li>
 *   <li>the port's newest temperature is at or above its limit ({@link ChargerThresholds#PORT_OVER_TEMP_C}, the line
 *       the fire-risk detector uses), or there is no recent reading to go by (fail safe).</li>
 * </ul>
 * All guards are evaluated, so an override names every one it overrode.
 */
final class ResumeGuards {
    private final StopAlerts stops;
    private final PortTemperatures temperatures;
    private final double limitC;

    ResumeGuards(StopAlerts stops, PortTemperatures temperatures) {
        this(stops, temperatures, ChargerThresholds.PORT_OVER_TEMP_C);
    }

    ResumeGuards(StopAlerts stops, PortTemperatures temperatures, double limitC) {
        this.stops = stops;
        this.temperatures = temperatures;
        this.limitC = limitC;
    }

    Future<List<Guard>> check(CaseRecord c, String deviceId, int port) {
        List<Guard> guards = new ArrayList<>();
        return stops.of(deviceId, port).compose(stopAlerts -> {
            List<StopAlerts.StopAlert> causes = stopAlerts.orElseGet(() -> c.alertId() == null ? List.of()
                    : List.of(new StopAlerts.StopAlert(c.alertId(),
                    c.alertType() == null ? null : c.alertType().wireName(), c.alertStatus() != AlertStatus.CLEARED)));
            for (StopAlerts.StopAlert a : causes) {
                if (a.open()) {
                    String type = a.type() == null ? "alert" : a.type();
                    guards.add(new Guard(Guard.ALERT_OPEN, "the " + type + " alert " + a.alertId()
                            + " that caused the stop is still open",
                            Map.of("alertId", a.alertId(), "alertType", type)));
                }
            }
            return temperatures.of(deviceId, port);
        }).map(t -> {
            String what = "port " + port + " of " + deviceId;
            if (!t.isKnown()) {
                guards.add(new Guard(Guard.TEMPERATURE_UNKNOWN, "the temperature of " + what + " is unknown: "
                        + t.unknownBecause(), Map.of("reason", t.unknownBecause(), "limitC", limitC)));
            } else if (t.celsius() >= limitC) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("tempC", t.celsius());
                facts.put("limitC", limitC);
                facts.put("readingAt", t.at().toString());
                guards.add(new Guard(Guard.TEMPERATURE_HIGH, what + " is at " + celsius(t.celsius()) + " °C (reading of "
                        + t.at() + "), at or above its " + celsius(limitC) + " °C limit", facts));
            }
            return guards;
        });
    }

    private static String celsius(double c) {
        return BigDecimal.valueOf(c).stripTrailingZeros().toPlainString();
    }
}
