package io.anju.cases.commands;

import java.math.BigDecimal;

/** The words of a command's history entry: what became of which command, as a person reads it in the case. */
final class CommandNote {

    private CommandNote() {
    }

    static String of(CommandOutcome o) {
        String what = (o.action() == null ? "command" : o.action()) + (o.port() == null ? "" : " of port " + o.port());
        String detail = o.detail() == null ? "" : ": " + o.detail();
        return switch (o.kind()) {
            case CommandOutcome.CONFIRMATION -> switch (o.outcome()) {
                case "confirmed" -> what + " confirmed by readings" + watts(o.powerW(), "");
                case "retried" -> what + " not confirmed in time; retried (attempt " + o.attempt() + ")"
                        + watts(o.powerW(), "still ");
                case "unconfirmed" -> what + " not confirmed after " + o.attempt() + " attempt"
                        + (o.attempt() == 1 ? "" : "s") + watts(o.powerW(), "still ");
                case "resumed" -> what + " no longer watched" + detail;
                default -> what + " " + o.outcome() + detail;
            };
            case CommandOutcome.REPLY -> "the device answered " + o.outcome() + " to " + what + detail;
            default -> switch (o.outcome()) {
                case "delivered" -> what + " delivered to " + o.deviceId()
                        + (o.gateway() == null ? "" : " by " + o.gateway());
                case "held" -> what + " held" + detail;
                default -> what + " not delivered (" + o.outcome() + ")" + detail;
            };
        };
    }

    /** " (0 W)", " (still 950 W)", or nothing when no reading decided. */
    private static String watts(Double w, String prefix) {
        return w == null ? "" : " (" + prefix + BigDecimal.valueOf(w).stripTrailingZeros().toPlainString() + " W)";
    }
}
