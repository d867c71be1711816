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
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import io.dropwizard.migrations.MigrationsBundle;
import org.breachline.audit.AuditResource;
import org.breachline.audit.HashChainedAuditLog;
import org.breachline.auth.BearerAuthFilter;
import org.breachline.auth.TokenService;
import org.breachline.auth.TokensCommand;
import org.breachline.db.Database;
import org.breachline.hooks.AlertSourceResource;
import org.breachline.hooks.AlertSourceService;
import org.breachline.hooks.HookIngestFilter;
import org.breachline.hooks.HookQueueHealthCheck;
import org.breachline.hooks.HookResource;
import org.breachline.hooks.HookSecretGenerator;
import org.breachline.hooks.HookService;
import org.breachline.hooks.HookWorker;
import org.breachline.hooks.HooksSettings;
import org.breachline.hooks.OutboundDispatcher;
import org.breachline.hooks.OutboundWebhookListener;
import org.breachline.http.ApiExceptionMapper;
import org.breachline.http.BodySizeLimit;
import org.breachline.http.ContentDecoding;
import org.breachline.http.JsonErrorHandler;
import org.breachline.http.JsonErrorMapper;
import org.breachline.http.MediaTypeHeaders;
import org.breachline.http.OpenApiResource;
import org.breachline.http.StrictQueryParameters;
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
import org.breachline.notify.CampaignFailures;
import org.breachline.notify.CampaignFailuresResource;
import org.breachline.notify.CampaignResource;
import org.breachline.notify.CampaignService;
import org.breachline.notify.ChannelBlocks;
import org.breachline.notify.NoticeChannelResource;
import org.breachline.notify.CapacityPlanner;
import org.breachline.notify.DeadlineSource;
import org.breachline.notify.DeliveryChannel;
import org.breachline.notify.DispatchTask;
import org.breachline.notify.EarlySmsStatusMatcher;
import org.breachline.notify.Dispatcher;
import org.breachline.notify.FileSinkChannel;
import org.breachline.notify.MeasuredRates;
import org.breachline.notify.SmsStatusService;
import org.breachline.notify.SmtpChannel;
import org.breachline.notify.TwilioChannel;
import org.breachline.notify.TwilioStatusResource;
import org.breachline.notify.WebhookChannel;
import org.breachline.notify.Channel;
import org.breachline.notify.IncidentCampaignsResource;
import org.breachline.notify.NoticeRenderer;
import org.breachline.notify.NotifyConfiguration;
import org.breachline.notify.TemplateCatalog;
import org.breachline.crypto.AtRestCipher;
import org.breachline.people.ContactDataPurge;
import org.breachline.people.ContactSealer;
import org.breachline.people.PeopleConfiguration;
import org.breachline.people.PeopleResource;
import org.breachline.people.PeopleService;
import org.slf4j.LoggerFactory;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Map;

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
        Jdbi jdbi = Database.keepingValuesOutOfErrors(new JdbiFactory().build(env, config.getDatabase(), "database"));
        // Dropwizard wraps the template engine to prepend the DAO method's name, and the wrapper bypasses JDBI's
        // template cache: every statement was parsed again by the template lexer (measured at 6% of the hook worker's
        // time). JDBI's own engine (needed for @BindList's <names>) caches what it parsed.
        jdbi.setTemplateEngine(new DefinedAttributeTemplateEngine());

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
        PeopleConfiguration peopleConfig = config.getPeople();
        if (peopleConfig.getContactKeys().isDevelopmentKey()) {
            LoggerFactory.getLogger(BreachlineApplication.class).warn("Contact data is sealed with the PUBLIC "
                    + "development key '{}' from config.yml: set BREACHLINE_CONTACT_KEY_ID, BREACHLINE_CONTACT_KEY and "
                    + "BREACHLINE_CONTACT_INDEX_KEY before storing real people.", PeopleConfiguration.DEV_KEY_ID);
        }
        PeopleService people = new PeopleService(jdbi, incidents, audit, clock,
                new ContactSealer(peopleConfig.getContactKeys().toKeyRing()), peopleConfig, env.getObjectMapper());
        ContactDataPurge purge = new ContactDataPurge(people, peopleConfig);
        env.lifecycle().manage(purge);
        env.admin().addTask(purge);

        NotifyConfiguration notifyConfig = config.getNotify();
        TemplateCatalog catalog = TemplateCatalog.load(java.nio.file.Path.of(notifyConfig.getTemplates()));
        catalog.warnings().forEach(w -> LoggerFactory.getLogger(TemplateCatalog.class).warn("Template {}", w));
        NoticeRenderer renderer = new NoticeRenderer(catalog, notifyConfig.getMaxSmsSegments());
        ChannelBlocks channelBlocks = new ChannelBlocks(jdbi, audit, clock);
        // Managed before the dispatcher: a (re)start lifts stopped channels before the first round.
        env.lifecycle().manage(channelBlocks);
        MeasuredRates sendRates = new MeasuredRates(jdbi, clock);
        CampaignService campaigns = new CampaignService(jdbi, incidents, audit, clock, env.getObjectMapper(), renderer,
                new CapacityPlanner(renderer, notifyConfig, sendRates),
                incidentId -> obligations.earliestNoticeToIndividuals(incidentId)
                        .map(due -> new DeadlineSource.Due(due.at(), due.why())), channelBlocks);
        Dispatcher dispatcher = new Dispatcher(jdbi, campaigns, incidents, people, renderer, sendRates,
                channels(notifyConfig, env), clock, notifyConfig, workerId(notifyConfig), channelBlocks);
        env.lifecycle().manage(dispatcher);
        env.admin().addTask(new DispatchTask(dispatcher));
        SmsStatusService smsStatuses = new SmsStatusService(jdbi, campaigns, clock, notifyConfig, channelBlocks);
        EarlySmsStatusMatcher earlyStatuses = new EarlySmsStatusMatcher(smsStatuses, notifyConfig);
        env.lifecycle().manage(earlyStatuses);
        env.admin().addTask(earlyStatuses);

        HooksSettings hookSettings = config.getHooks();
        AlertSourceService alertSources = new AlertSourceService(jdbi, audit, clock,
                new HookSecretGenerator(new SecureRandom()), hookSettings,
                new AtRestCipher(peopleConfig.getContactKeys().toKeyRing()));
        int resealed = alertSources.sealStoredSecrets();
        if (resealed > 0) {
            LoggerFactory.getLogger(AlertSourceService.class).info(
                    "Sealed the stored signing keys of {} alert source(s) with the active contact key", resealed);
        }
        HookService hooks = new HookService(jdbi, alertSources, incidents, audit, clock, hookSettings, env.metrics());
        Optional<OutboundDispatcher> outbound = Optional.empty();
        if (hookSettings.getOutbound().isEnabled()) {
            incidents.addListener(new OutboundWebhookListener(clock, env.getObjectMapper()));
            outbound = Optional.of(new OutboundDispatcher(jdbi, clock, hookSettings.getOutbound()));
        }
        HookWorker worker = new HookWorker(hooks, outbound, hookSettings.getWorkerInterval().toJavaDuration());
        hooks.onQueued(worker::wake);
        env.lifecycle().manage(worker);
        env.healthChecks().register("hook-queue", new HookQueueHealthCheck(hooks::oldestWaiting, clock,
                hookSettings.getQueueLagAlarm().toJavaDuration()));

        env.servlets().addFilter("media-type-headers", new MediaTypeHeaders(env.getObjectMapper()))
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/api/*");
        env.servlets().addFilter("hook-ingest", new HookIngestFilter(hooks,
                        config.getHttp().getMaxBodySize().toBytes(), env.getObjectMapper()))
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true,
                        "/hooks/*");
        env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        env.lifecycle().addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                if (event instanceof org.eclipse.jetty.server.Server server) {
                    ContentDecoding.takeOverFrom(server);
                }
            }
        });
        var jersey = env.jersey();
        jersey.register(new BodySizeLimit(config.getHttp().getMaxBodySize().toBytes(),
                Map.of(PeopleResource.IMPORT_PATH, peopleConfig.getMaxImportSize().toBytes())));
        jersey.register(new StrictQueryParameters());
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
        jersey.register(new HookResource());
        jersey.register(new PeopleResource(people));
        jersey.register(new IncidentCampaignsResource(campaigns));
        jersey.register(new CampaignResource(campaigns));
        jersey.register(new CampaignFailuresResource(new CampaignFailures(jdbi, campaigns, people, incidents, audit,
                clock)));
        jersey.register(new NoticeChannelResource(channelBlocks));
        jersey.register(new TwilioStatusResource(smsStatuses, notifyConfig.getSms().getAuthToken(),
                notifyConfig.getPublicBaseUrl()));
        jersey.register(new OpenApiResource(env.getObjectMapper()));
    }

    private java.util.List<DeliveryChannel> channels(NotifyConfiguration config, Environment env) {
        java.nio.file.Path outbox = java.nio.file.Path.of(config.getOutbox());
        DeliveryChannel email = switch (config.getEmail().getMode()) {
            case SMTP -> new SmtpChannel(config.getEmail(), clock);
            case FILE -> new FileSinkChannel(Channel.EMAIL, outbox, config.getEmail().getRatePerSecond(),
                    config.getEmail().getFrom(), clock, env.getObjectMapper());
            case TWILIO -> throw new IllegalArgumentException("notify.email.mode must be FILE or SMTP");
        };
        DeliveryChannel sms = switch (config.getSms().getMode()) {
            case TWILIO -> new TwilioChannel(config.getSms());
            case FILE -> new FileSinkChannel(Channel.SMS, outbox, config.getSms().getSegmentsPerSecond(),
                    config.getEmail().getFrom(), clock, env.getObjectMapper());
            case SMTP -> throw new IllegalArgumentException("notify.sms.mode must be FILE or TWILIO");
        };
        DeliveryChannel webhook = WebhookChannel.of(config.getWebhook(), outbox, clock, env.getObjectMapper());
        return java.util.List.of(email, sms, webhook);
    }

    private static String workerId(NotifyConfiguration config) {
        String configured = config.getDispatcher().getWorkerId();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        // Host and process: a restarted process is a new worker, so its predecessor's claims are seen as stale.
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "-"
                + Long.toHexString(System.nanoTime() & 0xffffff);
    }
}
