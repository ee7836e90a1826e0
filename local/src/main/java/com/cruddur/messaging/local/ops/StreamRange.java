package com.cruddur.messaging.local.ops;

import com.cruddur.messaging.local.mapping.StreamFailureRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The records of a failure record's range, read back out of the stream: a shard iterator
 * {@code AT_SEQUENCE_NUMBER} of the range's start, then {@code GetRecords} until a record past its
 * end. DynamoDB keeps stream records for 24 hours: a range older than that is gone, which shows as
 * a {@code TrimmedDataAccessException}, a shard or stream that no longer exists, or a first record
 * later than the range's start.
 */
final class StreamRange {

    /** {@code GetRecords} may answer with no records before it reaches records ("Streams API", GetRecords). */
    static final int MAX_EMPTY_READS = 50;
    /** The most {@code GetRecords} returns at once. */
    private static final int PAGE = 1000;

    /** What reading the range came to. */
    sealed interface Read {
    }

    /** Every record of the range, in order. */
    record Complete(List<Record> records) implements Read {
    }

    /** The range's records are no longer in the stream. */
    record Gone(String reason) implements Read {
    }

    /** Part of the range could be read, not its end. */
    record Incomplete(List<Record> records, String reason) implements Read {
    }

    /** The stream refused the request for another reason (a malformed range, access denied, ...). */
    record Refused(String reason) implements Read {
    }

    private StreamRange() {
    }

    static Read read(DynamoDbStreamsClient streams, StreamFailureRecord range) {
        try {
            return readOrThrow(streams, range);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            return new Refused((code == null ? "" : code + ": ") + (message == null ? "" : message.strip()));
        }
    }

    private static Read readOrThrow(DynamoDbStreamsClient streams, StreamFailureRecord range) {
        BigInteger start = new BigInteger(range.startSequenceNumber());
        BigInteger end = new BigInteger(range.endSequenceNumber());
        String iterator;
        try {
            iterator = iterator(streams, range, ShardIteratorType.AT_SEQUENCE_NUMBER, range.startSequenceNumber());
        } catch (TrimmedDataAccessException e) {
            return new Gone("sequence number " + range.startSequenceNumber() + " is beyond the stream's trim horizon");
        } catch (ResourceNotFoundException e) {
            return new Gone("the stream or its shard " + range.shardId() + " no longer exists");
        }
        List<Record> records = new ArrayList<>();
        int emptyReads = 0;
        while (iterator != null) {
            GetRecordsResponse page;
            try {
                String current = iterator;
                page = streams.getRecords(b -> b.shardIterator(current).limit(PAGE));
            } catch (TrimmedDataAccessException e) {
                return new Gone("the range's records were trimmed from the stream while being read");
            } catch (ResourceNotFoundException e) {
                return new Gone("the shard " + range.shardId() + " no longer exists");
            } catch (ExpiredIteratorException e) {
                // Iterators expire after 15 minutes: continue after the last record read.
                iterator = records.isEmpty()
                        ? iterator(streams, range, ShardIteratorType.AT_SEQUENCE_NUMBER, range.startSequenceNumber())
                        : iterator(streams, range, ShardIteratorType.AFTER_SEQUENCE_NUMBER,
                                records.getLast().dynamodb().sequenceNumber());
                continue;
            }
            for (Record record : page.records()) {
                BigInteger sequence = new BigInteger(record.dynamodb().sequenceNumber());
                if (records.isEmpty() && sequence.compareTo(start) > 0) {
                    return new Gone("the shard's records begin at " + record.dynamodb().sequenceNumber()
                            + ", after the range's start");
                }
                if (sequence.compareTo(end) > 0) {
                    return new Complete(List.copyOf(records));
                }
                records.add(record);
                if (sequence.equals(end)) {
                    return new Complete(List.copyOf(records));
                }
            }
            emptyReads = page.records().isEmpty() ? emptyReads + 1 : 0;
            if (emptyReads >= MAX_EMPTY_READS) {
                return incomplete(records, "no record up to the range's end after " + MAX_EMPTY_READS + " empty reads");
            }
            iterator = page.nextShardIterator();
        }
        return incomplete(records, "the shard ended before the range's end");
    }

    private static Read incomplete(List<Record> records, String reason) {
        return records.isEmpty() ? new Gone(reason) : new Incomplete(List.copyOf(records), reason);
    }

    private static String iterator(DynamoDbStreamsClient streams, StreamFailureRecord range, ShardIteratorType type,
                                   String sequenceNumber) {
        return streams.getShardIterator(b -> b.streamArn(range.streamArn()).shardId(range.shardId())
                .shardIteratorType(type).sequenceNumber(sequenceNumber)).shardIterator();
    }
}
