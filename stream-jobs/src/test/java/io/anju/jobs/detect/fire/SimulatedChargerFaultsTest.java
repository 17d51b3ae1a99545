package io.anju.jobs.detect.fire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.command.DeviceCommand;
import io.anju.common.json.Json;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerEvent;
import io.anju.jobs.input.ChargerLimits;
import io.anju.jobs.input.ChargerTelemetry;
import io.anju.jobs.input.PortReading;
import io.anju.sim.behaviour.ChargerBehaviour;
import io.anju.sim.clock.Scenario;
import io.anju.sim.fault.FaultKind;
import io.anju.sim.fault.FaultSpec;
import io.anju.sim.payload.Outgoing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers from the device simulator itself: its charger model, seeded, with and without injected faults, fed
 * through the per-device detectors as the job would, and their automatic {@code stop_port} (a red fire risk's) sent
 * back to the charger.
 */
class SimulatedChargerFaultsTest extends FireFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 2026-11-28 18:00 in Xi'an, the evening peak. */
    private static final long EVENING = 1_764_324_000_000L;
    private static final long MINUTE = 60_000;

    /** What the detectors made of a simulated evening: the fire alerts and the stop_port commands they sent. */
    private record Run(List<Alert> alerts, List<DeviceCommand> stops) {
    }

    private static Run run(long seed, long untilMs, FaultSpec... faults) throws Exception {
        Device device = new Device(STATION, DeviceType.CHARGER, LOCATION, "hash", true,
                new ChargerSpec(12, 1000, 7800, 8700), null, null);
        ChargerBehaviour charger = new ChargerBehaviour(device, new Random(seed), List.of(faults), Scenario.EVENING,
                EVENING);
        List<Alert> alerts = new ArrayList<>();
        List<DeviceCommand> stops = new ArrayList<>();
        try (DeviceHarness h = stations()) {
            for (long t = EVENING; t < untilMs; t += ChargerBehaviour.STEP_MS) {
                for (Outgoing o : charger.advanceTo(t)) {
                    JsonNode j = JSON.readTree(new String(o.payload(), StandardCharsets.UTF_8));
                    if (o.topic().endsWith("/telemetry")) {
                        alerts.addAll(feed(h, telemetry(j)));
                    } else if (o.topic().endsWith("/event")) {
                        alerts.addAll(feed(h, event(j)));
                    }
                }
                alerts.addAll(h.watermark(t - 5_000));
                // The detectors' own automatic stop_port, delivered to the simulated charger as the job would, and
                // reported delivered as the gateway would (at the simulated time: the readings' receive clock).
                for (DeviceCommand c : h.newCommands()) {
                    charger.handleCommand(Json.toBytes(c), t);
                    alerts.addAll(h.delivered(STATION, c.id(), t));
                    stops.add(c);
                }
            }
        }
        return new Run(alerts, stops);
    }

    private static ChargerTelemetry telemetry(JsonNode j) {
        List<PortReading> ports = new ArrayList<>();
        for (JsonNode p : j.get("ports")) {
            ports.add(new PortReading(p.get("no").asInt(), p.get("state").asText(), p.get("voltageV").asDouble(),
                    p.get("currentA").asDouble(), p.get("powerW").asDouble(), p.get("energyWh").asDouble(),
                    p.get("tempC").asDouble()));
        }
        return new ChargerTelemetry(STATION, j.get("ts").asLong(), LOCATION, j.get("mainsV").asDouble(),
                j.get("ambientC").asDouble(), j.get("smoke").asBoolean(), j.get("leakageMa").asDouble(), ports,
                ChargerLimits.DEFAULTS);
    }

    private static ChargerEvent event(JsonNode j) {
        return new ChargerEvent(STATION, j.get("ts").asLong(), LOCATION, j.get("kind").asText(),
                j.hasNonNull("port") ? j.get("port").asInt() : null,
                j.hasNonNull("value") ? j.get("value").asDouble() : null, null);
    }

    private static FaultSpec fault(FaultKind kind, Integer port, long startMin, long minutes, double magnitude) {
        return new FaultSpec(kind, STATION, port, EVENING + startMin * MINUTE,
                EVENING + (startMin + minutes) * MINUTE, magnitude);
    }

    @ParameterizedTest
    @CsvSource({"1, 25, 3.0", "2, 40, 5.0", "3, 32, 4.1", "4, 25, 5.0"})
    void thermalRunawayIsExactlyOneFireRiskThatReachesRed(long seed, long minutes, double ratePerMin)
            throws Exception {
        Run run = run(seed, EVENING + (30 + minutes + 60) * MINUTE,
                fault(FaultKind.THERMAL_RUNAWAY, 3, 30, minutes, ratePerMin));
        List<Alert> alerts = run.alerts();
        assertThat(alerts).isNotEmpty().allMatch(a -> a.type() == AlertType.FIRE_RISK);
        assertThat(raises(alerts)).isOne();
        assertThat(alerts).anyMatch(a -> a.severity() == Severity.RED);
        assertThat(alerts.get(0).port()).isEqualTo(3);
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(run.stops()).as("the red fire risk stopped its port once").singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(3);
            assertThat(c.reason()).isEqualTo("alert " + alerts.get(0).id());
        });
    }

    @ParameterizedTest
    @CsvSource({"1, 5, 35", "2, 15, 64", "3, 9, 36"})
    void leakageIsExactlyOneOrangeLeakageFault(long seed, long minutes, double milliAmps) throws Exception {
        Run run = run(seed, EVENING + (30 + minutes + 30) * MINUTE,
                fault(FaultKind.LEAKAGE, null, 30, minutes, milliAmps));
        List<Alert> alerts = run.alerts();
        assertThat(alerts).isNotEmpty().allMatch(a -> a.type() == AlertType.LEAKAGE_FAULT);
        assertThat(raises(alerts)).isOne();
        assertThat(alerts.get(0).severity()).isEqualTo(Severity.ORANGE);
        assertThat(alerts.get(alerts.size() - 1).status()).isEqualTo(AlertStatus.CLEARED);
        assertThat(run.stops()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void normalEveningChargingAndPowerFaultsRaiseNoFireAlert(long seed) throws Exception {
        Run run = run(seed, EVENING + 5 * 60 * MINUTE,
                fault(FaultKind.PORT_OVERLOAD, 2, 20, 10, 1150),
                fault(FaultKind.ILLEGAL_LOAD, 5, 60, 40, 990),
                fault(FaultKind.STATION_OVERLOAD, null, 150, 15, 1.15));
        assertThat(run.alerts()).isEmpty();
        assertThat(run.stops()).as("by default a red port overload does not stop its port").isEmpty();
    }
}
