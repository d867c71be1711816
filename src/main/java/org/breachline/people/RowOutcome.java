package org.breachline.people;

import java.util.List;
import java.util.Objects;

/** What became of one row of an import file: accepted as a person or rejected with its problems. */
public sealed interface RowOutcome {

    /** The physical line of the file where the row starts (1-based, the header being line 1 in CSV). */
    long line();

    /** A row that passed every check. */
    record Accepted(long line, AffectedPersonRow person) implements RowOutcome {
        public Accepted {
            Objects.requireNonNull(person, "person");
        }
    }

    /** A row refused for one or more problems; the problems never contain the row's personal data. */
    record Rejected(long line, List<RowProblem> problems) implements RowOutcome {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }

        static Rejected of(long line, String field, String reason) {
            return new Rejected(line, List.of(new RowProblem(field, reason)));
        }

        /** The field of the first problem (a row-wide problem uses the field name {@code "row"}). */
        public String field() {
            return problems.get(0).field();
        }

        /** The reason of the first problem. */
        public String reason() {
            return problems.get(0).reason();
        }
    }
}
