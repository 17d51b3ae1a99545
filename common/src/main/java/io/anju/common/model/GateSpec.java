package io.anju.common.model;

import java.util.List;

/** A smart-security access gate: {@code pedestrian} or {@code vehicle}, and the direction(s) it serves. */
public record GateSpec(String kind, String direction) {
    public static final List<String> KINDS = List.of("pedestrian", "vehicle");
    public static final List<String> DIRECTIONS = List.of("in", "out", "both");
}
