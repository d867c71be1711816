package org.breachline.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.change.custom.CustomTaskChange;
import liquibase.resource.ResourceAccessor;
import org.breachline.crypto.AtRestCipher;
import org.breachline.crypto.CiphertextRejectedException;

/**
 * Migration 015: copies each person's sealed text fields into their binary columns, a thousand rows at a time in id
 * order, without decrypting anything (so it needs no key). A value that is not a sealed value stops the migration,
 * naming the row: converting it to anything would lose it.
 */
public final class SealedColumnsToBytes implements CustomTaskChange {
    private static final int BATCH = 1000;
    private static final String[] FIELDS = {"reference_sealed", "name_sealed", "email_sealed", "phone_sealed"};
    private static final String SELECT = "SELECT id, reference_sealed_text, name_sealed_text, email_sealed_text, "
            + "phone_sealed_text FROM affected_person WHERE id > ? ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY";
    private static final String UPDATE = "UPDATE affected_person SET reference_sealed = ?, name_sealed = ?, "
            + "email_sealed = ?, phone_sealed = ? WHERE id = ?";
    private long converted;

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try (PreparedStatement select = connection.prepareStatement(SELECT);
             PreparedStatement update = connection.prepareStatement(UPDATE)) {
            long after = Long.MIN_VALUE;
            int rows;
            do {
                rows = 0;
                select.setLong(1, after);
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        after = r.getLong(1);
                        for (int i = 0; i < FIELDS.length; i++) {
                            update.setBytes(i + 1, binary(r.getString(i + 2), after, FIELDS[i]));
                        }
                        update.setLong(FIELDS.length + 1, after);
                        update.addBatch();
                        rows++;
                    }
                }
                if (rows > 0) {
                    update.executeBatch();
                    converted += rows;
                }
            } while (rows == BATCH);
        } catch (SQLException e) {
            throw new CustomChangeException("converting sealed person fields to bytes failed", e);
        }
    }

    private static byte[] binary(String text, long id, String field) throws CustomChangeException {
        if (text == null) {
            return null;
        }
        try {
            return AtRestCipher.binaryForm(text);
        } catch (CiphertextRejectedException e) {
            throw new CustomChangeException("affected_person " + id + ": " + field + " is not a sealed value ("
                    + e.getMessage() + ")");
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "sealed fields of " + converted + " people stored as bytes";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
