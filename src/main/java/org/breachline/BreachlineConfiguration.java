package org.breachline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.breachline.obligation.DeadlinesConfiguration;
import org.breachline.hooks.HooksSettings;
import org.breachline.notify.NotifyConfiguration;
import org.breachline.people.PeopleConfiguration;

/** The service's configuration, one nested section per concern. */
public class BreachlineConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty("database")
    private DataSourceFactory database = new DataSourceFactory();

    /** Apply pending Liquibase changesets before serving (the embedded default does; production may run {@code db migrate}). */
    @JsonProperty("migrateOnStart")
    private boolean migrateOnStart = true;

    @Valid
    @NotNull
    @JsonProperty("http")
    private HttpLimits http = new HttpLimits();

    @Valid
    @NotNull
    @JsonProperty("deadlines")
    private DeadlinesConfiguration deadlines = new DeadlinesConfiguration();

    public DeadlinesConfiguration getDeadlines() {
        return deadlines;
    }
    @JsonProperty("hooks")
    private HooksSettings hooks = new HooksSettings();
    @JsonProperty("people")
    private PeopleConfiguration people = new PeopleConfiguration();

    @Valid
    @NotNull
    @JsonProperty("notify")
    private NotifyConfiguration notify = new NotifyConfiguration();

    public NotifyConfiguration getNotify() {
        return notify;
    }

    public PeopleConfiguration getPeople() {
        return people;
    }

    public DataSourceFactory getDatabase() {
        return database;
    }

    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    public HttpLimits getHttp() {
        return http;
    }

    public HooksSettings getHooks() {
        return hooks;
    }

    /** Limits on what clients may send. */
    public static class HttpLimits {
        @NotNull
        @MinDataSize(1)
        @MaxDataSize(value = 1, unit = io.dropwizard.util.DataSizeUnit.GIBIBYTES)
        @JsonProperty("maxBodySize")
        private DataSize maxBodySize = DataSize.kibibytes(256);

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }
    }
}
