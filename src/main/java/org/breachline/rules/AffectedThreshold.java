package org.breachline.rules;

/**
 * A rule's gate on the number of affected people.
 *
 * @param scope    who is counted, in the statute's words ("Texas residents")
 * @param counting whether all of the jurisdiction is added up or the largest single subdivision counts
 */
public record AffectedThreshold(ComparisonOperator op, int value, String scope, Counting counting) {

    public AffectedThreshold {
        counting = counting == null ? Counting.TOTAL : counting;
    }

    /** How affected people are counted for a threshold. */
    public enum Counting {
        /** The jurisdiction and all its subdivisions added up. */
        TOTAL,
        /** The residents of any one subdivision (HIPAA media notice: more than 500 residents of one State). */
        SINGLE_SUBDIVISION
    }
}
