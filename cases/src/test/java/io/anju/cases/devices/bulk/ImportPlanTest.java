package io.anju.cases.devices.bulk;

import io.anju.common.auth.SecretIssuer;
import io.anju.common.model.Compound;
import io.anju.common.model.Device;
import io.anju.common.model.DeviceType;
import io.anju.common.registry.Registry;
import io.anju.common.registry.RegistryDocument;
import io.anju.registry.generate.GeneratorOptions;
import io.anju.registry.generate.RegistryGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a device CSV does to a registry, worked out without a store: updates, kept columns, problems by line. */
class ImportPlanTest {
    private static final RegistryDocument LIANHU = RegistryGenerator.generate(new GeneratorOptions(2020, true, 0))
            .document();
    private static final Registry REGISTRY = new Registry(LIANHU);

    private static ImportPlan plan(String csv) {
        return ImportPlan.of(LIANHU, DeviceCsv.read(csv), SecretIssuer.secure());
    }

    @Test
    void aColumnTheFileLacksKeepsWhatTheRegistryHoldsAndAnUpdateKeepsSecretAndState() {
        Device charger = REGISTRY.devicesOfType(DeviceType.CHARGER).get(0);
        Compound other = REGISTRY.compounds().stream().filter(Compound::chargers)
                .filter(c -> !c.id().equals(charger.location().compoundId())).findFirst().orElseThrow();
        ImportPlan plan = plan("id,type,compound,vendor\n" + charger.id() + ",charger," + other.id() + ",Acme\n");

        assertThat(plan.problems()).isEmpty();
        assertThat(plan.updated()).isEqualTo(1);
        assertThat(plan.secrets()).isEmpty();
        Device after = new Registry(plan.next()).device(charger.id()).orElseThrow();
        assertThat(after.location().gridId()).isEqualTo(other.gridId());
        assertThat(after.charger()).as("no charger columns: the spec is kept").isEqualTo(charger.charger());
        assertThat(after.installation().vendor()).isEqualTo("Acme");
        assertThat(after.secretHash()).isEqualTo(charger.secretHash());
        assertThat(after.enabled()).isEqualTo(charger.enabled());
    }

    @Test
    void aLineNamingADeviceAsItIsChangesNothing() {
        Device gate = REGISTRY.devicesOfType(DeviceType.GATE).get(0);
        ImportPlan plan = plan("id,type,compound,gateKind,direction\n" + gate.id() + ",gate,"
                + gate.location().compoundId() + "," + gate.gate().kind() + "," + gate.gate().direction() + "\n");
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.updated()).isZero();
    }

    @Test
    void problemsOfFormAndOfTheRulesAreTiedToTheirLineAndColumn() {
        ImportPlan plan = plan("""
                id,type,colour,zone,compound
                crowd-x,crowd,red,no-such-zone,
                "open quote,gate""");
        assertThat(plan.problems()).hasSize(3);
        assertThat(plan.problems().get(0)).hasToString(
                "line 1, column 3 (colour): unknown column; the columns are " + CsvColumn.FULL_HEADER);
        assertThat(plan.problems().get(1)).hasToString("line 2, column 4 (zone): unknown zone 'no-such-zone'");
        assertThat(plan.problems().get(2).toString()).startsWith("line 3: not readable as CSV");
    }

    @Test
    void aColumnOfAnotherTypeMustBeBlankAndAColumnTheHeaderLacksIsNamed() {
        Compound compound = REGISTRY.compounds().iterator().next();
        ImportPlan plan = plan("id,type,compound,ports\ngate-x,gate," + compound.id() + ",4\ngate-y,gate,"
                + compound.id() + ",\n");
        assertThat(plan.problems()).extracting(ImportProblem::toString).containsExactly(
                "line 2, column 4 (ports): a gate has no ports (a charger attribute); leave it blank",
                "line 3 (gateKind, not in the header): missing: one of [pedestrian, vehicle]",
                "line 3 (direction, not in the header): missing: one of [both, in, out]");
    }
}
