package io.anju.sim.payload;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class JpegSnapshotsTest {

    @Test
    void rendersASmallDecodableJpeg_deterministically() throws IOException {
        byte[] jpeg = JpegSnapshots.render("cam-0007-3", "ebike_in_elevator", 1_764_378_000_000L, new int[]{10, 20, 50, 60});
        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
        assertThat(jpeg[jpeg.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[jpeg.length - 1] & 0xFF).isEqualTo(0xD9);
        assertThat(jpeg.length).isBetween(500, 16 * 1024);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img.getWidth()).isEqualTo(JpegSnapshots.WIDTH);
        assertThat(img.getHeight()).isEqualTo(JpegSnapshots.HEIGHT);
        assertThat(JpegSnapshots.render("cam-0007-3", "ebike_in_elevator", 1_764_378_000_000L, new int[]{10, 20, 50, 60}))
                .isEqualTo(jpeg);
    }
}
