package org.breachline.people;

import org.breachline.crypto.AtRestCipher;
import org.breachline.crypto.AtRestKeyRing;
import org.breachline.db.Database;
import org.breachline.testing.Migrations;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 010 on a database that already holds people in the layout before it: their full-length reference hashes
 * become exactly what the import now computes, so a later import still finds them.
 */
abstract class NarrowRowsMigrationContract {
    private static final String INDEX_KEY = Base64.getEncoder()
            .encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final AtRestKeyRing keys = new AtRestKeyRing(
            Map.of("k", Base64.getEncoder().encodeToString(new byte[32])), "k", INDEX_KEY);
    private final BlindIndex index = new BlindIndex(keys);

    abstract DataSource freshDatabase() throws Exception;

    @Test
    void shortensStoredReferenceHashesToTheFormTheImportLooksUp() throws Exception {
        DataSource ds = freshDatabase();
        Migrations.applyChangeSetsBefore("migrations/010-people-narrow-rows.xml", ds);
        UUID incident = UUID.randomUUID();
        String fullHash = index.of("reference:INC-2026-0001", "P-1");
        AtRestCipher cipher = new AtRestCipher(keys);
        String reference = cipher.seal("P-1", ContactSealer.REFERENCE);
        String email = cipher.seal("a@example.com", ContactSealer.EMAIL);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO incident (id, incident_key, stage, version, title, severity, role, data_categories, "
                    + "encryption, affected_estimate, events, created_at, created_by, updated_at) VALUES ('" + incident
                    + "', 'INC-2026-0001', 'DETECTION', 1, 't', 'HIGH', 'CONTROLLER', '[]', 'NONE', '{}', '[]', "
                    + "CURRENT_TIMESTAMP, 'test', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO affected_person (incident_id, reference_index, reference_sealed, email_sealed, "
                    + "email_index, last_import_id, created_at, updated_at) VALUES ('" + incident + "', '" + fullHash
                    + "', '" + reference + "', '" + email + "', '" + index.of("email", "a@example.com") + "', '" + UUID.randomUUID()
                    + "', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }

        Database.migrate(ds);

        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM affected_person")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getObject("reference_index", UUID.class)).isEqualTo(index.ofReference("INC-2026-0001", "P-1"));
            assertThat(new ContactSealer(keys).open(r.getBytes("email_sealed"), ContactSealer.EMAIL))
                    .as("and migration 015 kept the sealed value").isEqualTo("a@example.com");
            assertThat(r.getMetaData().getColumnCount()).as("the field indexes are gone").isEqualTo(13);
        }
    }
}
