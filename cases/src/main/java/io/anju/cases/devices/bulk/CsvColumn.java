package io.anju.cases.devices.bulk;

import io.anju.common.model.DeviceType;

import java.util.Arrays;
import java.util.Optional;

/**
 * The columns of a device CSV, named in its header line in any order. {@code id} and {@code type} are required; the
 * others may be left out of the header. A column of one type only ({@code ports} for chargers…) must be blank on the
 * lines of other types.
 */
public enum CsvColumn {
    ID("id", null),
    TYPE("type", null),
    /** The compound of a charger, gate or camera. */
    COMPOUND("compound", null),
    /** The crowd zone of a crowd counter. */
    ZONE("zone", null),
    PORTS("ports", DeviceType.CHARGER),
    PORT_LIMIT_W("portLimitW", DeviceType.CHARGER),
    STATION_REFUSE_W("stationRefuseW", DeviceType.CHARGER),
    STATION_LIMIT_W("stationLimitW", DeviceType.CHARGER),
    WATCHES("watches", DeviceType.CAMERA),
    BUILDING("building", DeviceType.CAMERA),
    GATE_KIND("gateKind", DeviceType.GATE),
    DIRECTION("direction", DeviceType.GATE),
    VENDOR("vendor", null),
    MODEL("model", null),
    FIRMWARE("firmware", null),
    INSTALLED_ON("installedOn", null),
    PROPERTY_COMPANY("propertyCompany", null);

    /**
     * The header naming every column in the documented order (what {@code --help} and the docs show); a constant for
     * annotations, checked against the columns when the class loads.
     */
    public static final String FULL_HEADER = "id,type,compound,zone,ports,portLimitW,stationRefuseW,stationLimitW,"
            + "watches,building,gateKind,direction,vendor,model,firmware,installedOn,propertyCompany";

    static {
        String columns = String.join(",", Arrays.stream(values()).map(CsvColumn::header).toList());
        if (!FULL_HEADER.equals(columns)) {
            throw new IllegalStateException("FULL_HEADER is not the columns: " + columns);
        }
    }

    private final String header;
    private final DeviceType onlyFor;

    CsvColumn(String header, DeviceType onlyFor) {
        this.header = header;
        this.onlyFor = onlyFor;
    }

    public String header() {
        return header;
    }

    /** The one device type whose lines may fill this column, or null when every type may. */
    DeviceType onlyFor() {
        return onlyFor;
    }

    static Optional<CsvColumn> byHeader(String name) {
        for (CsvColumn c : values()) {
            if (c.header.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
