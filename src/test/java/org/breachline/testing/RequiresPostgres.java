package org.breachline.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the annotated test class only where PostgreSQL is reachable, and says so once where it is not. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

    /** Checks reachability once per test run. */
    class Condition implements ExecutionCondition {
        private static final AtomicReference<String> VERDICT = new AtomicReference<>();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String verdict = VERDICT.updateAndGet(v -> {
                if (v != null) {
                    return v;
                }
                String why = TestDatabase.postgresUnreachableBecause();
                if (why != null) {
                    System.out.println("PostgreSQL is not reachable at " + TestDatabase.PG_ADMIN_URL + " (" + why
                            + "): the PostgreSQL half of the suite is SKIPPED; the H2 half runs.");
                }
                return why == null ? "" : why;
            });
            return verdict.isEmpty() ? ConditionEvaluationResult.enabled("PostgreSQL reachable")
                    : ConditionEvaluationResult.disabled("PostgreSQL not reachable: " + verdict);
        }
    }
}
