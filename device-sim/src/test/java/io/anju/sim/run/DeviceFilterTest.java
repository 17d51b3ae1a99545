package io.anju.sim.run;

import io.anju.common.model.Device;
import io.anju.sim.testing.TinyRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceFilterTest {

    @Test
    void selectsByType_limit_ids_zone_andSkipsDisabledDevices() {
        var devices = TinyRegistry.registry().devices();
        assertThat(DeviceFilter.parse("type=charger,limit=1").select(devices)).extracting(Device::id)
                .containsExactly(TinyRegistry.CHARGER);
        assertThat(DeviceFilter.parse("gate-0007-2, crowd-01").select(devices)).extracting(Device::id)
                .containsExactly(TinyRegistry.GATE, TinyRegistry.CROWD);
        assertThat(DeviceFilter.parse("zone=bym-z01").select(devices)).extracting(Device::id)
                .containsExactly(TinyRegistry.CROWD);
        assertThat(DeviceFilter.parse("all").select(devices)).hasSize(5);

        var withDisabled = new java.util.ArrayList<>(devices);
        withDisabled.set(0, withDisabled.get(0).withEnabled(false));
        assertThat(DeviceFilter.parse("type=charger").select(withDisabled)).extracting(Device::id)
                .containsExactly(TinyRegistry.CHARGER_2);
    }

    @Test
    void badFilters_failNamingTheOption() {
        assertThatThrownBy(() -> DeviceFilter.parse("type=toaster")).hasMessageContaining("--devices");
        assertThatThrownBy(() -> DeviceFilter.parse("limit=x")).hasMessageContaining("--devices");
        assertThatThrownBy(() -> DeviceFilter.parse("colour=red")).hasMessageContaining("--devices");
    }
}
