package io.anju.common.model;

/** A smart-security access gate: {@code pedestrian} or {@code vehicle}, and the direction(s) it serves. */
public record GateSpec(String kind, String direction) {
}
