package com.cruddur.messaging.bench;

/**
 * The prices the benchmark turns capacity and compute into money with: the one place they live
 * (BENCHMARKS.md quotes them). US East (N. Virginia), on-demand, first pricing tier, as published
 * on aws.amazon.com's DynamoDB and Lambda pricing pages; checked {@value #CHECKED}.
 *
 * <ul>
 *   <li>DynamoDB on-demand: $0.625 per million write request units and $0.125 per million read
 *       request units (the rates since the on-demand price cut of 1 November 2024). Streams
 *       read by a Lambda trigger are free.</li>
 *   <li>Lambda on Arm (Graviton), as the stack deploys it: $0.0000133334 per GB-second (first
 *       7.5 billion GB-s a month) and $0.20 per million requests. SnapStart on Java adds no
 *       charge.</li>
 * </ul>
 */
final class Pricing {

    /** When the prices below were read. */
    static final String CHECKED = "2026-11-22";
    static final String REGION = "us-east-1";

    static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;
    static final double DYNAMODB_PER_MILLION_READ_UNITS = 0.125;
    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;

    private Pricing() {
    }

    /** Dollars per million messages for DynamoDB, from read and write units per message. */
    static double dynamoDbPerMillionMessages(double readUnitsPerMessage, double writeUnitsPerMessage) {
        return readUnitsPerMessage * DYNAMODB_PER_MILLION_READ_UNITS + writeUnitsPerMessage * DYNAMODB_PER_MILLION_WRITE_UNITS;
    }

    /** Dollars per million messages for Lambda, from invocations and GB-seconds per message. */
    static double lambdaPerMillionMessages(double invocationsPerMessage, double gbSecondsPerMessage) {
        return invocationsPerMessage * LAMBDA_PER_MILLION_REQUESTS + gbSecondsPerMessage * 1e6 * LAMBDA_ARM_PER_GB_SECOND;
    }
}
