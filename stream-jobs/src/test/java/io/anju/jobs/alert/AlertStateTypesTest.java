package io.anju.jobs.alert;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open alerts live in keyed state and alerts travel between operators: with their facts they must still be Flink
 * POJOs whose every field has its own serializer, since the jobs turn Kryo off ({@code pipeline.generic-types}).
 */
class AlertStateTypesTest {

    @Test
    void alertsAndOpenAlertsWithFactsAreFlinkPojosWithoutGenericFields() {
        for (Class<?> type : new Class<?>[]{Alert.class, OpenAlert.class, AlertFact.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                assertThat(pojo.getPojoFieldAt(i).getTypeInformation())
                        .as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
                        .isNotInstanceOf(GenericTypeInfo.class);
            }
        }
    }
}
