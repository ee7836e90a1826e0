package com.cruddur.messaging.local.ops.doctor;

import com.cruddur.messaging.local.ops.doctor.FailureObjectsCheck.FailureObject;
import java.util.List;

/**
 * Where the failure-objects check gets its facts: the stack's failure bucket, listed.
 *
 * <p><b>Integration seam.</b> The failure bucket and its reader ({@code FailureBucket}, with
 * {@code FailureBucket.list(...)}) arrive with the S3 failure destination on another branch. After
 * that merge, wire it in {@link DoctorCommand}: find the bucket as {@code redrive} does (the stack
 * {@code CruddurMessaging}'s bucket, {@code DeploymentContract.Stack.FAILURE_BUCKET_LOGICAL_ID_PREFIX};
 * locally the endpoint of {@code AWS_ENDPOINT_URL_S3}), list its objects, and convert at this edge:
 * no bucket is {@link Lookup#missing()}, a refused or failed listing {@link Lookup.Failed} (as
 * {@link Gather} converts SDK errors), else {@link Lookup#found} with each object's key and
 * LastModified. Until then doctor says the check is not wired ({@link #NOT_WIRED}).
 */
@FunctionalInterface
interface FailureObjectsSource {

    /** Until the failure bucket is wired: the check is skipped, and says so. */
    FailureObjectsSource NOT_WIRED = () -> Lookup.notChecked(
            "not wired yet: lists the failure bucket once FailureBucket is merged (FailureObjectsSource)");

    /** The failure objects waiting, as listed. */
    Lookup<List<FailureObject>> list();
}
