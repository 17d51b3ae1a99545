package io.anju.dashboards.live;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.Severity;
import io.anju.common.model.Device;
import io.anju.common.registry.Registry;
import io.anju.common.text.AlertText;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.anju.dashboards.live.LiveFixtures.chargersOfTwoCompounds;
import static io.anju.dashboards.live.LiveFixtures.portAlert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board applies each {@code (alert id, revision)} once, whatever repeats the at-least-once alerting job writes:
 * nothing shown twice, no cleared episode shown again, within the documented bound.
 */
class AlertBoardTest {
    private static final Device STATION = chargersOfTwoCompounds().get(0);
    private static final long T0 = 1_795_870_260_000L;
    private static final long T1 = T0 + 3_600_000;

    private final AlertBoard board = board(100);

    /** A board remembering {@code memory} closed episodes, its views rendered with place ids for names. */
    private static AlertBoard board(int memory) {
        AlertText text = new AlertText((Registry) null);
        return new AlertBoard(100, memory, a -> ActiveAlert.of(a, text));
    }

    /** Revision {@code revision} of the port-overload episode of port {@code port} that began at {@code first}. */
    private static Alert rev(int port, long first, int revision, AlertStatus status) {
        return portAlert(STATION, port, revision == 2 ? Severity.RED : Severity.YELLOW, status, revision, first,
                first + revision * 30_000L);
    }

    private static Alert raised(int port, long first) {
        return rev(port, first, 1, AlertStatus.RAISED);
    }

    private static Alert updated(int port, long first, int revision) {
        return rev(port, first, revision, AlertStatus.UPDATED);
    }

    private static Alert cleared(int port, long first, int revision) {
        return rev(port, first, revision, AlertStatus.CLEARED);
    }

    @Test
    void aRepeatOfTheOpenRevisionOrAnEarlierOneChangesNothing() {
        assertThat(board.apply(raised(1, T0))).isTrue();
        assertThat(board.apply(updated(1, T0, 2))).isTrue();

        assertThat(board.apply(updated(1, T0, 2))).isFalse();
        assertThat(board.apply(raised(1, T0))).isFalse();

        assertThat(board.open()).singleElement().extracting(Alert::revision).isEqualTo(2);
    }

    @Test
    void theRevisionsOfAClearedEpisodeRepeatedInAnyOrderNeverShowItAgain() {
        List<Alert> episode = List.of(raised(1, T0), updated(1, T0, 2), cleared(1, T0, 3));
        episode.forEach(board::apply);
        assertThat(board.open()).isEmpty();

        assertThat(board.apply(updated(1, T0, 2))).as("a ghost of revision 2").isFalse();
        assertThat(board.apply(raised(1, T0))).as("a ghost of revision 1").isFalse();
        assertThat(board.apply(cleared(1, T0, 3))).isFalse();
        assertThat(board.open()).isEmpty();
    }

    @Test
    void aNewEpisodeOfTheSameKeyAfterAClearIsShown() {
        List.of(raised(1, T0), cleared(1, T0, 2)).forEach(board::apply);

        assertThat(board.apply(raised(1, T1))).isTrue();
        assertThat(board.apply(raised(1, T0))).as("the old episode's repeat").isFalse();

        assertThat(board.open()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(raised(1, T1).id()).isNotEqualTo(raised(1, T0).id());
            assertThat(a.revision()).isEqualTo(1);
        });
    }

    @Test
    void anEpisodeReplacedByANewerOneOfItsKeyIsClosedForGood() {
        board.apply(raised(1, T0));
        assertThat(board.apply(raised(1, T1))).as("a new episode replaces the last one of its key").isTrue();

        assertThat(board.apply(updated(1, T0, 2))).as("a later revision of the replaced episode").isFalse();
        assertThat(board.apply(cleared(1, T0, 3))).as("its clear does not remove the newer one").isFalse();
        assertThat(board.open()).singleElement().extracting(Alert::id).isEqualTo(raised(1, T1).id());
    }

    /**
     * A restored job may derive an episode it had written after its checkpoint a little differently, under another id
     * (another first event time, even an earlier one): the partition's order says which is the job's view now.
     */
    @Test
    void anEpisodeUnderAnotherIdAfterARestartReplacesTheOneWrittenBefore() {
        board.apply(raised(1, T0 + 10_000));
        board.apply(updated(1, T0 + 10_000, 2));

        assertThat(board.apply(raised(1, T0))).isTrue();
        assertThat(board.apply(updated(1, T0 + 10_000, 2))).as("the orphan's repeat").isFalse();
        assertThat(board.apply(cleared(1, T0, 2))).isTrue();
        assertThat(board.open()).isEmpty();
    }

    @Test
    void aClearOfAnEpisodeNeverSeenOpenIsRememberedSoItsReplayedRaiseShowsNothing() {
        // A rebuild whose retained history begins after the raise; a replay then writes the raise again.
        assertThat(board.apply(cleared(1, T0, 2))).isFalse();
        assertThat(board.apply(raised(1, T0))).isFalse();
        assertThat(board.open()).isEmpty();
    }

    /**
     * The partition holds each key's revisions in order; the job's restarts add repeats of any earlier revision at
     * any later place. Whatever the places, every revision is applied once and only the first copies count.
     */
    @Test
    void repeatsAtAnyPlaceAfterTheirFirstCopy_eachRevisionAppliedOnce() {
        List<Alert> firsts = List.of(raised(1, T0), updated(1, T0, 2), updated(1, T0, 3), cleared(1, T0, 4),
                raised(1, T1), updated(1, T1, 2), raised(2, T0), cleared(2, T0, 2));
        Random random = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            AlertBoard b = board(100);
            List<Alert> records = withRepeats(firsts, random);
            Set<String> applied = new HashSet<>();
            for (Alert a : records) {
                if (b.apply(a)) {
                    assertThat(applied.add(a.id() + "#" + a.revision())).as("trial %d: %s applied twice in %s",
                            trial, a.id() + "#" + a.revision(), records).isTrue();
                }
            }
            assertThat(applied).as("trial %d: every first copy changed what is open", trial).hasSize(firsts.size());
            assertThat(b.open()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo(raised(1, T1).id());
                assertThat(a.revision()).isEqualTo(2);
            });
        }
    }

    /** {@code firsts} in order, with 1–6 repeats of earlier records put anywhere after their first copy. */
    private static List<Alert> withRepeats(List<Alert> firsts, Random random) {
        List<Alert> out = new ArrayList<>(firsts);
        int repeats = 1 + random.nextInt(6);
        for (int i = 0; i < repeats; i++) {
            int original = random.nextInt(firsts.size());
            int firstAt = out.indexOf(firsts.get(original));
            out.add(firstAt + 1 + random.nextInt(out.size() - firstAt), firsts.get(original));
        }
        return out;
    }

    @Test
    void theBound_theEpisodeClosedFirstIsForgottenAndCounted() {
        AlertBoard small = board(3);
        for (int port = 1; port <= 4; port++) {
            small.apply(raised(port, T0));
            small.apply(cleared(port, T0, 2));
        }
        assertThat(small.remembered()).isEqualTo(3);
        assertThat(small.forgotten()).isEqualTo(1);

        for (int port = 2; port <= 4; port++) {
            assertThat(small.apply(raised(port, T0))).as("port %d is remembered", port).isFalse();
        }
        // Beyond the bound a repeat would show again: the bound must cover the job's replay window.
        assertThat(small.apply(raised(1, T0))).as("port 1 was forgotten").isTrue();
    }

    @Test
    void aLaterRevisionOfARememberedEpisodeKeepsItsPlaceInTheClosingOrder() {
        AlertBoard small = board(2);
        small.apply(cleared(1, T0, 2));
        small.apply(cleared(2, T0, 2));
        small.apply(cleared(1, T0, 3));
        small.apply(cleared(3, T0, 2));

        assertThat(small.forgotten()).isEqualTo(1);
        assertThat(small.apply(raised(1, T0))).as("port 1 closed first, forgotten first").isTrue();
        assertThat(small.apply(raised(2, T0))).isFalse();
    }
}
