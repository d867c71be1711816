package org.breachline.testing;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** For migration tests: a database with the schema as it stood at an earlier change log file. */
public final class Migrations {
    private Migrations() {
    }

    /**
     * Brings the schema to where it stood before {@code file}, by counting the change sets included ahead of it that
     * run on this database (a change set for another dbms is not counted by Liquibase either).
     */
    public static void applyChangeSetsBefore(String file, DataSource ds) throws Exception {
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
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
