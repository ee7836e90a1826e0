package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.doctor.FailureObjectsCheck.FailureObject;
import java.util.List;

/**
 * Where the failure-objects check gets its facts: the failure bucket, listed ({@link Gather#failureObjects});
 * a seam so that {@link Doctor}'s tests can give the listing directly.
 */
@FunctionalInterface
interface FailureObjectsSource {

    /** The failure objects waiting, as listed. */
    Lookup<List<FailureObject>> list();
}
