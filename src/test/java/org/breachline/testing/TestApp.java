package org.breachline.testing;

import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.BreachlineApplication;
import org.breachline.BreachlineConfiguration;
import org.breachline.audit.HashChainedAuditLog;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;
import org.breachline.auth.TokenService;
import org.breachline.http.StrictJson;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One running Breachline for a test class: the real application on random ports, on a fresh database of the
 * given kind, with a clock the test controls and a token per role.
 */
public final class TestApp {
    public static final Instant START = Instant.parse("2026-03-06T10:00:00Z");

    public final MutableClock clock = new MutableClock(START);
    private final Supplier<TestDatabase> database;
    private final DropwizardAppExtension<BreachlineConfiguration> extension;
    private final Map<Role, Api> clients = new EnumMap<>(Role.class);
    private Jdbi jdbi;

    private TestApp(Supplier<TestDatabase> factory, ConfigOverride... extra) {
        this.database = memoize(factory);
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("database.driverClass", () -> database.get().driver()),
                ConfigOverride.config("database.url", () -> database.get().url()),
                ConfigOverride.config("database.user", () -> database.get().user()),
                ConfigOverride.config("database.password", () -> database.get().password())));
        overrides.addAll(List.of(extra));
        var support = new DropwizardTestSupport<>(BreachlineApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), overrides.toArray(ConfigOverride[]::new)) {
            @Override
            public Application<BreachlineConfiguration> newApplication() {
                return new BreachlineApplication(clock);
            }
        };
        this.extension = new DropwizardAppExtension<>(support);
    }

    /** On H2, with configuration values of the test's own (e.g. the URL of a local receiver). */
    public static TestApp onH2(ConfigOverride... overrides) {
        return new TestApp(TestDatabase::h2, overrides);
    }

    public static TestApp onPostgres(ConfigOverride... overrides) {
        return new TestApp(TestDatabase::postgres, overrides);
    }

    /** A second application on this one's database, as a second instance of the service would be. */
    public TestApp sharingDatabase(ConfigOverride... overrides) {
        return new TestApp(database, overrides);
    }

    /** The running application object, for wiring tests cannot reach over HTTP. */
    public BreachlineApplication application() {
        return (BreachlineApplication) extension.getApplication();
    }

    /** Register this in the test class with {@code @RegisterExtension}. */
    public DropwizardAppExtension<BreachlineConfiguration> extension() {
        return extension;
    }

    /** The database this application runs on (created on first use). */
    public TestDatabase database() {
        return database.get();
    }

    public String databaseKind() {
        return database.get().kind();
    }

    /** A client holding a fresh token of the given role. */
    public synchronized Api as(Role role) {
        return clients.computeIfAbsent(role, r -> new Api(baseUri(), issueToken(r.name().toLowerCase() + "-tester", r)));
    }

    public Api anonymous() {
        return new Api(baseUri(), null);
    }

    public Api withToken(String token) {
        return new Api(baseUri(), token);
    }

    public String issueToken(String name, Role role) {
        return new TokenService(jdbi(), new HashChainedAuditLog(jdbi(), clock, StrictJson.newMapper()), clock)
                .create(name, role, Actor.system("test")).secret();
    }

    /** Direct access to the application's database, for setting up or inspecting what the API cannot. */
    public synchronized Jdbi jdbi() {
        if (jdbi == null) {
            TestDatabase db = database.get();
            jdbi = Jdbi.create(db.url(), db.user(), db.password()).installPlugin(new SqlObjectPlugin());
        }
        return jdbi;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + extension.getLocalPort();
    }

    public String adminUri() {
        return "http://127.0.0.1:" + extension.getAdminPort();
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
