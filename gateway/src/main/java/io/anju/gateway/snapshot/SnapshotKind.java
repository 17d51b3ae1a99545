package io.anju.gateway.snapshot;

import io.anju.common.model.DeviceType;

import java.util.Locale;

/**
 * What an image shows, as far as retention goes. The gateway cannot look into an image, so it goes by the device that
 * sent it: a gate photographs the person passing it (face recognition or not), so every gate snapshot is a face
 * image, kept for the shorter face retention (personal information law: biometric data no longer than needed).
 * Other devices' images are scenes (an e-bike in a lift, smoke, a blocked fire lane), which may still show people.
 */
public enum SnapshotKind {
    FACE, SCENE;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public static SnapshotKind of(DeviceType type) {
        return type == DeviceType.GATE ? FACE : SCENE;
    }

    /** The name in metrics and logs. */
    public String wireName() {
        return wire;
    }
}
