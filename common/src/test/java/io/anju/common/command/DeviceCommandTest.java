package io.anju.common.command;

import io.anju.common.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The value on anju.commands as docs/kafka-topics.md shows it, for each writer's kind of command. */
class DeviceCommandTest {

    static String json(DeviceCommand c) {
        return new String(Json.toBytes(c), StandardCharsets.UTF_8);
    }

    @Test
    void theJobsStop_namesItsAlert_andNoCase() {
        assertThat(json(new DeviceCommand("chg-0042-2", "6f1c", 1764378000000L, DeviceCommand.STOP_PORT, 3, null,
                "alert 9d2", "9d2", null, 60_000))).isEqualTo("{\"id\":\"6f1c\",\"ts\":1764378000000,"
                + "\"action\":\"stop_port\",\"port\":3,\"reason\":\"alert 9d2\",\"alertId\":\"9d2\",\"ttlMs\":60000}");
    }

    @Test
    void aPersonsCommand_namesItsCase() {
        assertThat(json(new DeviceCommand("chg-0042-2", "0b7e", 1764378060000L, DeviceCommand.RESUME_PORT, 3, null,
                "case LH-20261206-000042 by chen.hui", "9d2", 42L, 60_000)))
                .isEqualTo("{\"id\":\"0b7e\",\"ts\":1764378060000,\"action\":\"resume_port\",\"port\":3,"
                        + "\"reason\":\"case LH-20261206-000042 by chen.hui\",\"alertId\":\"9d2\",\"caseId\":42,"
                        + "\"ttlMs\":60000}");
    }

    @Test
    void aLimit_carriesItsWatts_andTheDeviceIdStaysTheKey() {
        assertThat(json(new DeviceCommand("chg-0042-2", "c1", 5, "set_limit", 2, 800, "conformance kit", null, null,
                30_000))).isEqualTo("{\"id\":\"c1\",\"ts\":5,\"action\":\"set_limit\",\"port\":2,\"limitW\":800,"
                + "\"reason\":\"conformance kit\",\"ttlMs\":30000}");
    }
}
