package com.cruddur.messaging.local.ops;

import com.cruddur.messaging.local.Target;
import com.cruddur.messaging.stream.Config;

/**
 * The handler's configuration for the commands that repair the table (redrive, reconcile): the
 * deployed defaults, for the target's table. The one place they build it, so that a setting the
 * deployed function takes from its environment (such as a write mode) becomes an option of both
 * commands here.
 */
final class HandlerConfig {

    private HandlerConfig() {
    }

    static Config of(Target target) {
        return Config.forTable(target.table());
    }
}
