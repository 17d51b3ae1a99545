package io.anju.gateway.validate;

import java.util.regex.Pattern;

/** Snapshot rules: a device-chosen id of [A-Za-z0-9_-]{1,64} and a complete JPEG within the size bound. */
final class SnapshotCheck {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private SnapshotCheck() {
    }

    static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static void check(String snapshotId, byte[] image, int maxBytes) {
        if (!isValidId(snapshotId)) {
            throw new InvalidPayload("bad_snapshot_id", snapshotId == null ? "missing" : "'" + Fields.abbreviate(snapshotId) + "'");
        }
        if (image.length > maxBytes) {
            throw new InvalidPayload("too_large", image.length + " bytes > " + maxBytes);
        }
        // SOI marker plus the first byte of the next marker, and the EOI marker at the end.
        if (image.length < 5 || (image[0] & 0xFF) != 0xFF || (image[1] & 0xFF) != 0xD8 || (image[2] & 0xFF) != 0xFF) {
            throw new InvalidPayload("not_jpeg", "missing JPEG start marker FF D8 FF");
        }
        if ((image[image.length - 2] & 0xFF) != 0xFF || (image[image.length - 1] & 0xFF) != 0xD9) {
            throw new InvalidPayload("not_jpeg", "missing JPEG end marker FF D9");
        }
    }
}
