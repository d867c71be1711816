package org.breachline;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.migrations.MigrationsBundle;
import org.breachline.audit.AuditResource;
import org.breachline.audit.HashChainedAuditLog;
import org.breachline.auth.BearerAuthFilter;
import org.breachline.auth.TokenService;
import org.breachline.auth.TokensCommand;
import org.breachline.db.Database;
import org.breachline.hooks.AlertSourceResource;
import org.breachline.hooks.AlertSourceService;
import org.breachline.hooks.HookResource;
import org.breachline.hooks.HookSecretGenerator;
import org.breachline.hooks.HookService;
import org.breachline.hooks.HookWorker;
import org.breachline.hooks.HooksSettings;
import org.breachline.hooks.OutboundDispatcher;
import org.breachline.hooks.OutboundWebhookListener;
import org.breachline.http.ApiExceptionMapper;
import org.breachline.http.BodySizeLimit;
import org.breachline.http.JsonErrorHandler;
import org.breachline.http.JsonErrorMapper;
import org.breachline.http.OpenApiResource;
import org.breachline.http.StrictJson;
import org.breachline.http.UnexpectedErrorMapper;
import org.breachline.http.ValidationErrorMapper;
import org.breachline.http.WebErrorMapper;
import org.breachline.incident.IncidentResource;
import org.breachline.incident.IncidentService;
import org.breachline.obligation.DeadlinesConfiguration;
import org.breachline.obligation.DeadlinesResource;
import org.breachline.obligation.FactsErrorMapper;
import org.breachline.obligation.LoggedReminders;
import org.breachline.obligation.ObligationResource;
import org.breachline.obligation.ObligationService;
import org.breachline.obligation.ReminderScheduler;
import org.breachline.obligation.RulesCommand;
import org.breachline.obligation.RulesResource;
import org.breachline.rules.EngineSettings;
import org.breachline.rules.Rulebook;
import org.breachline.rules.RulesEngine;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** The Breachline service: wires configuration, storage, features and HTTP together. */
public class BreachlineApplication extends Application<BreachlineConfiguration> {
    private final Clock clock;

    public BreachlineApplication() {
        // Microsecond ticks: both databases store microseconds, so what we hash and compare is what we store.
        this(Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)));
    }

    /** Tests pass a clock they control. */
    public BreachlineApplication(Clock clock) {
        this.clock = clock;
    }

    public static void main(String[] args) throws Exception {
        new BreachlineApplication().run(args);
    }

    @Override
    public String getName() {
        return "breachline";
    }

    @Override
    public void initialize(Bootstrap<BreachlineConfiguration> bootstrap) {
        bootstrap.setObjectMapper(StrictJson.newMapper());
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DataSourceFactory getDataSourceFactory(BreachlineConfiguration configuration) {
                return configuration.getDatabase();
            }
        });
        bootstrap.addCommand(new TokensCommand());
        bootstrap.addCommand(new RulesCommand());
    }

    @Override
    public void run(BreachlineConfiguration config, Environment env) throws Exception {
        // Our mappers give every error one JSON shape; Dropwizard's defaults would compete with them.
        if (config.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        if (config.isMigrateOnStart()) {
            ManagedDataSource migrations = config.getDatabase().build(env.metrics(), "migrations");
            try {
                Database.migrate(migrations);
            } finally {
                migrations.stop();
            }
        }
        Jdbi jdbi = new JdbiFactory().build(env, config.getDatabase(), "database");

        HashChainedAuditLog audit = new HashChainedAuditLog(jdbi, clock, env.getObjectMapper());
        TokenService tokens = new TokenService(jdbi, audit, clock);
        IncidentService incidents = new IncidentService(jdbi, audit, clock, env.getObjectMapper(), env.getValidator());

        DeadlinesConfiguration deadlines = config.getDeadlines();
        String overrides = deadlines.getRulebookOverrideDirectory();
        Rulebook rulebook = overrides == null || overrides.isBlank() ? Rulebook.load() : Rulebook.load(Path.of(overrides));
        RulesEngine engine = new RulesEngine(rulebook, new EngineSettings(ZoneId.of(deadlines.getDefaultTimeZone()),
                deadlines.getInternalTarget().toJavaDuration()));
        ObligationService obligations = new ObligationService(jdbi, engine, deadlines, incidents, audit, clock);
        incidents.addListener(obligations);
        if (deadlines.getReminders().isEnabled()) {
            env.lifecycle().manage(new ReminderScheduler(jdbi, incidents, new LoggedReminders(),
                    deadlines.getReminders(), clock));
        }
        HooksSettings hookSettings = config.getHooks();
        AlertSourceService alertSources = new AlertSourceService(jdbi, audit, clock,
                new HookSecretGenerator(new SecureRandom()), hookSettings);
        HookService hooks = new HookService(jdbi, alertSources, incidents, audit, clock, hookSettings, env.metrics());
        Optional<OutboundDispatcher> outbound = Optional.empty();
        if (hookSettings.getOutbound().isEnabled()) {
            incidents.addListener(new OutboundWebhookListener(clock, env.getObjectMapper()));
            outbound = Optional.of(new OutboundDispatcher(jdbi, clock, hookSettings.getOutbound()));
        }
        HookWorker worker = new HookWorker(hooks, outbound, hookSettings.getWorkerInterval().toJavaDuration());
        hooks.onQueued(worker::wake);
        env.lifecycle().manage(worker);

        env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        var jersey = env.jersey();
        jersey.register(new BodySizeLimit(config.getHttp().getMaxBodySize().toBytes()));
        jersey.register(new BearerAuthFilter(tokens));
        jersey.register(RolesAllowedDynamicFeature.class);
        jersey.register(new ApiExceptionMapper());
        jersey.register(new JsonErrorMapper());
        jersey.register(new ValidationErrorMapper());
        jersey.register(new WebErrorMapper());
        jersey.register(new UnexpectedErrorMapper());

        jersey.register(new FactsErrorMapper());
        jersey.register(new IncidentResource(incidents));
        jersey.register(new ObligationResource(obligations));
        jersey.register(new DeadlinesResource(obligations));
        jersey.register(new RulesResource(engine));
        jersey.register(new AuditResource(audit));
        jersey.register(new AlertSourceResource(alertSources, hooks));
        jersey.register(new HookResource(hooks));
        jersey.register(new OpenApiResource(env.getObjectMapper()));
    }
}
