package io.anju.common.model;

/** Electrical limits of one e-bike charging station (defaults from vendor firmware, see domain.md). */
public record ChargerSpec(int ports, int portLimitW, int stationRefuseW, int stationLimitW) {
}
