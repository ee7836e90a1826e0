package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.LinkedHashMap;
import java.util.Map;

/** The function's environment variables, as the stack sets them ({@link DeploymentContract.Env}). */
final class FunctionEnvironment {

    private FunctionEnvironment() {
    }

    /** The variables of the function on {@code tableName}, writing by {@code writeMode}. */
    static Map<String, String> of(String tableName, String writeMode) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(DeploymentContract.Env.TABLE_NAME, tableName);
        environment.put(DeploymentContract.Env.INDEX_NAME, MessagesTable.GROUP_INDEX_NAME);
        environment.put(DeploymentContract.Env.WRITE_MODE, writeMode);
        // Where the handler's EMF metrics go: the namespace the alarms and the dashboard read.
        environment.put(DeploymentContract.Env.METRICS_NAMESPACE, StreamMetrics.NAMESPACE);
        // The HTTP client's idle-connection pool, read once at the JVM's start: a batch's waves of
        // requests reuse their TLS connections instead of opening new ones (DeploymentContract.Connections).
        // Lambda's runtime puts its own flags on the java command line, not in this variable, so nothing
        // of the runtime's is replaced ("Customize Java runtime startup behavior for Lambda functions").
        environment.put(DeploymentContract.Env.JAVA_TOOL_OPTIONS, DeploymentContract.Connections.JAVA_TOOL_OPTIONS);
        return environment;
    }
}
