package io.anju.sim.load;

import java.util.Locale;

/**
 * What a socket flood did. {@code established}: TCP handshakes completed; {@code closedByGateway}: of those, closed by
 * the gateway before the flooder closed them; {@code refused}: connects answered with a reset or refusal;
 * {@code timedOut}: connects never answered (SYNs dropped); {@code skipped}: attempts not made because
 * {@code maxOpen} sockets were open; {@code unfinished}: still connecting or open when the flooder gave up waiting.
 */
public record FloodResult(long attempted, long established, long closedByGateway, long refused, long timedOut,
                          long skipped, long unfinished, double seconds) {

    public double attemptedPerSec() {
        return attempted / Math.max(seconds, 1e-3);
    }

    public String format() {
        return String.format(Locale.ROOT, "flood        %d attempted in %.1f s (%.0f/s), %d established, %d closed by the "
                        + "gateway, %d refused, %d timed out, %d skipped (open-socket cap), %d unfinished%n",
                attempted, seconds, attemptedPerSec(), established, closedByGateway, refused, timedOut, skipped,
                unfinished);
    }
}
