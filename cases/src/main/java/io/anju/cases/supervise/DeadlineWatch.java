package io.anju.cases.supervise;

import java.time.Instant;

/** Told, after a change committed, when that case's next supervision step is due, so supervision can wake for it. */
@FunctionalInterface
public interface DeadlineWatch {
    DeadlineWatch NONE = at -> { };

    void due(Instant at);
}
