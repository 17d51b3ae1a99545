package io.anju.platform;

import io.anju.cases.auth.UserStore;
import io.anju.cases.auth.cli.UserDemoCommand.DemoUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Adds the demo team to the case service; people who exist already are left as they are (a second run). */
final class DemoUsers {
    private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);
    private static final long TIMEOUT_S = 60;

    private DemoUsers() {
    }

    /** @return how many users were added */
    static int provision(UserStore users, List<DemoUser> team, String password) throws Exception {
        int added = 0;
        for (DemoUser u : team) {
            boolean exists = users.find(u.name()).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).isPresent();
            if (!exists) {
                users.add(u.name(), u.role().wireName(), u.scope(), password, u.displayName())
                        .toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
                added++;
            }
        }
        LOG.info("demo users: {} added, {} there already", added, team.size() - added);
        return added;
    }
}
