package io.anju.registry.generate;

import java.util.Locale;

/**
 * Identifier formats of generated registries. Device ids are MQTT client ids, so they stay short (at most 23
 * characters, the limit every MQTT 3.1.1 server must accept), lower case and free of topic characters.
 */
final class Ids {
    private Ids() {
    }

    static String subDistrict(int n) {
        return format("sd-%02d", n);
    }

    static String community(int n) {
        return format("c-%03d", n);
    }

    static String grid(int n) {
        return format("g-%03d", n);
    }

    static String compound(int n) {
        return format("cp-%04d", n);
    }

    static String zone(int n) {
        return format("z-%02d", n);
    }

    static String charger(int compound, int station) {
        return format("chg-%04d-%d", compound, station);
    }

    static String gate(int compound, int gate) {
        return format("gate-%04d-%d", compound, gate);
    }

    static String camera(int compound, int camera) {
        return format("cam-%04d-%d", compound, camera);
    }

    static String loadCharger(int n) {
        return format("load-%05d", n);
    }

    static String crowdCounter(int zone) {
        return format("crowd-%02d", zone);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
