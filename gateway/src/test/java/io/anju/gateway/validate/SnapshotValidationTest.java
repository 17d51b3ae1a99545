package io.anju.gateway.validate;

import org.junit.jupiter.api.Test;

import static io.anju.common.model.Channel.SNAPSHOT;
import static io.anju.common.model.DeviceType.CAMERA;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotValidationTest {
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xFF, (byte) 0xD9};

    private final PayloadValidator validator = new PayloadValidator(16 * 1024, 64);

    private String reason(String id, byte[] image) {
        Validation v = validator.validate(CAMERA, SNAPSHOT, id, image);
        assertThat(v).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) v).reason();
    }

    @Test
    void completeJpegUnderAValidIdIsValid() {
        assertThat(validator.validate(CAMERA, SNAPSHOT, "cam_01-2026", JPEG).isValid()).isTrue();
        assertThat(validator.validate(CAMERA, SNAPSHOT, "a".repeat(64), JPEG).isValid()).isTrue();
    }

    @Test
    void snapshotIdMustMatchThePattern() {
        assertThat(reason("a".repeat(65), JPEG)).startsWith("bad_snapshot_id: ");
        assertThat(reason("has space", JPEG)).isEqualTo("bad_snapshot_id: 'has space'");
        assertThat(reason("", JPEG)).startsWith("bad_snapshot_id: ");
        assertThat(reason(null, JPEG)).isEqualTo("bad_snapshot_id: missing");
    }

    @Test
    void payloadMustStartAndEndLikeAJpeg() {
        assertThat(reason("s1", "{\"not\":\"an image\"}".getBytes())).isEqualTo("not_jpeg: missing JPEG start marker FF D8 FF");
        byte[] truncated = java.util.Arrays.copyOf(JPEG, JPEG.length - 1);
        assertThat(reason("s1", truncated)).isEqualTo("not_jpeg: missing JPEG end marker FF D9");
        assertThat(reason("s1", new byte[0])).startsWith("not_jpeg: ");
    }

    @Test
    void oversizeSnapshotIsRejected() {
        byte[] big = new byte[65];
        System.arraycopy(JPEG, 0, big, 0, 4);
        big[63] = (byte) 0xFF;
        big[64] = (byte) 0xD9;
        assertThat(reason("s1", big)).isEqualTo("too_large: 65 bytes > 64");
    }
}
