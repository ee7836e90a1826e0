package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.doctor.BootstrapCheck.Toolkit;
import com.cruddur.messaging.ops.doctor.DoctorClients.Service;
import com.cruddur.messaging.ops.doctor.StreamConsumersCheck.Mapping;
import com.cruddur.messaging.ops.doctor.TableKeyCheck.Key;
import com.cruddur.messaging.ops.doctor.TableStreamCheck.Table;
import com.cruddur.messaging.schema.DeploymentContract;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The preflight: gathers each check's facts (reads only, through {@link DoctorClients}) and
 * decides each verdict purely, in the report's order: region, CDK bootstrap, table and stream,
 * the stream's other readers, the table's key, failure objects, Node.js.
 */
final class Doctor {

    /**
     * What to check for, as the stack's context would deploy it.
     *
     * @param table     the table's name
     * @param existing  existing-table mode (the stack's {@code existingTableName})
     * @param kmsKeyArn the stack's {@code existingTableKmsKeyArn}, null if none
     * @param node      the node command to ask for its version
     */
    record Options(String table, boolean existing, String kmsKeyArn, String node) {
    }

    private Doctor() {
    }

    static List<Verdict> run(Options options, DoctorClients clients, FailureObjectsSource failures, Instant now) {
        Verdict region = RegionCheck.verdict(clients.region(), clients.aws());

        Lookup<Table> table = clients.dynamoDbUnavailable().<Lookup<Table>>map(Lookup::notChecked)
                .orElseGet(() -> Gather.table(clients.dynamoDb(), options.table()));
        Table found = table instanceof Lookup.Found<Table> f ? f.value() : null;

        Lookup<Toolkit> toolkit = ask(clients, Service.CLOUDFORMATION, () -> Gather.toolkit(clients.cloudFormation()));
        Verdict bootstrap = BootstrapCheck.verdict(toolkit, Gather.bootstrapRequirement(), clients.region(),
                found == null ? null : found.account());

        // Whether an existing table of that name is the stack's own matters only for a new-table deploy.
        Lookup<Boolean> stack = options.existing() || found == null ? Lookup.notChecked("not needed")
                : ask(clients, Service.CLOUDFORMATION,
                        () -> Gather.stackExists(clients.cloudFormation(), DeploymentContract.Stack.NAME));
        Verdict tableVerdict = TableStreamCheck.verdict(options.table(), options.existing(), table, stack);

        String streamArn = found == null ? null : found.latestStreamArn();
        Lookup<List<Mapping>> mappings = streamArn == null ? Lookup.notChecked("no stream")
                : ask(clients, Service.LAMBDA, () -> Gather.mappings(clients.lambda(), streamArn));
        Verdict consumers = StreamConsumersCheck.verdict(streamArn, mappings);

        String tableKey = found == null ? null : found.kmsKeyArn();
        Lookup<Key> key = tableKey == null ? Lookup.notChecked("no key")
                : ask(clients, Service.KMS, () -> Gather.key(clients.kms(), tableKey));
        Verdict keyVerdict = TableKeyCheck.verdict(options.existing(), table, key, options.kmsKeyArn());

        Verdict failureObjects = FailureObjectsCheck.verdict(failures.list(), now);
        Verdict node = NodeCheck.verdict(Gather.nodeVersion(options.node()));
        return List.of(region, bootstrap, tableVerdict, consumers, keyVerdict, failureObjects, node);
    }

    /** A read of a service, or why it is not asked. */
    private static <T> Lookup<T> ask(DoctorClients clients, Service service, Supplier<Lookup<T>> read) {
        Optional<String> why = clients.unavailable(service);
        return why.<Lookup<T>>map(Lookup::notChecked).orElseGet(read);
    }
}
