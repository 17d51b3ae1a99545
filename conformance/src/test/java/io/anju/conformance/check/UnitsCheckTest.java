package io.anju.conformance.check;

import io.anju.common.model.Channel;
import io.anju.common.model.DeviceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsCheckTest {
    private static final String GOOD = "{\"ts\":1,\"seq\":1,\"mainsV\":228.4,\"ambientC\":24.1,\"smoke\":false,\"leakageMa\":3.2,"
            + "\"ports\":[{\"no\":1,\"state\":\"charging\",\"voltageV\":48.6,\"currentA\":4.1,\"powerW\":199.3,\"energyWh\":655,\"tempC\":38.5},"
            + "{\"no\":2,\"state\":\"idle\",\"voltageV\":0,\"currentA\":0,\"powerW\":0,\"energyWh\":0,\"tempC\":24.0}]}";
    private final UnitsCheck check = new UnitsCheck();

    @Test
    void theContractsExample_passes() {
        assertThat(check.run(LogBuilder.charger().connected(0).message(Channel.TELEMETRY, 1, 1, GOOD).until(10))
                .verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void millivoltsAndTenthsOfADegree_failNamingTheField() {
        String wrong = GOOD.replace("228.4", "228400").replace("48.6", "48600").replace("38.5", "385");
        Finding f = check.run(LogBuilder.charger().connected(0).message(Channel.TELEMETRY, 1, 1, wrong).until(10));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(String.join("\n", f.evidence())).contains("mainsV 228400 (expected mainsV 150–260 V")
                .contains("ports[].voltageV 48600").contains("ports[].tempC 385");
    }

    @Test
    void powerThatIsNotVoltageTimesCurrent_fails() {
        String wrong = GOOD.replace("\"powerW\":199.3", "\"powerW\":1993");
        Finding f = check.run(LogBuilder.charger().connected(0).message(Channel.TELEMETRY, 1, 1, wrong).until(10));
        assertThat(f.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(String.join("\n", f.evidence())).contains("powerW 1993 but voltageV × currentA = 199.3");
    }

    @Test
    void crowdIntervalInMilliseconds_fails_gatesHaveNoUnits() {
        LogBuilder crowd = new LogBuilder(DeviceType.CROWD).connected(0).message(Channel.TELEMETRY, 1, 1,
                "{\"ts\":1,\"seq\":1,\"count\":4,\"inCount\":1,\"outCount\":0,\"intervalS\":10000}");
        assertThat(check.run(crowd.until(10)).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(check.run(new LogBuilder(DeviceType.GATE).connected(0).until(10)).verdict())
                .isEqualTo(Verdict.NOT_APPLICABLE);
    }
}
