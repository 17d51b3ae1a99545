package io.anju.sim.payload;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * Small generated evidence images: a noisy grey scene, the detection box and a marker stripe, encoded as a valid
 * baseline JPEG of a few KB. Deterministic for the same inputs.
 */
public final class JpegSnapshots {
    public static final int WIDTH = 160;
    public static final int HEIGHT = 120;

    private JpegSnapshots() {
    }

    /** @param bbox x, y, w, h in a 160 × 120 frame */
    public static byte[] render(String deviceId, String kind, long ts, int[] bbox) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Random noise = new Random(deviceId.hashCode() * 31L + ts);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int g = 60 + y / 2 + noise.nextInt(12);
                img.setRGB(x, y, (g << 16) | (g << 8) | g);
            }
        }
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.RED);
            g.drawRect(bbox[0], bbox[1], bbox[2], bbox[3]);
            // A stripe whose width follows the kind; no text, so no fonts are needed on a headless machine.
            g.setColor(Color.WHITE);
            g.fillRect(2, 2, 8 + Math.floorMod(kind.hashCode(), 40), 3);
        } finally {
            g.dispose();
        }
        return encode(img, 0.6f);
    }

    private static byte[] encode(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
