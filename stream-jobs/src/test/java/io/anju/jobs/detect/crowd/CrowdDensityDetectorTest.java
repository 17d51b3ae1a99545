package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Alert;
import io.anju.jobs.alert.FactLines;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.alert.SourceKind;
import io.anju.jobs.input.CrowdReading;
import io.anju.jobs.input.ZoneInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.anju.jobs.detect.crowd.CrowdFixtures.GATE;
import static io.anju.jobs.detect.crowd.CrowdFixtures.STREET;
import static io.anju.jobs.detect.crowd.CrowdFixtures.chainOf;
import static io.anju.jobs.detect.crowd.CrowdFixtures.ofType;
import static io.anju.jobs.detect.crowd.CrowdFixtures.reading;
import static io.anju.jobs.detect.crowd.CrowdFixtures.step;
import static io.anju.jobs.detect.crowd.CrowdFixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CrowdDensityDetectorTest {
    private KeyedOneInputStreamOperatorTestHarness<String, CrowdReading, Alert> harness;
    /** The last count fed per zone, so readings carry flows that agree with it. */
    private final Map<String, Integer> lastCount = new HashMap<>();
    private int next;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new CrowdDensityDetector(CrowdSettings.defaults()), CrowdDensityDetector.keySelector(), Types.STRING);
    }

    /** Feeds the next {@code times} readings of {@code zone} at {@code count} people, 10 s apart. */
    private List<Alert> feed(ZoneInfo zone, int count, int times) throws Exception {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(feedAt(zone, step(next++), count));
        }
        return out;
    }

    /** Like {@link #feed} but only the CROWD_DENSITY alerts (a rising start may also bring a forecast). */
    private List<Alert> density(ZoneInfo zone, int count, int times) throws Exception {
        return ofType(feed(zone, count, times), AlertType.CROWD_DENSITY);
    }

    private List<Alert> feedAt(ZoneInfo zone, long ts, int count) throws Exception {
        int previous = lastCount.getOrDefault(zone.zoneId(), count);
        lastCount.put(zone.zoneId(), count);
        return process(reading(zone, ts, count, previous));
    }

    private List<Alert> process(CrowdReading r) throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processElement(r, r.ts());
        List<Alert> all = harness.extractOutputValues();
        return new ArrayList<>(all.subList(before, all.size()));
    }

    private List<Alert> allAlerts() {
        return harness.extractOutputValues();
    }

    private List<ZoneStatus> statuses() {
        var queue = harness.getSideOutput(CrowdDensityDetector.ZONE_STATUS);
        return queue == null ? List.of() : queue.stream().map(StreamRecord::getValue).toList();
    }

    /** Nothing but the periodic refresh of an open alert at {@code severity}: no raise, no change, no clear. */
    private static void assertUnchanged(List<Alert> alerts, Severity severity) {
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
            assertThat(a.severity()).isEqualTo(severity);
        });
    }

    @Test
    void twoReadingsAboveBlueRaiseNothingTheThirdRaises() throws Exception {
        start();
        feed(STREET, 500, 10);
        assertThat(feed(STREET, 1000, 2)).isEmpty();
        List<Alert> raised = feed(STREET, 1000, 1);

        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.CROWD_DENSITY);
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.severity()).isEqualTo(Severity.BLUE);
            assertThat(a.recommendedAction()).isEqualTo("monitor");
            assertThat(a.sourceKind()).isEqualTo(SourceKind.ZONE);
            assertThat(a.sourceId()).isEqualTo("Z004");
            assertThat(a.dedupKey()).isEqualTo("crowd_density:Z004");
            assertThat(a.location()).isEqualTo(chainOf(STREET));
            assertThat(a.firstEventTs()).isEqualTo(step(12));
            assertThat(a.summary()).contains("Z004", "blue", "1.00 p/m²", "1000 people", "50 % of capacity 2000");
            assertThat(FactLines.of(a)).startsWith("count 1000 persons / 1000", "density 1 p/m²", "sharePct 50 %",
                    "capacity 2000 persons");
            assertThat(a.evidence()).extracting(Evidence::signal)
                    .containsExactly("density", "density", "density", "occupancy");
        });
    }

    @Test
    void aDipBelowTheLevelThatRecoversInTimeDoesNotRestartTheEpisode() throws Exception {
        start();
        density(STREET, 500, 10);
        density(STREET, 1000, 3);
        density(STREET, 999, 1);
        assertThat(density(STREET, 1000, 10)).as("already open").isEmpty();
        assertThat(withStatus(ofType(allAlerts(), AlertType.CROWD_DENSITY), AlertStatus.RAISED)).hasSize(1);
    }

    @Test
    void dipsToEightyFivePercentNeverClearTheyMustStayBelowEightyForTwoMinutes() throws Exception {
        start();
        density(STREET, 500, 10);
        density(STREET, 1100, 3);
        assertUnchanged(density(STREET, 850, 60), Severity.BLUE); // 85 % of blue for 10 min
        assertUnchanged(density(STREET, 750, 6), Severity.BLUE);  // 75 % for 1 min
        assertUnchanged(density(STREET, 850, 1), Severity.BLUE);
        assertUnchanged(density(STREET, 750, 11), Severity.BLUE); // 75 % for 1 min 50 s
        List<Alert> cleared = density(STREET, 750, 1);

        assertThat(cleared).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.severity()).isEqualTo(Severity.BLUE);
            assertThat(a.id()).isEqualTo(ofType(allAlerts(), AlertType.CROWD_DENSITY).get(0).id());
            assertThat(a.summary()).contains("below blue again", "750 people");
        });
        assertThat(density(STREET, 750, 30)).as("nothing after the clear").isEmpty();
    }

    @Test
    void severityGoesUpAndDownWithinOneEpisode() throws Exception {
        start();
        density(STREET, 500, 10);
        density(STREET, 1100, 3);
        assertThat(density(STREET, 3600, 2)).isEmpty();
        List<Alert> toOrange = density(STREET, 3600, 1);
        assertThat(toOrange).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
            assertThat(a.severity()).isEqualTo(Severity.ORANGE);
            assertThat(a.recommendedAction()).isEqualTo("restrict_entry");
        });
        assertUnchanged(density(STREET, 2900, 30), Severity.ORANGE); // above 80 % of orange (2,800)
        assertUnchanged(density(STREET, 2500, 11), Severity.ORANGE);
        assertThat(density(STREET, 2500, 1)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.recommendedAction()).isEqualTo("deploy_stewards");
        });
        density(STREET, 5100, 2);
        assertThat(density(STREET, 5100, 1)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.RED);
            assertThat(a.recommendedAction()).isEqualTo("evacuate_and_close_entry");
        });
        density(STREET, 300, 11);
        assertThat(density(STREET, 300, 1)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.severity()).isEqualTo(Severity.RED);
        });

        List<Alert> density = ofType(allAlerts(), AlertType.CROWD_DENSITY);
        // The second orange is the 5-minute refresh of the persisting level.
        assertThat(density).extracting(Alert::severity).containsExactly(Severity.BLUE, Severity.ORANGE,
                Severity.ORANGE, Severity.YELLOW, Severity.RED, Severity.RED);
        assertThat(density).extracting(Alert::revision).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(density).extracting(Alert::id).containsOnly(density.get(0).id());
    }

    @Test
    void aPersistingLevelIsUpdatedOnlyAtTheRefreshInterval() throws Exception {
        start();
        density(STREET, 500, 10);
        density(STREET, 1100, 3);
        assertThat(density(STREET, 1100, 29)).as("4 min 50 s").isEmpty();
        assertThat(density(STREET, 1100, 1)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
            assertThat(a.severity()).isEqualTo(Severity.BLUE);
            assertThat(a.revision()).isEqualTo(2);
        });
    }

    @Test
    void forecastWarnsSixMinutesAheadAndClearsWhenTheLevelIsReached() throws Exception {
        start();
        // +10 people every 10 s = +60 people/min, from 930.
        List<Alert> forecasts = new ArrayList<>();
        for (int k = 0; k <= 31; k++) {
            forecasts.addAll(ofType(feed(STREET, 930 + 10 * k, 1), AlertType.CROWD_FORECAST));
        }
        // Readings 30 (5 min of history) and 31 predict yellow within 10 min: raised at the second.
        assertThat(forecasts).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RAISED);
            assertThat(a.severity()).isEqualTo(Severity.YELLOW);
            assertThat(a.firstEventTs()).isEqualTo(step(31));
            assertThat(a.recommendedAction()).isEqualTo("prepare_flow_control");
            assertThat(a.sourceId()).isEqualTo("Z004");
            assertThat(a.summary()).contains("reaches yellow in ~6 min at +60 people/min");
            assertThat(FactLines.of(a)).startsWith("level = yellow", "minutes 6 min", "trendPerMin 60 persons/min");
        });
        assertThat(statuses().get(31).minutesToNextLevel()).isCloseTo(6.0, within(1e-9));
        assertThat(statuses().get(31).nextLevel()).isEqualTo(Severity.YELLOW);

        List<Alert> later = new ArrayList<>();
        for (int k = 32; k <= 67; k++) {
            later.addAll(ofType(feed(STREET, 930 + 10 * k, 1), AlertType.CROWD_FORECAST));
        }
        // Re-sent with fresh minutes once a minute; 1,600 (yellow) at reading 67, orange is 30 min away.
        assertThat(later).extracting(Alert::status).containsExactly(AlertStatus.UPDATED, AlertStatus.UPDATED,
                AlertStatus.UPDATED, AlertStatus.UPDATED, AlertStatus.UPDATED, AlertStatus.CLEARED);
        assertThat(later).extracting(Alert::severity).containsOnly(Severity.YELLOW);
        assertThat(later.get(0).summary()).contains("reaches yellow in ~5 min");
        assertThat(later.get(5)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.lastEventTs()).isEqualTo(step(67));
            assertThat(a.summary()).contains("level reached");
        });
    }

    @Test
    void forecastClearsTwoReadingsAfterTheTrendStopsReachingTheLevel() throws Exception {
        start();
        for (int k = 0; k <= 31; k++) {
            feed(STREET, 930 + 10 * k, 1);
        }
        // The rise stops at 1,240: the 10-minute slope fades until yellow is more than 10 min away.
        List<Alert> forecasts = new ArrayList<>();
        int k = 32;
        for (; k < 120; k++) {
            forecasts.addAll(ofType(feed(STREET, 1240, 1), AlertType.CROWD_FORECAST));
            if (withStatus(forecasts, AlertStatus.CLEARED).size() == 1) {
                break;
            }
        }
        int firstMiss = 32;
        while (statuses().get(firstMiss).minutesToNextLevel() <= 10) {
            firstMiss++;
        }
        assertThat(k).as("cleared at the second reading beyond the horizon").isEqualTo(firstMiss + 1);
        assertThat(forecasts.get(forecasts.size() - 1).summary())
                .contains("trend no longer reaches yellow within 10 min");
    }

    @Test
    void aFlatOrSlowlyChangingCrowdHasNoForecast() throws Exception {
        start();
        for (int k = 0; k < 120; k++) {
            feed(STREET, 1450 + (k % 2 == 0 ? 15 : -15), 1);
        }
        // +10 people/min (0.5 % of capacity) right below yellow: too slow to be worth a warning.
        for (int k = 0; k < 120; k++) {
            feed(STREET, 1450 + k * 10 / 6, 1);
        }
        assertThat(ofType(allAlerts(), AlertType.CROWD_FORECAST)).isEmpty();
        assertThat(statuses().get(239).minutesToNextLevel()).as("still a value for the history").isPositive();
    }

    @Test
    void inflowAboveTheLimitForAMinuteAtAnEntranceRestrictsEntry() throws Exception {
        start();
        // limit = capacity 2,000 / 10 min = 200 people/min; 34 in 10 s = 204/min.
        int k = 0;
        for (; k < 5; k++) {
            assertThat(process(reading(GATE, step(k), 500, 34, 34))).isEmpty();
        }
        List<Alert> raised = process(reading(GATE, step(k++), 500, 34, 34));
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.CROWD_INFLOW);
            assertThat(a.severity()).isEqualTo(Severity.ORANGE);
            assertThat(a.recommendedAction()).isEqualTo("restrict_entry");
            assertThat(a.sourceId()).isEqualTo("Z002");
            assertThat(a.summary()).contains("inflow 204 people/min", "limit of 200/min");
            assertThat(FactLines.of(a)).containsExactly("inflowPerMin 204 persons/min / 200");
        });
        // 198/min: under the limit but above 80 % of it (160): stays open.
        for (int i = 0; i < 40; i++, k++) {
            assertUnchanged(process(reading(GATE, step(k), 500, 33, 33)), Severity.ORANGE);
        }
        // 156/min for 1 min 50 s, then the 12th reading completes 2 minutes.
        for (int i = 0; i < 11; i++, k++) {
            assertUnchanged(process(reading(GATE, step(k), 500, 26, 26)), Severity.ORANGE);
        }
        assertThat(process(reading(GATE, step(k), 500, 26, 26))).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.CLEARED));
    }

    @Test
    void inflowInsideTheStreetIsNoEntranceMatter() throws Exception {
        start();
        for (int k = 0; k < 30; k++) {
            process(reading(STREET, step(k), 500, 60, 60));
        }
        assertThat(allAlerts()).isEmpty();
    }

    @Test
    void staleAndDuplicateReadingsNeitherRaiseEarlyNorStartAClear() throws Exception {
        start();
        feedAt(STREET, step(0), 1100);
        feedAt(STREET, step(1), 1100);
        assertThat(feedAt(STREET, step(1) - 5_000, 1100)).as("late, would be a third reading").isEmpty();
        assertThat(feedAt(STREET, step(1), 1100)).as("duplicate").isEmpty();
        assertThat(feedAt(STREET, step(2), 1100)).singleElement()
                .satisfies(a -> assertThat(a.firstEventTs()).isEqualTo(step(2)));
        // A late empty reading inside the episode must not count towards the two minutes below.
        for (int k = 3; k < 14; k++) {
            feedAt(STREET, step(k), 700);
            feedAt(STREET, step(k) - 3_000, 1100);
        }
        assertThat(feedAt(STREET, step(14), 700)).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.CLEARED));
        assertThat(statuses()).hasSize(15);
    }

    @Test
    void aRestoredDetectorKeepsTheEpisodeAndTheRunsInProgress() throws Exception {
        start();
        feed(STREET, 500, 10);
        feed(STREET, 3600, 3);
        Alert raised = allAlerts().get(0);
        feed(STREET, 5100, 2);
        OperatorSubtaskState snapshot = harness.snapshot(0, 0);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CrowdDensityDetector(CrowdSettings.defaults())),
                CrowdDensityDetector.keySelector(), Types.STRING);
        harness.initializeState(snapshot);
        harness.open();

        assertThat(feed(STREET, 5100, 1)).as("third reading at red, two of them before the restore")
                .singleElement().satisfies(a -> {
                    assertThat(a.status()).isEqualTo(AlertStatus.UPDATED);
                    assertThat(a.severity()).isEqualTo(Severity.RED);
                    assertThat(a.id()).isEqualTo(raised.id());
                    assertThat(a.revision()).isEqualTo(2);
                });
        feed(STREET, 200, 11);
        assertThat(feed(STREET, 200, 1)).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.CLEARED);
            assertThat(a.id()).isEqualTo(raised.id());
        });
    }

    @Test
    void readingsOfZonesUnknownToTheRegistryAreSkipped() throws Exception {
        start();
        for (int k = 0; k < 20; k++) {
            process(new CrowdReading("crowd-x", step(k), chainOf(STREET), 9000, 100, 0, 10, null));
        }
        assertThat(allAlerts()).isEmpty();
        assertThat(statuses()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aCounterThatDisagreesWithItsFlowsIsNamedInTheAlert() throws Exception {
        start();
        // The count stays put while the counter reports 300 coming in every 10 s.
        for (int k = 0; k < 4; k++) {
            process(reading(STREET, step(k), 900, 300, 0));
        }
        assertThat(statuses().get(3).flowMismatch()).isTrue();
        for (int k = 4; k < 6; k++) {
            process(reading(STREET, step(k), 1100, 600, 0));
        }
        assertThat(process(reading(STREET, step(6), 1100, 600, 0))).singleElement().satisfies(a -> {
            assertThat(a.summary()).contains("counter crowd-Z004 disagrees with its in/out flows",
                    "count 1100, flow balance 1700");
            assertThat(FactLines.of(a)).contains("flowBalance 1700 persons");
            assertThat(a.evidence()).extracting(Evidence::signal).contains("flowBalance");
        });
    }

    @Test
    void zoneStatusCarriesTheFiguresForTheHistory() throws Exception {
        start();
        feed(GATE, 1500, 1);
        ZoneStatus s = statuses().get(0);
        assertThat(s.zoneId()).isEqualTo("Z002");
        assertThat(s.occupancy()).isEqualTo(1500);
        assertThat(s.density()).isEqualTo(1.5);
        assertThat(s.capacityShare()).isEqualTo(0.75);
        assertThat(s.level()).isEqualTo(Severity.BLUE);
        assertThat(s.alertLevel()).isNull();
        assertThat(s.trendPerMin()).isNull();
        assertThat(s.minutesToNextLevel()).isNull();
    }

    @Test
    void stateTypesAreFlinkPojosNotKryo() {
        for (Class<?> c : List.of(ZoneTrack.class, LevelHold.class, FlowCheck.class, ForecastHold.class,
                InflowHold.class, CrowdSample.class)) {
            assertThat(TypeInformation.of(c)).as(c.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
    }
}
