package org.breachline.people;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.breachline.crypto.AtRestKeyRing;
import org.breachline.db.Database;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 010 on a database that already holds people in the layout before it: their full-length reference hashes
 * become exactly what the import now computes, so a later import still finds them.
 */
abstract class NarrowRowsMigrationContract {
    private static final String INDEX_KEY = Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final BlindIndex index = new BlindIndex(new AtRestKeyRing(
            Map.of("k", Base64.getEncoder().encodeToString(new byte[32])), "k", INDEX_KEY));

    abstract DataSource freshDatabase() throws Exception;

    @Test
    void shortensStoredReferenceHashesToTheFormTheImportLooksUp() throws Exception {
        DataSource ds = freshDatabase();
        applyChangeSetsBefore("migrations/010-people-narrow-rows.xml", ds);
        UUID incident = UUID.randomUUID();
        String fullHash = index.of("reference:INC-2026-0001", "P-1");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO incident (id, incident_key, stage, version, title, severity, role, data_categories, "
                    + "encryption, affected_estimate, events, created_at, created_by, updated_at) VALUES ('" + incident
                    + "', 'INC-2026-0001', 'DETECTION', 1, 't', 'HIGH', 'CONTROLLER', '[]', 'NONE', '{}', '[]', "
                    + "CURRENT_TIMESTAMP, 'test', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO affected_person (incident_id, reference_index, reference_sealed, email_sealed, "
                    + "email_index, last_import_id, created_at, updated_at) VALUES ('" + incident + "', '" + fullHash
                    + "', 'v1:k:x', 'v1:k:y', '" + index.of("email", "a@example.com") + "', '" + UUID.randomUUID()
                    + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }

        Database.migrate(ds);

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM affected_person")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString("reference_index")).isEqualTo(index.ofReference("INC-2026-0001", "P-1"));
            assertThat(r.getString("email_sealed")).isEqualTo("v1:k:y");
            assertThat(r.getMetaData().getColumnCount()).as("the field indexes are gone").isEqualTo(13);
        }
    }

    /**
     * Brings the schema to where it stood before {@code file}, by counting the change sets included ahead of it that
     * run on this database (a change set for another dbms is not counted by Liquibase either).
     */
    private static void applyChangeSetsBefore(String file, DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            var db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            int count = 0;
            Matcher includes = Pattern.compile("<include file=\"([^\"]+)\"").matcher(resource("migrations.xml"));
            while (includes.find() && !includes.group(1).equals(file)) {
                Matcher changeSets = Pattern.compile("<changeSet [^>]*>").matcher(resource(includes.group(1)));
                while (changeSets.find()) {
                    Matcher dbms = Pattern.compile("dbms=\"([^\"]+)\"").matcher(changeSets.group());
                    if (!dbms.find() || dbms.group(1).equals(db.getShortName())) {
                        count++;
                    }
                }
            }
            int changeSets = count;
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor()),
                    () -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                            .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, "migrations.xml")
                            .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, changeSets)
                            .setOutput(OutputStream.nullOutputStream())
                            .execute());
            c.setAutoCommit(true);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NarrowRowsMigrationContract.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
