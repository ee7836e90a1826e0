package com.cruddur.messaging.stream;

import java.util.List;

/**
 * Applies one conversation's planned actions to the table, the way its {@link WriteMode} says. An
 * interface, not a base class: the handler's class verification then loads only the writer it uses.
 */
interface RowWriter {

    /**
     * Applies the actions; a write whose condition fails is not an error but a reason to re-read.
     *
     * @param moves told about every re-creation whose put may have gone through and whose old row
     *              may still be there
     * @return what was applied, whether a condition failed, and which keys other conversations hold
     * @throws software.amazon.awssdk.core.exception.SdkException on any failure other than a condition
     */
    WriteResult apply(String messageGroupUuid, List<RowAction> actions, MovesInFlight moves);
}
