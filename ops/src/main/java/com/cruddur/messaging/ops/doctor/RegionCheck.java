package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.doctor.RegionTable.Offer;
import com.cruddur.messaging.ops.doctor.RegionTable.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Region the stack would be deployed to, against {@link RegionTable}: where Lambda offers
 * SnapStart for Java, {@code java25} and S3 failure destinations. A Region that lacks one fails the
 * deploy (SnapStart and the runtime are the function's settings, the bucket its mapping's
 * destination); one the pages do not confirm is a warning.
 */
final class RegionCheck {

    static final String NAME = "region";

    private RegionCheck() {
    }

    /**
     * @param region the configured Region, null when none is
     * @param aws    whether doctor runs against AWS (a local run needs no Region)
     */
    static Verdict verdict(String region, boolean aws) {
        if (region == null) {
            return aws
                    ? Verdict.fail(NAME, "no AWS region configured",
                            "export AWS_REGION=<region> (or use a profile with a region), then run doctor again")
                    : Verdict.skip(NAME, "no AWS region configured: a local run needs none"
                            + " (set AWS_REGION to check the Region you will deploy to)");
        }
        String label = "(as read " + RegionTable.READ + " from " + RegionTable.SOURCE + "; no API answers this)";
        Optional<Row> row = RegionTable.row(region);
        if (row.isEmpty()) {
            return Verdict.warn(NAME, region + " is not in the table: SnapStart for Java, java25 and S3 failure"
                    + " destinations unconfirmed " + label,
                    "look " + region + " up in those pages (SnapStart's \"Supported Regions\", \"Lambda runtimes\")"
                            + " and add it to RegionTable");
        }
        List<String> missing = new ArrayList<>();
        List<String> unconfirmed = new ArrayList<>();
        sort(row.get().snapStartJava(), "SnapStart for Java", missing, unconfirmed);
        sort(row.get().java25(), "java25", missing, unconfirmed);
        sort(row.get().s3FailureDestination(), "S3 failure destinations", missing, unconfirmed);
        if (!missing.isEmpty()) {
            return Verdict.fail(NAME, region + " does not offer " + String.join(", ", missing)
                    + (unconfirmed.isEmpty() ? "" : "; unconfirmed: " + String.join(", ", unconfirmed)) + " " + label,
                    "deploy to a Region that offers them (AWS_REGION), e.g. the nearest one the table has as ok");
        }
        if (!unconfirmed.isEmpty()) {
            return Verdict.warn(NAME, region + ": unconfirmed: " + String.join(", ", unconfirmed) + " " + label,
                    "check " + region + " in those pages before deploying, or deploy to a Region the table has as ok");
        }
        return Verdict.ok(NAME, region + " offers SnapStart for Java, java25 and S3 failure destinations " + label);
    }

    private static void sort(Offer offer, String what, List<String> missing, List<String> unconfirmed) {
        switch (offer) {
            case NO -> missing.add(what);
            case UNCONFIRMED -> unconfirmed.add(what);
            case YES -> { }
        }
    }
}
