package org.breachline.db;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.Scope;
import liquibase.ui.LoggerUIService;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.breachline.BreachlineConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.io.OutputStream;
import java.sql.Connection;
import java.util.Map;

/**
 * A database opened outside the server (command-line tools), migrated like the server would, and closed after use.
 * The server itself gets its Jdbi from Dropwizard's JdbiFactory so that it is managed and health-checked.
 */
public final class Database implements AutoCloseable {
    private final ManagedDataSource dataSource;
    private final Jdbi jdbi;

    private Database(ManagedDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = keepingValuesOutOfErrors(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()));
    }

    /**
     * JDBI's statement errors list the bound values by default, and a logged error would then carry whatever a row
     * held (a controller's contact, an alert's text). Only the database's own message is kept, which names the
     * statement and column but not the values we bound.
     */
    public static Jdbi keepingValuesOutOfErrors(Jdbi jdbi) {
        jdbi.getConfig(org.jdbi.v3.core.statement.StatementExceptions.class)
                .setMessageRendering(org.jdbi.v3.core.statement.StatementExceptions.MessageRendering.NONE);
        return jdbi;
    }

    public static Database open(BreachlineConfiguration config, MetricRegistry metrics, String name) throws Exception {
        ManagedDataSource ds = config.getDatabase().build(metrics, name);
        ds.start();
        Database db = new Database(ds);
        if (config.isMigrateOnStart()) {
            migrate(ds);
        }
        return db;
    }

    /** Applies the changelog {@code migrations.xml}; the same one {@code db migrate} runs. */
    public static void migrate(javax.sql.DataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            liquibase.database.Database lb = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(c));
            // Commands print their results on standard output, so Liquibase's summary goes to the log instead.
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                    Scope.Attr.ui.name(), new LoggerUIService()), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, lb)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, "migrations.xml")
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .setOutput(OutputStream.nullOutputStream())
                    .execute());
            // Liquibase leaves autocommit off; back in the pool, JDBI would take that for an open transaction.
            c.setAutoCommit(true);
        }
    }

    /**
     * Builds the SqlObject metadata of the given DAO types once, on the Jdbi itself. JDBI caches it per configuration
     * and every handle starts from a copy of the Jdbi's, so without this each transaction's first {@code attach}
     * rebuilds it by reflection: measured at several times the cost of the statements on a hot path.
     */
    public static void cacheSqlObjects(Jdbi jdbi, Class<?>... daoTypes) {
        Extensions extensions = jdbi.getConfig(Extensions.class);
        extensions.findFactory(SqlObjectFactory.class).ifPresent(factory -> {
            for (Class<?> type : daoTypes) {
                extensions.findMetadata(type, factory);
            }
        });
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() throws Exception {
        dataSource.stop();
    }
}
