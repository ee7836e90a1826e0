package com.cruddur.messaging.infra;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An existing VPC, given by ids: the function's subnets, their route tables (the DynamoDB gateway
 * endpoint adds its route there) and their availability zones, index for index.
 */
public record ExistingVpc(String vpcId, List<String> subnetIds, List<String> routeTableIds,
                          List<String> availabilityZones) {

    private static final Pattern VPC_ID_PATTERN = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID_PATTERN = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern ROUTE_TABLE_ID_PATTERN = Pattern.compile("rtb-[0-9a-f]{8,17}");
    private static final Pattern AZ_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");

    public ExistingVpc {
        subnetIds = List.copyOf(subnetIds);
        routeTableIds = List.copyOf(routeTableIds);
        availabilityZones = List.copyOf(availabilityZones);
        require(StackConfig.VPC_ID, List.of(vpcId), VPC_ID_PATTERN);
        require(StackConfig.SUBNET_IDS, subnetIds, SUBNET_ID_PATTERN);
        require(StackConfig.ROUTE_TABLE_IDS, routeTableIds, ROUTE_TABLE_ID_PATTERN);
        require(StackConfig.AVAILABILITY_ZONES, availabilityZones, AZ_PATTERN);
        if (subnetIds.isEmpty()
                || routeTableIds.size() != subnetIds.size()
                || availabilityZones.size() != subnetIds.size()) {
            throw new IllegalArgumentException("context " + StackConfig.SUBNET_IDS + ", " + StackConfig.ROUTE_TABLE_IDS + " and "
                    + StackConfig.AVAILABILITY_ZONES + " must list one entry per subnet, in the same order; got "
                    + subnetIds.size() + ", " + routeTableIds.size() + " and " + availabilityZones.size());
        }
    }

    private static void require(String key, List<String> values, Pattern pattern) {
        for (String value : values) {
            if (!pattern.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        "context " + key + ": '" + value + "' does not look like " + pattern.pattern());
            }
        }
    }
}
