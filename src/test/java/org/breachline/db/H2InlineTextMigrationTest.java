package org.breachline.db;

import org.breachline.testing.Migrations;
import org.breachline.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Migration 011: H2 keeps text in the row, as PostgreSQL does, without losing what was stored as a CLOB before. */
class H2InlineTextMigrationTest {
    private final DataSource ds = TestDatabase.h2().dataSource();

    @Test
    void noColumnOfTheSchemaIsALargeObject() throws Exception {
        Database.migrate(ds);
        List<String> lobs = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS "
                     + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME NOT LIKE 'DATABASECHANGELOG%' "
                     + "AND DATA_TYPE IN ('CHARACTER LARGE OBJECT', 'BINARY LARGE OBJECT')")) {
            while (r.next()) {
                lobs.add(r.getString(1) + "." + r.getString(2));
            }
        }
        assertThat(lobs).as("columns H2 stores out of row; add them to 011-h2-inline-text.xml").isEmpty();
    }

    @Test
    void aLongTimelineEntryStoredAsACharacterLargeObjectReadsTheSameAfterwards() throws Exception {
        Migrations.applyChangeSetsBefore("migrations/011-h2-inline-text.xml", ds);
        UUID incident = UUID.randomUUID();
        // Above H2's old VARCHAR ceiling of 1,048,576 characters, in case the type chosen had one.
        String data = "{\"raw\":\"" + "é".repeat(2_000_000) + "\"}";
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO incident (id, incident_key, stage, version, title, severity, role, data_categories, "
                    + "encryption, affected_estimate, events, created_at, created_by, updated_at) VALUES ('" + incident
                    + "', 'INC-2026-0001', 'DETECTION', 1, 't', 'HIGH', 'CONTROLLER', '[]', 'NONE', '{}', '[]', "
                    + "CURRENT_TIMESTAMP, 'test', CURRENT_TIMESTAMP)");
            insertTimeline(c, incident, data);
        }

        Database.migrate(ds);

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT data FROM incident_timeline")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(data);
            }
            try (ResultSet r = s.executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS "
                    + "WHERE TABLE_NAME = 'INCIDENT_TIMELINE' AND COLUMN_NAME = 'DATA'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("CHARACTER VARYING");
            }
            try (ResultSet r = s.executeQuery("SELECT COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS "
                    + "WHERE TABLE_NAME = 'CAMPAIGN' AND COLUMN_NAME = 'EDITED_BY'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).as("a default survives the change of type").isEqualTo("'[]'");
            }
            assertThatThrownBy(() -> insertTimeline(c, incident, null))
                    .as("NOT NULL survives the change of type").isInstanceOf(SQLException.class);
        }
    }

    private static void insertTimeline(Connection c, UUID incident, String data) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO incident_timeline (incident_id, at, actor, kind, "
                + "text, data) VALUES (?, CURRENT_TIMESTAMP, 'test', 'NOTE', 'n', ?)")) {
            p.setObject(1, incident);
            p.setString(2, data);
            p.executeUpdate();
        }
    }

}
