package io.anju.jobs.input;

/** A Beiyuanmen crowd zone's surveyed figures from the registry; {@code entrance} zones get inflow rules. */
public record ZoneInfo(String zoneId, String name, double areaM2, int capacity, boolean entrance) {
}
