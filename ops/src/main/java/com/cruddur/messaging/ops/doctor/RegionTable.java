package com.cruddur.messaging.ops.doctor;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Lambda offers what the stack needs: SnapStart for Java, the {@code java25} managed runtime,
 * and an Amazon S3 bucket as the on-failure destination of a DynamoDB event source mapping. No API
 * answers this (Lambda has no "list runtimes or features by Region" call), so it is copied from
 * AWS's pages, as read on {@link #READ}:
 * <ul>
 *   <li>SnapStart: Lambda developer guide, "Improving startup performance with Lambda SnapStart",
 *       section "Supported Regions": "available in all commercial Regions except Asia Pacific (New
 *       Zealand) and Asia Pacific (Taipei)" (ap-southeast-6, ap-east-2).</li>
 *   <li>java25: Lambda developer guide, "Lambda runtimes" and "Building Lambda functions with Java":
 *       {@code java25}, Amazon Linux 2023, deprecation 2029-06-30, listed without any Region
 *       exception. AWS publishes no per-Region list of runtimes; "yes" below means "listed with no
 *       exception", which is as far as the pages go.</li>
 *   <li>S3 destination: Lambda developer guide, "Retain discarded records for a DynamoDB event
 *       source in Lambda", no Region exception; "Getting Started with Amazon Web Services in
 *       China", Lambda: "Amazon S3 as a destination for Kinesis, DynamoDB and asynchronous
 *       invocations is not available in the China Regions" (nor are event source mapping metrics;
 *       SnapStart is named unavailable there for Python and .NET, and Java is not named).</li>
 * </ul>
 * The commercial Regions are the {@code aws} partition of the AWS SDK's Region metadata (SDK
 * 2.59.1), which {@code RegionTableTest} holds this table to. Two of them, Middle East (Saudi
 * Arabia) and South America (Chile), are not named by the pages as read and may have opened after
 * them (the two most recent Regions before them are SnapStart's exceptions): not assumed,
 * unconfirmed. Nor did any page read say anything of the GovCloud Regions: unconfirmed. An
 * unconfirmed offer is a warning, never an ok.
 */
final class RegionTable {

    /** When the pages were read; printed with every verdict of the region check. */
    static final LocalDate READ = LocalDate.of(2026, 12, 3);
    /** Where from, for the report line. */
    static final String SOURCE = "the Lambda developer guide's SnapStart and runtimes pages";

    /** Whether a Region offers a thing, per the pages. */
    enum Offer { YES, NO, UNCONFIRMED }

    /**
     * One Region's row.
     *
     * @param snapStartJava        SnapStart for the Java runtimes
     * @param java25               the java25 managed runtime
     * @param s3FailureDestination an S3 bucket as a DynamoDB event source mapping's on-failure destination
     */
    record Row(Offer snapStartJava, Offer java25, Offer s3FailureDestination) {
    }

    private static final Row COMMERCIAL = new Row(Offer.YES, Offer.YES, Offer.YES);
    /** New Zealand and Taipei: SnapStart's named exceptions. */
    private static final Row NO_SNAPSTART = new Row(Offer.NO, Offer.YES, Offer.YES);
    /** Newer than the pages as read. */
    private static final Row NOT_NAMED = new Row(Offer.UNCONFIRMED, Offer.UNCONFIRMED, Offer.UNCONFIRMED);
    /**
     * China: java25 is in the China guide's Java page; S3 destinations are not offered there; SnapStart
     * for Java is not named either way (only Python's and .NET's absence is).
     */
    private static final Row CHINA = new Row(Offer.UNCONFIRMED, Offer.YES, Offer.NO);
    private static final Row GOVCLOUD = new Row(Offer.UNCONFIRMED, Offer.UNCONFIRMED, Offer.UNCONFIRMED);

    private static final Map<String, Row> ROWS = rows();

    private RegionTable() {
    }

    /** The row of a Region, if the table has one. */
    static Optional<Row> row(String region) {
        return Optional.ofNullable(ROWS.get(region));
    }

    /** Every Region of the table, in its order. */
    static List<String> regions() {
        return List.copyOf(ROWS.keySet());
    }

    private static Map<String, Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String region : List.of(
                "us-east-1", "us-east-2", "us-west-1", "us-west-2",
                "af-south-1",
                "ap-east-1", "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
                "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
                "ap-southeast-7",
                "ca-central-1", "ca-west-1",
                "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
                "eu-west-1", "eu-west-2", "eu-west-3",
                "il-central-1", "me-central-1", "me-south-1",
                "mx-central-1", "sa-east-1")) {
            rows.put(region, COMMERCIAL);
        }
        rows.put("ap-southeast-6", NO_SNAPSTART);
        rows.put("ap-east-2", NO_SNAPSTART);
        rows.put("me-west-1", NOT_NAMED);
        rows.put("sa-west-1", NOT_NAMED);
        rows.put("cn-north-1", CHINA);
        rows.put("cn-northwest-1", CHINA);
        rows.put("us-gov-east-1", GOVCLOUD);
        rows.put("us-gov-west-1", GOVCLOUD);
        return rows;
    }
}
