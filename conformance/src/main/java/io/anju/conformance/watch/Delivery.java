package io.anju.conformance.watch;

/**
 * The gateway's report on delivering a command ({@code anju.command-results}, {@code kind} delivery).
 *
 * @param outcome {@code held}, {@code delivered}, {@code offline}, {@code expired}, {@code timeout}, {@code too_large} …
 * @param at      when (wall-clock Unix ms: the command relay's clock)
 */
public record Delivery(String commandId, String outcome, long at, String detail) {
}
