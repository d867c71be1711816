package org.breachline.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StatementErrorsTest {
    private static final String CONTACT = "fuzz.person@example.org";

    private static String failedInsertMessage(Jdbi jdbi) {
        return catchThrowableOfType(StatementException.class, () -> jdbi.useHandle(h -> {
            h.execute("CREATE TABLE contact (id INT NOT NULL, email VARCHAR(100))");
            h.createUpdate("INSERT INTO contact (id, email) VALUES (NULL, :email)").bind("email", CONTACT).execute();
        })).getMessage();
    }

    @Test
    void aFailedStatementsMessageLeavesOutTheValuesItWasGiven() {
        assertThat(failedInsertMessage(Jdbi.create("jdbc:h2:mem:errors-default")))
                .as("JDBI's own default, which this guards against").contains(CONTACT);
        String message = failedInsertMessage(Database.keepingValuesOutOfErrors(Jdbi.create("jdbc:h2:mem:errors-kept")));
        assertThat(message).doesNotContain(CONTACT).containsIgnoringCase("NULL not allowed");
    }
}
