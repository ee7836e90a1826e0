package com.cruddur.messaging.bench;

import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.devkit.Workload;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The benchmarks' tables: each run starts on a fresh one, holding the workload's rows. */
final class Workloads {

    private Workloads() {
    }

    /** Creates {@code table} from the schema and loads the workload's conversation-list rows. */
    static void freshTable(DynamoDbClient admin, String table, Workload workload) {
        TableDefinitions.createTable(admin, table);
        Items.putAll(admin, table, workload.rows(), n -> { });
    }
}
