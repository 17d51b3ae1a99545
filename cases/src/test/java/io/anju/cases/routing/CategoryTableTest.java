package io.anju.cases.routing;

import io.anju.cases.model.ResponseLevel;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.DeviceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CategoryTableTest {

    @Test
    void defaultsGiveEveryAlertTypeACategoryWithSeverityKeyedLimits() {
        CategoryTable table = CategoryTable.defaults();
        assertThat(table.all()).extracting(Category::code).hasSize(20).contains("01-01", "01-03", "01-04", "02-06", "03-03", "03-04", "04-04", "05-02");
        for (AlertType t : AlertType.values()) {
            assertThat(table.forAlert(t, null)).as(t.wireName()).isNotNull();
        }
        Category fire = table.forAlert(AlertType.FIRE_RISK, null);
        assertThat(fire.code()).isEqualTo("01-01");
        assertThat(fire.department()).isEqualTo("fire");
        assertThat(fire.nameZh()).isEqualTo("充电站火灾风险");
        assertThat(fire.dispatchWithin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(fire.handleWithin(Severity.RED)).isEqualTo(Duration.ofMinutes(30));
        assertThat(fire.acknowledgeWithin(Severity.RED)).isEqualTo(Duration.ofMinutes(2));
        assertThat(fire.acknowledgeWithin(Severity.BLUE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(table.forAlert(AlertType.CROWD_DENSITY).acknowledgeWithin(Severity.RED)).isEqualTo(Duration.ofMinutes(1));
        assertThat(fire.handleWithin(Severity.BLUE)).isEqualTo(Duration.ofHours(24));
        assertThat(table.forAlert(AlertType.CROWD_INFLOW, null).handleWithin(Severity.ORANGE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(table.forAlert(AlertType.GATE_FORCED_OPEN, null).department()).isEqualTo("police");
        Category held = table.forAlert(AlertType.MASS_CUTOFF_HELD, null);
        assertThat(held.code()).isEqualTo("01-04");
        assertThat(held.department()).as("the property manager decides on the held stops").isEqualTo("property");
        assertThat(held.supportDepartments()).containsExactly("fire");
        assertThat(held.acknowledgeWithin(Severity.RED)).isEqualTo(Duration.ofMinutes(2));
        assertThat(table.forAlert(AlertType.GATE_TAILGATING, null).department()).isEqualTo("property");
        assertThat(table.byCode("02-05").orElseThrow().alertTypes()).isEmpty();
        assertThat(table.byCode("05-01").orElseThrow().handleWithin(Severity.BLUE)).isEqualTo(Duration.ofHours(72));
    }

    @Test
    void aScaledTable_dividesEveryLimit_andKeepsEverythingElse() {
        Category fire = CategoryTable.defaults().forAlert(AlertType.FIRE_RISK);
        Category fast = CategoryTable.defaults().scaledBy(10).forAlert(AlertType.FIRE_RISK);
        assertThat(fast.acknowledgeWithin(Severity.RED)).isEqualTo(fire.acknowledgeWithin(Severity.RED).dividedBy(10));
        assertThat(fast.dispatchWithin()).isEqualTo(fire.dispatchWithin().dividedBy(10));
        assertThat(fast.handleWithin(Severity.BLUE)).isEqualTo(fire.handleWithin(Severity.BLUE).dividedBy(10));
        assertThat(fast.response(Severity.RED)).isEqualTo(fire.response(Severity.RED));
        assertThat(fast.department()).isEqualTo(fire.department());
        assertThat(CategoryTable.defaults().scaledBy(1).forAlert(AlertType.FIRE_RISK)).isEqualTo(fire);
    }

    @Test
    void aCrowdCountersOfflineGoesToTheStreetsEmergencyTeamEveryOtherDevicesToProperty() {
        CategoryTable table = CategoryTable.defaults();
        Category counter = table.forAlert(AlertType.DEVICE_OFFLINE, DeviceType.CROWD);
        assertThat(counter.code()).isEqualTo("03-04");
        assertThat(counter.department()).isEqualTo("street_emergency");
        assertThat(counter.nameZh()).isEqualTo("人流计数设备离线");
        for (DeviceType other : new DeviceType[] {DeviceType.CHARGER, DeviceType.GATE, DeviceType.CAMERA, null}) {
            assertThat(table.forAlert(AlertType.DEVICE_OFFLINE, other).code()).as("offline " + other).isEqualTo("02-06");
        }
        assertThat(table.forAlert(AlertType.CROWD_DENSITY, DeviceType.CROWD).code()).isEqualTo("03-01");
    }

    @Test
    void aDeviceTypeClaimedTwiceForAnAlertTypeFailsNamingBoth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String defaults = new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes());
        // 02-06 takes device_offline from crowd counters as well as 03-04 does
        Files.writeString(file, defaults.replaceFirst("(\"device_offline\"\\s*\\],)",
                "$1 \"deviceTypes\": [\"crowd\", \"charger\"],"));
        assertThatThrownBy(() -> CategoryTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alert type device_offline from a crowd is in both 02-06 and 03-04");
    }

    @Test
    void narrowingAnAlertTypeToSomeDevicesStillNeedsACategoryForTheRest(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String defaults = new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes());
        Files.writeString(file, defaults.replaceFirst("(\"device_offline\"\\s*\\],)", "$1 \"deviceTypes\": [\"charger\"],"));
        assertThatThrownBy(() -> CategoryTable.load(file))
                .hasMessageContaining("no category for alert type device_offline from the devices no deviceTypes names");
    }

    @Test
    void theBuiltInResponsesWatchBlueCrowdsAndOnlyNoticeBlueOfflineAndDeniedBursts() {
        CategoryTable table = CategoryTable.defaults();
        Map<Severity, ResponseLevel> watchBlue = Map.of(Severity.BLUE, ResponseLevel.WATCH, Severity.YELLOW,
                ResponseLevel.CASE, Severity.ORANGE, ResponseLevel.CASE, Severity.RED, ResponseLevel.CASE);
        for (AlertType t : List.of(AlertType.CROWD_DENSITY, AlertType.CROWD_FORECAST, AlertType.CROWD_INFLOW)) {
            assertThat(table.forAlert(t).response()).as(t.wireName()).isEqualTo(watchBlue);
        }
        for (AlertType t : List.of(AlertType.DEVICE_OFFLINE, AlertType.GATE_DENIED_BURST)) {
            assertThat(table.forAlert(t).response(Severity.BLUE)).as(t.wireName()).isEqualTo(ResponseLevel.NOTICE);
            assertThat(table.forAlert(t).response(Severity.YELLOW)).as(t.wireName()).isEqualTo(ResponseLevel.CASE);
        }
        for (String code : List.of("01-01", "01-02", "01-03", "01-04", "02-01", "02-02", "02-03", "02-04", "02-05", "04-01", "04-02", "04-03",
                "05-01", "05-02")) {
            assertThat(table.byCode(code).orElseThrow().response().values()).as(code).containsOnly(ResponseLevel.CASE);
        }
    }

    @Test
    void aCategoryWithoutResponsesIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        Files.writeString(file, defaults().replaceFirst(",\\s*\"response\": \\{[^}]*}", ""));
        assertThatThrownBy(() -> CategoryTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting categories[01-01].response = '{}': is required");
    }

    @Test
    void aSeverityWithoutResponseIsRefusedNamingCategoryAndSeverity(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String crowd = defaults().substring(defaults().indexOf("\"code\": \"03-01\""));
        Files.writeString(file, defaults().replace(crowd, crowd.replaceFirst(",\\s*\"blue\": \"watch\"", "")));
        assertThatThrownBy(() -> CategoryTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting categories[03-01].response.blue = 'null': is required");
    }

    @Test
    void anUnknownResponseIsRefusedNamingCategorySeverityAndTheChoices(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String crowd = defaults().substring(defaults().indexOf("\"code\": \"03-01\""));
        String monitored = crowd.replaceFirst("\"blue\": \"watch\"", "\"blue\": \"monitor\"");
        Files.writeString(file, defaults().replace(crowd, monitored));
        assertThatThrownBy(() -> CategoryTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting categories[03-01].response.blue = 'monitor': unknown response")
                .hasMessageContaining("[notice, watch, case]");
    }

    @Test
    void aHigherSeverityAskingForLessIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        Files.writeString(file, defaults().replaceFirst("\"red\": \"case\"", "\"red\": \"notice\""));
        assertThatThrownBy(() -> CategoryTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting categories[01-01].response.red = 'notice': is less than orange's case");
    }

    private static String defaults() throws Exception {
        return new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes(),
                StandardCharsets.UTF_8);
    }

    @Test
    void aMissingSeverityLimitFailsNamingTheCategoryAndTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String defaults = new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes());
        Files.writeString(file, defaults.replaceFirst("\"orange\": \"PT1H\",", ""));
        assertThatThrownBy(() -> CategoryTable.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categories[01-01].handleWithin.orange");
    }

    @Test
    void aMissingOrNonPositiveAcknowledgeLimitFailsNamingTheCategoryAndTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String defaults = new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes());
        Files.writeString(file, defaults.replaceFirst("\"red\": \"PT2M\",", ""));
        assertThatThrownBy(() -> CategoryTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setting categories[01-01].acknowledgeWithin.red = 'null': must be positive");
        Files.writeString(file, defaults.replaceFirst("\"red\": \"PT2M\"", "\"red\": \"PT0S\""));
        assertThatThrownBy(() -> CategoryTable.load(file))
                .hasMessageContaining("setting categories[01-01].acknowledgeWithin.red = '0s': must be positive");
    }

    @Test
    void anAcknowledgeLimitLongerThanTheDispatchLimitIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String defaults = new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes());
        Files.writeString(file, defaults.replaceFirst("\"red\": \"PT2M\"", "\"red\": \"PT6M\""));
        assertThatThrownBy(() -> CategoryTable.load(file))
                .hasMessageContaining("setting categories[01-01].acknowledgeWithin.red = '6m': must not exceed dispatchWithin (5m)");
    }

    @Test
    void anUnknownSeverityKeyIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String defaults = new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes());
        Files.writeString(file, defaults.replaceFirst("\"red\":", "\"crimson\":"));
        assertThatThrownBy(() -> CategoryTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crimson");
    }

    @Test
    void anAlertTypeWithoutCategoryFailsNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String defaults = new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes());
        Files.writeString(file, defaults.replace("\"gate_tailgating\"", ""));
        assertThatThrownBy(() -> CategoryTable.load(file)).hasMessageContaining("no category for alert type gate_tailgating");
    }
}
