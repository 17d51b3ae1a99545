package io.anju.cases.routing;

import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CategoryTableTest {

    @Test
    void defaultsGiveEveryAlertTypeACategoryWithSeverityKeyedLimits() {
        CategoryTable table = CategoryTable.defaults();
        assertThat(table.all()).extracting(Category::code).hasSize(17).contains("01-01", "02-06", "03-03", "04-04", "05-02");
        for (AlertType t : AlertType.values()) {
            assertThat(table.forAlert(t)).as(t.wireName()).isNotNull();
        }
        Category fire = table.forAlert(AlertType.FIRE_RISK);
        assertThat(fire.code()).isEqualTo("01-01");
        assertThat(fire.department()).isEqualTo("fire");
        assertThat(fire.nameZh()).isEqualTo("充电站火灾风险");
        assertThat(fire.dispatchWithin()).isEqualTo(Duration.ofMinutes(5));
        assertThat(fire.handleWithin(Severity.RED)).isEqualTo(Duration.ofMinutes(30));
        assertThat(fire.acknowledgeWithin(Severity.RED)).isEqualTo(Duration.ofMinutes(2));
        assertThat(fire.acknowledgeWithin(Severity.BLUE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(table.forAlert(AlertType.CROWD_DENSITY).acknowledgeWithin(Severity.RED)).isEqualTo(Duration.ofMinutes(1));
        assertThat(fire.handleWithin(Severity.BLUE)).isEqualTo(Duration.ofHours(24));
        assertThat(table.forAlert(AlertType.CROWD_INFLOW).handleWithin(Severity.ORANGE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(table.forAlert(AlertType.GATE_FORCED_OPEN).department()).isEqualTo("police");
        assertThat(table.forAlert(AlertType.GATE_TAILGATING).department()).isEqualTo("property");
        assertThat(table.byCode("02-05").orElseThrow().alertTypes()).isEmpty();
        assertThat(table.byCode("05-01").orElseThrow().handleWithin(Severity.BLUE)).isEqualTo(Duration.ofHours(72));
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
                .hasMessageContaining("categories[01-01].acknowledgeWithin.red must be > 0");
        Files.writeString(file, defaults.replaceFirst("\"red\": \"PT2M\"", "\"red\": \"PT0S\""));
        assertThatThrownBy(() -> CategoryTable.load(file))
                .hasMessageContaining("categories[01-01].acknowledgeWithin.red must be > 0");
    }

    @Test
    void anAcknowledgeLimitLongerThanTheDispatchLimitIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.json");
        String defaults = new String(CategoryTable.class.getResourceAsStream("/categories.json").readAllBytes());
        Files.writeString(file, defaults.replaceFirst("\"red\": \"PT2M\"", "\"red\": \"PT6M\""));
        assertThatThrownBy(() -> CategoryTable.load(file))
                .hasMessageContaining("categories[01-01].acknowledgeWithin.red (PT6M) must not exceed dispatchWithin (PT5M)");
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
