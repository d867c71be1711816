package org.breachline.people;

import org.breachline.crypto.AtRestCipher;
import org.breachline.crypto.AtRestKeyRing;
import org.breachline.db.Database;
import org.breachline.testing.Migrations;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration 015 on a database holding people sealed in the text form: every value opens afterwards to what it held,
 * without the migration having had a key, and a hex reference index becomes the UUID it spells; a value that is not a sealed value stops it, naming the row.
 */
abstract class BinaryColumnsMigrationContract {
    private final AtRestKeyRing keys = new AtRestKeyRing(Map.of("old", key(1), "new", key(2)), "new",
            Base64.getEncoder().encodeToString(new byte[32]));
    private final AtRestKeyRing before = new AtRestKeyRing(Map.of("old", key(1)), "old",
            Base64.getEncoder().encodeToString(new byte[32]));

    abstract DataSource freshDatabase() throws Exception;

    private static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void storedValuesOpenAfterwardsAsBefore() throws Exception {
        DataSource ds = freshDatabase();
        Migrations.applyChangeSetsBefore("migrations/015-people-binary-columns.xml", ds);
        AtRestCipher oldCipher = new AtRestCipher(before);
        UUID incident = insertIncident(ds);
        insertPerson(ds, incident, "0123456789abcdef0123456789abcdef", oldCipher.seal("P-1", ContactSealer.REFERENCE),
                oldCipher.seal("Zoë Ünal", ContactSealer.NAME), oldCipher.seal("zoe@example.com", ContactSealer.EMAIL),
                null);
        insertPerson(ds, incident, "f123456789abcdef0123456789abcdef", oldCipher.seal("P-2", ContactSealer.REFERENCE), null, null,
                oldCipher.seal("+14155550132", ContactSealer.PHONE));

        Database.migrate(ds);

        ContactSealer sealer = new ContactSealer(keys);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM affected_person ORDER BY reference_index")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getObject("reference_index", UUID.class))
                    .isEqualTo(UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"));
            assertThat(sealer.open(r.getBytes("reference_sealed"), ContactSealer.REFERENCE)).isEqualTo("P-1");
            assertThat(sealer.open(r.getBytes("name_sealed"), ContactSealer.NAME)).isEqualTo("Zoë Ünal");
            assertThat(sealer.open(r.getBytes("email_sealed"), ContactSealer.EMAIL)).isEqualTo("zoe@example.com");
            assertThat(r.getBytes("phone_sealed")).isNull();
            assertThat(r.next()).isTrue();
            assertThat(sealer.open(r.getBytes("reference_sealed"), ContactSealer.REFERENCE)).isEqualTo("P-2");
            assertThat(r.getBytes("name_sealed")).isNull();
            assertThat(sealer.open(r.getBytes("phone_sealed"), ContactSealer.PHONE)).isEqualTo("+14155550132");
            assertThat(r.next()).isFalse();
            assertThat(r.getMetaData().getColumnCount()).as("the text columns are gone").isEqualTo(13);
        }
    }

    @Test
    void aValueThatIsNotSealedStopsTheMigrationNamingItsRow() throws Exception {
        DataSource ds = freshDatabase();
        Migrations.applyChangeSetsBefore("migrations/015-people-binary-columns.xml", ds);
        UUID incident = insertIncident(ds);
        insertPerson(ds, incident, "0123456789abcdef0123456789abcdef", new AtRestCipher(before).seal("P-1", ContactSealer.REFERENCE), null,
                "zoe@example.com", null);

        assertThatThrownBy(() -> Database.migrate(ds)).satisfies(e -> assertThat(chain(e))
                .contains("affected_person", "email_sealed is not a sealed value"));
    }

    private static String chain(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static UUID insertIncident(DataSource ds) throws Exception {
        UUID incident = UUID.randomUUID();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO incident (id, incident_key, stage, version, title, severity, role, data_categories, "
                    + "encryption, affected_estimate, events, created_at, created_by, updated_at) VALUES ('" + incident
                    + "', 'INC-2026-0001', 'DETECTION', 1, 't', 'HIGH', 'CONTROLLER', '[]', 'NONE', '{}', '[]', "
                    + "CURRENT_TIMESTAMP, 'test', CURRENT_TIMESTAMP)");
        }
        return incident;
    }

    private static void insertPerson(DataSource ds, UUID incident, String referenceIndex, String reference,
                                     String name, String email, String phone) throws Exception {
        try (Connection c = ds.getConnection(); var s = c.prepareStatement("INSERT INTO affected_person "
                + "(incident_id, reference_index, reference_sealed, name_sealed, email_sealed, phone_sealed, "
                + "last_import_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP)")) {
            s.setObject(1, incident);
            s.setString(2, referenceIndex);
            s.setString(3, reference);
            s.setString(4, name);
            s.setString(5, email);
            s.setString(6, phone);
            s.setObject(7, UUID.randomUUID());
            s.executeUpdate();
        }
    }
}
