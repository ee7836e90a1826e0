package com.cruddur.messaging.stream;

/**
 * The function as one invocation sees it, for its log and metrics.
 *
 * @param name                 the function's name (the metrics' dimension)
 * @param version              the version that runs ({@code $LATEST} or a published number; SnapStart
 *                             snapshots exist only for published versions)
 * @param restoredFromSnapshot whether this execution environment was restored from a SnapStart
 *                             snapshot (the runtime called the afterRestore hook) rather than
 *                             initialized from scratch
 */
record FunctionInstance(String name, String version, boolean restoredFromSnapshot) {
}
