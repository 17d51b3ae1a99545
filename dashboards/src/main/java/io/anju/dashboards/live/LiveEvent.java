package io.anju.dashboards.live;

import io.anju.dashboards.session.ScopeView;

/**
 * One change for the {@code /api/live} stream.
 *
 * @param name    the SSE event name: {@code zone}, {@code charger}, {@code alert} or {@code ops}
 * @param itemId  what changed (zone id, device id, dedup key); zone and charger events of one item are
 *                coalesced
 * @param subject where it is, to decide who may see it
 * @param data    the JSON body of the event
 */
public record LiveEvent(String name, String itemId, Subject subject, String data) {

    public static final String ZONE = "zone";
    public static final String CHARGER = "charger";
    public static final String ALERT = "alert";
    public static final String OPS = "ops";

    /** Zone and charger states are snapshots: only the newest matters, so a burst may be folded into one event. */
    public boolean coalesced() {
        return name.equals(ZONE) || name.equals(CHARGER) || name.equals(OPS);
    }

    /**
     * The place of an event: any of device, zone and compound, null when unknown; or, for the platform's own figures,
     * {@code operatorsOnly}.
     */
    public record Subject(String deviceId, String zoneId, String compoundId, boolean operatorsOnly) {

        public Subject(String deviceId, String zoneId, String compoundId) {
            this(deviceId, zoneId, compoundId, false);
        }

        public static Subject zone(String zoneId) {
            return new Subject(null, zoneId, null);
        }

        public static Subject device(String deviceId) {
            return new Subject(deviceId, null, null);
        }

        public static Subject operators() {
            return new Subject(null, null, null, true);
        }

        public boolean visibleTo(ScopeView scope) {
            if (operatorsOnly) {
                return scope.viewer().isOperator();
            }
            return (deviceId != null && scope.seesDevice(deviceId))
                    || (zoneId != null && scope.seesZone(zoneId))
                    || (compoundId != null && scope.seesCompound(compoundId));
        }
    }
}
