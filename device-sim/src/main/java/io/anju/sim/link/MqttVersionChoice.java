package io.anju.sim.link;

/** {@code --mqtt 3|5|mixed}: which protocol each device uses; mixed alternates 3, 5, 3, 5 … in device order. */
public enum MqttVersionChoice {
    V3, V5, MIXED;

    public static MqttVersionChoice parse(String value) {
        return switch (value.trim()) {
            case "3" -> V3;
            case "5" -> V5;
            case "mixed" -> MIXED;
            default -> throw new IllegalArgumentException("--mqtt must be 3, 5 or mixed, was '" + value + "'");
        };
    }

    /** The version for the {@code index}-th device (0-based). */
    public int versionFor(int index) {
        return switch (this) {
            case V3 -> 3;
            case V5 -> 5;
            case MIXED -> index % 2 == 0 ? 3 : 5;
        };
    }
}
