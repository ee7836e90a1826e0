package com.cruddur.messaging.devkit;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The capacity a client's requests consumed, as DynamoDB itself reports it: asks for it on every
 * request ({@code ReturnConsumedCapacity=INDEXES}, which changes nothing else) and adds up the read
 * and write units of the table and of its indexes apart. A request that fails (a failed
 * condition) reports none: those are counted, not metered.
 *
 * <p>Transactions are counted, not metered: DynamoDB Local 2.6.1's figure for a
 * {@code TransactWriteItems} follows no rule (one 3 KB put reports 12 table units, where the
 * documented rule, two units per KB, says 6), so its figure would be wrong. The benchmark computes a
 * transaction's units from DynamoDB's documented rules instead, and the bench module's
 * {@code CapacityModelIT} holds those rules to worked examples and to DynamoDB Local's figures for
 * the plain requests, where they agree.
 */
public final class CapacityMeter implements ExecutionInterceptor {

    /** Units consumed so far. */
    public record Units(double tableRead, double indexRead, double tableWrite, double indexWrite, long unmetered,
                        long transactions) {

        public double read() {
            return tableRead + indexRead;
        }

        public double write() {
            return tableWrite + indexWrite;
        }
    }

    private final DoubleAdder tableRead = new DoubleAdder();
    private final DoubleAdder indexRead = new DoubleAdder();
    private final DoubleAdder tableWrite = new DoubleAdder();
    private final DoubleAdder indexWrite = new DoubleAdder();
    private final LongAdder unmetered = new LongAdder();
    private final LongAdder transactions = new LongAdder();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        ReturnConsumedCapacity indexes = ReturnConsumedCapacity.INDEXES;
        return switch (context.request()) {
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case ScanRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(indexes).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        switch (response) {
            case QueryResponse r -> read(r.consumedCapacity());
            case ScanResponse r -> read(r.consumedCapacity());
            case GetItemResponse r -> read(r.consumedCapacity());
            case PutItemResponse r -> write(r.consumedCapacity());
            case DeleteItemResponse r -> write(r.consumedCapacity());
            case UpdateItemResponse r -> write(r.consumedCapacity());
            case TransactWriteItemsResponse r -> transactions.increment();
            case BatchWriteItemResponse r -> r.consumedCapacity().forEach(this::write);
            default -> { }
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        unmetered.increment();
    }

    public Units snapshot() {
        return new Units(tableRead.sum(), indexRead.sum(), tableWrite.sum(), indexWrite.sum(), unmetered.sum(),
                transactions.sum());
    }

    public void reset() {
        List.of(tableRead, indexRead, tableWrite, indexWrite).forEach(DoubleAdder::reset);
        unmetered.reset();
        transactions.reset();
    }

    private void read(ConsumedCapacity consumed) {
        if (consumed != null) {
            tableRead.add(units(consumed.table()));
            consumed.globalSecondaryIndexes().values().forEach(c -> indexRead.add(units(c)));
        }
    }

    private void write(ConsumedCapacity consumed) {
        if (consumed != null) {
            tableWrite.add(units(consumed.table()));
            consumed.globalSecondaryIndexes().values().forEach(c -> indexWrite.add(units(c)));
        }
    }

    private static double units(Capacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }
}
