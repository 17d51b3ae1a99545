package io.anju.dashboards.live;

import io.anju.common.model.Device;
import io.anju.dashboards.session.ScopeView;
import io.anju.dashboards.session.Viewer;
import org.junit.jupiter.api.Test;

import static io.anju.dashboards.live.LiveFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class LiveEventTest {

    @Test
    void operationsFiguresGoToOperatorsOnlyAndPlacesToWhoeverSeesThem() {
        Device station = chargersOfTwoCompounds().get(0);
        Device counter = crowdCounter(0);
        ScopeView manager = scope(viewer("pm", Viewer.PROPERTY_MANAGER, station.location().compoundId()));
        ScopeView emergency = scope(viewer("em", Viewer.EMERGENCY_MANAGER, counter.location().subDistrictId()));

        assertThat(LiveEvent.Subject.operators().visibleTo(district())).isTrue();
        assertThat(LiveEvent.Subject.operators().visibleTo(manager)).isFalse();
        assertThat(LiveEvent.Subject.device(station.id()).visibleTo(manager)).isTrue();
        assertThat(LiveEvent.Subject.device(station.id()).visibleTo(emergency)).isFalse();
        assertThat(LiveEvent.Subject.zone(counter.location().zoneId()).visibleTo(emergency)).isTrue();
        assertThat(LiveEvent.Subject.zone(counter.location().zoneId()).visibleTo(manager)).isFalse();
        assertThat(new LiveEvent.Subject(null, null, null).visibleTo(district())).isFalse();
    }
}
