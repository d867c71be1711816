package org.breachline.people;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The answer to an import: rows accepted and rejected, what happened to the stored people (inserted, updated,
 * unchanged, duplicate rows merged into an earlier row of the same reference), the first rejections, where all of
 * them can be downloaded, and the incident's people per jurisdiction after the import.
 */
public record ImportReport(UUID importId, String incidentKey, String format, long accepted, long rejected,
                           long inserted, long updated, long unchanged, long duplicatesMerged,
                           List<Rejection> rejections, boolean moreRejections, String rejectionsUrl,
                           Map<String, Long> affectedByJurisdiction) {
    public ImportReport {
        rejections = List.copyOf(rejections);
        affectedByJurisdiction = Map.copyOf(affectedByJurisdiction);
    }
}
