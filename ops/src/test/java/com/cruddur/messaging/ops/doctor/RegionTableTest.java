package com.cruddur.messaging.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.ops.doctor.RegionTable.Offer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * The table against the AWS SDK's Region metadata: every Region of the commercial, China and
 * GovCloud partitions has a row, and every row is a Region the SDK knows. A newer SDK that knows a
 * new Region fails this test until the Region is looked up in AWS's pages and added.
 */
class RegionTableTest {

    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov");

    @Test
    void everyRegionOfThePartitionsTheStackCanUseHasARow() {
        List<String> known = Region.regions().stream()
                .filter(r -> !r.isGlobalRegion() && r.metadata() != null && PARTITIONS.contains(r.metadata().partition().id()))
                .map(Region::id).toList();

        assertThat(RegionTable.regions()).containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void onlyTheCommercialPartitionIsConfirmedForEverything() {
        for (String region : RegionTable.regions()) {
            RegionTable.Row row = RegionTable.row(region).orElseThrow();
            boolean allYes = row.snapStartJava() == Offer.YES && row.java25() == Offer.YES
                    && row.s3FailureDestination() == Offer.YES;
            if (allYes) {
                assertThat(RegionMetadata.of(Region.of(region)).partition().id()).as(region).isEqualTo("aws");
            }
        }
    }
}
