package io.anju.conformance.watch;

/**
 * A command the kit sent the device through {@code anju.commands}.
 *
 * @param supported whether the device's type supports the action (else the contract asks for {@code rejected})
 * @param sentAt    when, on the kit's {@link TimeScale}
 */
public record SentCommand(String id, String action, boolean supported, long sentAt) {
}
