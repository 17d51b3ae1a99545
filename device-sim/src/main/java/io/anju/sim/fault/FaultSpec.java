package io.anju.sim.fault;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One planned fault: what, on which device (and port), over which simulated time window, and how strong.
 * {@code magnitude} is fault-specific: watts for a port overload or an illegal load, a multiple of the station
 * limit for a station overload, °C/min for thermal runaway,
 * mA for leakage, a multiple of zone capacity for a crowd surge; 0 where it has no meaning.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSpec(FaultKind fault, String deviceId, Integer port, long startTs, long endTs, double magnitude) {

    public FaultSpec {
        if (fault == null || deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("a fault needs 'fault' and 'deviceId'");
        }
        if (endTs < startTs) {
            throw new IllegalArgumentException("fault " + fault.wireName() + " on " + deviceId + ": endTs before startTs");
        }
        if (fault.perPort() && (port == null || port < 1)) {
            throw new IllegalArgumentException("fault " + fault.wireName() + " on " + deviceId + " needs 'port' >= 1");
        }
    }

    public boolean activeAt(long ts) {
        return ts >= startTs && ts < endTs;
    }

    public boolean on(String device, int portNo) {
        return deviceId.equals(device) && port != null && port == portNo;
    }
}
