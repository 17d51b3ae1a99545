package io.anju.common.model;

/**
 * A residential compound (小区). {@code charger} compounds have smart e-bike chargers,
 * {@code security} compounds have gates and cameras; a compound may be both.
 * {@code estimated} is true when the address is generated rather than surveyed.
 */
public record Compound(String id, String name, String gridId, String address, boolean chargers, boolean security,
                       boolean estimated) {
}
