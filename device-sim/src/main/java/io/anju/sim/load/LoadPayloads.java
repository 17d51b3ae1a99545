package io.anju.sim.load;

import java.nio.charset.StandardCharsets;

/**
 * Telemetry payloads for load runs, shaped like the real ones (device-protocol.md) and built from a template so
 * generating them costs little next to sending them. A charger payload is about 200 bytes.
 */
public final class LoadPayloads {
    private LoadPayloads() {
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
