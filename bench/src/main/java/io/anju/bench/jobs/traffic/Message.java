package io.anju.bench.jobs.traffic;

/**
 * One envelope to write.
 *
 * @param overloadPort the port an overload reading puts over its limit (it must raise a port overload); 0 otherwise
 */
public record Message(Kind kind, String topic, byte[] key, byte[] value, String deviceId, int overloadPort, long ts) {
    public boolean overload() {
        return overloadPort > 0;
    }
}
