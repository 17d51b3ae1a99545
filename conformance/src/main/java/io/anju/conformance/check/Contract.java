package io.anju.conformance.check;

import java.time.Duration;

/**
 * The figures of docs/device-protocol.md the checks judge by, and the kit's tolerances around them (each tolerance
 * says why it is what it is).
 */
public final class Contract {
    /** §3 status: a heartbeat every 90 s. */
    public static final long HEARTBEAT_MS = Duration.ofSeconds(90).toMillis();
    /**
     * A cadence is missed when a gap is longer than 1.5 periods: timers drift and messages queue for a moment, but a
     * missed message makes a gap of two periods.
     */
    public static final double CADENCE_TOLERANCE = 1.5;
    /** §3 charger telemetry: every 30 s while a port charges. */
    public static final long CHARGER_CHARGING_MS = Duration.ofSeconds(30).toMillis();
    /** §3 charger telemetry: every 90 s otherwise. */
    public static final long CHARGER_IDLE_MS = Duration.ofSeconds(90).toMillis();
    /** §3 crowd telemetry: every 10 s. */
    public static final long CROWD_MS = Duration.ofSeconds(10).toMillis();
    /** §3: the gateway flags a {@code ts} more than 5 minutes off its clock. */
    public static final long CLOCK_FAIL_MS = Duration.ofMinutes(5).toMillis();
    /** An NTP-synchronised clock is within a second; 30 s off is a clock that is not kept. */
    public static final long CLOCK_WARN_MS = Duration.ofSeconds(30).toMillis();
    /** §1: more than 10 connects a minute get a device banned. */
    public static final int MAX_CONNECTS_PER_MINUTE = 10;
    /** §1: keep-alive 60–600 s recommended. */
    public static final int KEEP_ALIVE_MIN_S = 60;
    public static final int KEEP_ALIVE_MAX_S = 600;
    /** §3 command/reply: within 10 minutes of receiving the command. */
    public static final long REPLY_WITHIN_MS = Duration.ofMinutes(10).toMillis();
    /** §3 status: the Will is published when the connection drops; the kit allows this long for it to arrive. */
    public static final long WILL_WITHIN_REAL_MS = Duration.ofSeconds(10).toMillis();
    /** §3: {@code seq} wraps at 2^31. */
    public static final long SEQ_MODULUS = 1L << 31;

    private Contract() {
    }
}
