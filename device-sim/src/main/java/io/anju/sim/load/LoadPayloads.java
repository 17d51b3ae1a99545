package io.anju.sim.load;

import java.nio.charset.StandardCharsets;

/**
 * Payloads for load runs, shaped like the real ones (device-protocol.md) and built from a template so generating
 * them costs little next to sending them. A charger payload is about 200 bytes; a snapshot is as large as asked.
 */
public final class LoadPayloads {
    private LoadPayloads() {
    }

    /** The payload of message {@code seq} of a connection playing {@code deviceId}. */
    public static byte[] build(LoadSettings s, String deviceId, long ts, long seq) {
        return s.snapshots() ? snapshot(deviceId, seq, s.snapshotBytes()) : build(s.payload(), ts, seq);
    }

    /**
     * A JPEG as the gateway checks it (start and end markers) of {@code bytes} bytes, different for every device and
     * {@code seq}: the gateway stores each one anew (an image sent again only refreshes its time), so a snapshot
     * load takes disk space at its byte rate.
     */
    public static byte[] snapshot(String deviceId, long seq, int bytes) {
        byte[] image = new byte[bytes];
        byte[] id = (deviceId + "/" + seq).getBytes(StandardCharsets.UTF_8);
        image[0] = (byte) 0xFF;
        image[1] = (byte) 0xD8;
        image[2] = (byte) 0xFF;
        System.arraycopy(id, 0, image, 3, Math.min(id.length, bytes - 5));
        image[bytes - 2] = (byte) 0xFF;
        image[bytes - 1] = (byte) 0xD9;
        return image;
    }

    public static byte[] build(String type, long ts, long seq) {
        StringBuilder sb = new StringBuilder(224).append("{\"ts\":").append(ts).append(",\"seq\":").append(seq);
        if (type.equals("crowd")) {
            sb.append(",\"count\":").append(300 + seq % 200).append(",\"inCount\":").append(20 + seq % 17)
                    .append(",\"outCount\":").append(18 + seq % 13).append(",\"intervalS\":10}");
        } else {
            sb.append(",\"mainsV\":228.4,\"ambientC\":24.1,\"smoke\":false,\"leakageMa\":3.2,\"ports\":[{\"no\":1,")
                    .append("\"state\":\"charging\",\"voltageV\":48.6,\"currentA\":4.1,\"powerW\":199.3,\"energyWh\":")
                    .append(seq % 1000).append(",\"tempC\":38.5}]}");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
