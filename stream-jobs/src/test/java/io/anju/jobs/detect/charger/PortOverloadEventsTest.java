package io.anju.jobs.detect.charger;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.jobs.detect.DeviceHarness;
import io.anju.jobs.input.ChargerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.anju.jobs.detect.charger.ChargerScenario.DEVICE;
import static io.anju.jobs.detect.charger.ChargerScenario.LOCATION;
import static io.anju.jobs.detect.charger.ChargerScenario.NEWEST_READING;
import static io.anju.jobs.detect.charger.ChargerScenario.PORT_OVERLOAD_RUNS;
import static io.anju.jobs.detect.charger.ChargerScenario.at;
import static io.anju.jobs.detect.charger.ChargerScenario.charging;
import static io.anju.jobs.detect.charger.ChargerScenario.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

/** The charger's own overcurrent events as the early start of a port overload run. */
class PortOverloadEventsTest {
    private DeviceHarness h;

    @BeforeEach
    void start() throws Exception {
        h = ChargerScenario.detectors(AlertType.PORT_OVERLOAD);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    private List<Alert> port4(double seconds, double watts) throws Exception {
        return h.charger(telemetry(at(seconds), charging(4, watts)));
    }

    private void event(double seconds, String kind, Integer port, Double value) throws Exception {
        assertThat(h.chargerEvent(new ChargerEvent(DEVICE, at(seconds), LOCATION, kind, port, value, "E12")))
                .as("an event alone raises nothing").isEmpty();
    }

    @Test
    void anOvercurrentEventStartsTheRunBeforeTheTelemetryShowsIt() throws Exception {
        port4(0, 300);
        event(10, "overcurrent", 4, 23.1);

        assertThat(port4(30, 1_080)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.severity()).as("20 s since the event").isEqualTo(Severity.ORANGE);
            assertThat(a.evidence()).extracting(e -> e.signal() + "@" + e.ts() + "=" + e.value())
                    .containsExactly("overcurrentEventA@" + at(10) + "=23.1", "powerW@" + at(30) + "=1080.0",
                            "currentA@" + at(30) + "=22.5");
        });
        assertThat(port4(40, 1_080)).singleElement().satisfies(a -> {
            assertThat(a.severity()).as("30 s since the event").isEqualTo(Severity.RED);
            assertThat(a.recommendedAction()).isEqualTo("stop_port");
        });
    }

    @Test
    void anEventTheTelemetryDoesNotConfirmRaisesNothingAndLeavesNoRun() throws Exception {
        event(0, "overcurrent", 4, 21.0);
        assertThat(port4(30, 950)).isEmpty();
        assertThat(h.mapEntries(DEVICE, PORT_OVERLOAD_RUNS)).as("the event's run ended with the reading").isZero();
        assertThat(port4(60, 1_050)).as("a new run from this reading: 0 s").isEmpty();
        assertThat(port4(64, 1_050)).isEmpty();
        assertThat(port4(65, 1_050)).extracting(Alert::severity).containsExactly(Severity.ORANGE);
    }

    @Test
    void anEventOlderThanTheNewestTelemetryOrOfAnotherKindIsIgnored() throws Exception {
        port4(30, 300);
        event(20, "overcurrent", 4, 22.0);
        event(31, "overtemp", 4, 66.0);
        event(31, "overcurrent", null, 22.0);
        assertThat(h.mapEntries(DEVICE, PORT_OVERLOAD_RUNS)).as("no run started by those events").isZero();

        assertThat(port4(40, 1_050)).isEmpty();
        assertThat(h.map(DEVICE, PORT_OVERLOAD_RUNS)).as("the run of port 4 only, from its telemetry")
                .containsOnlyKeys(4).hasEntrySatisfying(4, run -> {
                    assertThat(run.startedByEvent()).isFalse();
                    assertThat(run.startTs()).isEqualTo(at(40));
                });
        assertThat(h.value(DEVICE, NEWEST_READING)).isEqualTo(at(40));
    }

    @Test
    void telemetryAloneCountsFromTheFirstReadingOverTheLimit() throws Exception {
        assertThat(port4(0, 1_100)).isEmpty();
        assertThat(port4(30, 1_100)).extracting(Alert::severity).containsExactly(Severity.RED);
    }
}
