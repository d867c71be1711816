package org.breachline.obligation;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.breachline.rules.EntitySize;
import org.breachline.rules.Sector;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Everything that decides regulator deadlines: the rulebook, the organisation's profile, contracts and reminders. */
public class DeadlinesConfiguration {
    /** A directory of YAML rule files that add to or override the shipped rulebook by id; empty for none. */
    @JsonProperty
    private String rulebookOverrideDirectory = "";

    /** The zone in which day-counted deadlines end when an incident does not name one. */
    @NotBlank
    @JsonProperty
    private String defaultTimeZone = "UTC";

    /** The internal target shown for laws with no number ("without undue delay"). */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.HOURS)
    @JsonProperty
    private Duration internalTarget = Duration.days(7);

    @Valid
    @NotNull
    @JsonProperty
    private Organisation organisation = new Organisation();

    @Valid
    @NotNull
    @JsonProperty
    private List<ControllerContract> contracts = new ArrayList<>();

    @Valid
    @NotNull
    @JsonProperty
    private Reminders reminders = new Reminders();

    public String getRulebookOverrideDirectory() {
        return rulebookOverrideDirectory;
    }

    public String getDefaultTimeZone() {
        return defaultTimeZone;
    }

    public Duration getInternalTarget() {
        return internalTarget;
    }

    public Organisation getOrganisation() {
        return organisation;
    }

    public List<ControllerContract> getContracts() {
        return contracts;
    }

    public Reminders getReminders() {
        return reminders;
    }

    /** The organisation's profile: the sector laws it is subject to and where it is established. */
    public static class Organisation {
        @NotNull
        @JsonProperty
        private Set<Sector> sectors = EnumSet.noneOf(Sector.class);

        /** ISO 3166-1 code of the EU/EEA main establishment, if any. */
        @Pattern(regexp = "[A-Z]{2}")
        @JsonProperty
        private String establishment;

        @NotNull
        @JsonProperty
        private EntitySize entitySize = EntitySize.STANDARD;

        public Set<Sector> getSectors() {
            return sectors;
        }

        public String getEstablishment() {
            return establishment;
        }

        public EntitySize getEntitySize() {
            return entitySize;
        }
    }

    /** A data-processing agreement's notice clock: what we owe a controller when we, its processor, are breached. */
    public static class ControllerContract {
        /** The controller's name as it appears in an incident's controllerContact. */
        @NotBlank
        @JsonProperty
        private String controller;

        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.MINUTES)
        @JsonProperty
        private Duration noticeWithin = Duration.hours(24);

        /** Where the term is written, e.g. "DPA 2025 §7.2". */
        @NotBlank
        @JsonProperty
        private String reference = "data-processing agreement";

        public String getController() {
            return controller;
        }

        public Duration getNoticeWithin() {
            return noticeWithin;
        }

        public String getReference() {
            return reference;
        }
    }

    /** When responders are reminded of a deadline. */
    public static class Reminders {
        @JsonProperty
        private boolean enabled = true;

        @NotNull
        @JsonProperty
        private List<Duration> before = new ArrayList<>(List.of(Duration.hours(24), Duration.hours(4)));

        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @JsonProperty
        private Duration pollEvery = Duration.minutes(1);

        public boolean isEnabled() {
            return enabled;
        }

        public List<Duration> getBefore() {
            return before;
        }

        public Duration getPollEvery() {
            return pollEvery;
        }
    }
}
