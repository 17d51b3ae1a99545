package io.anju.common.model;

import java.time.ZoneId;

/**
 * The district's wall-clock zone (Xi'an: China Standard Time, UTC+8, no daylight saving): the dates in case numbers,
 * rota shifts, the times people read, the simulator's day. Every instant stored or sent stays UTC.
 */
public final class DistrictTime {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private DistrictTime() {
    }
}
