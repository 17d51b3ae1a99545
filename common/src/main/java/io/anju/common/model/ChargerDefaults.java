package io.anju.common.model;

/** Charger limits as seen in vendor firmware (domain.md): 1,000 W per port, refuse above 7.8 kW, limit 8.7 kW. */
public final class ChargerDefaults {
    public static final int PORT_LIMIT_W = 1000;
    public static final int STATION_REFUSE_W = 7800;
    public static final int STATION_LIMIT_W = 8700;

    private ChargerDefaults() {
    }

    /** A station of {@code ports} ports with the default limits. */
    public static ChargerSpec station(int ports) {
        return new ChargerSpec(ports, PORT_LIMIT_W, STATION_REFUSE_W, STATION_LIMIT_W);
    }
}
