package org.breachline.rules;

import java.util.List;

/** Where a clock starts: an event of the incident, or another obligation being done. */
public sealed interface ClockStart {

    /** The start in words, for an obligation's basis. */
    String words();

    /** A clock that starts at an event of the incident. */
    record At(StartEvent event) implements ClockStart {
        @Override
        public String words() {
            return event.words();
        }
    }

    /** A clock that starts when the first of the named obligations is done (facts.fulfilled). */
    record FulfilmentOf(List<String> ruleIds) implements ClockStart {
        public FulfilmentOf {
            ruleIds = List.copyOf(ruleIds);
        }

        @Override
        public String words() {
            return "submission of " + String.join(" or ", ruleIds);
        }
    }
}
