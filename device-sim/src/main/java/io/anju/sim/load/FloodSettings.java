package io.anju.sim.load;

import io.anju.common.config.Require;

/**
 * One socket flood from a single source address.
 *
 * @param host           the gateway's MQTT host
 * @param port           the gateway's MQTT port
 * @param source         the local address every socket is bound to (e.g. 127.0.0.2: one source, not exempt)
 * @param ratePerSec     new sockets per second (default 10,000)
 * @param durationS      how long to open sockets, seconds (default 10)
 * @param holdMs         how long each established socket is held before it is closed (default 1,000)
 * @param maxOpen        most sockets open or connecting at once; an attempt beyond it is skipped and counted (keeps
 *                       the process within its open-files limit)
 * @param partialConnect send the first two bytes of a CONNECT (its fixed header) instead of nothing
 */
public record FloodSettings(String host, int port, String source, int ratePerSec, int durationS, int holdMs,
                            int maxOpen, boolean partialConnect) {

    public FloodSettings {
        Require.atLeast("--rate", ratePerSec, 1);
        Require.that(durationS >= 1, "--duration", durationS + "s", "must be at least 1s");
        Require.atLeast("--hold", holdMs, 0);
        Require.atLeast("--max-open", maxOpen, 1);
        Require.between("--port", port, 1, 65_535);
    }
}
