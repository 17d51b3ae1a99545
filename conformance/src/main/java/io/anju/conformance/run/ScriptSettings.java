package io.anju.conformance.run;

import java.time.Duration;

/**
 * The run's timing, in real time.
 *
 * @param watch       how long the kit watches once the devices are connected ({@code --duration})
 * @param refuseFor   how long the sandbox refuses the device's reconnects after the forced drop ({@code --refuse-for})
 * @param connectWait how long the kit waits for the devices' first connection ({@code --connect-wait})
 * @param replyGrace  how long past the watch the kit waits for replies to its commands
 * @param progressEvery how often a progress line is printed
 */
public record ScriptSettings(Duration watch, Duration refuseFor, Duration connectWait, Duration replyGrace,
                             Duration progressEvery) {
}
