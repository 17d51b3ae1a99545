package io.anju.common.model;

/**
 * A surveyed zone of Beiyuanmen historic street watched by one crowd counter.
 * {@code capacity} is the published maximum number of people; {@code entrance} marks zones at a street entrance,
 * where inflow is a reason to restrict entry.
 */
public record CrowdZone(String id, String name, String gridId, double areaM2, int capacity, boolean entrance,
                        boolean estimated) {
}
