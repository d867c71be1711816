package org.breachline.people;

import org.breachline.crypto.AtRestKeyRing;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The {@code people:} section: contact-data keys, import limits and the retention of contact data. */
public class PeopleConfiguration {
    /** The key id of the development key shipped in config.yml; startup warns while it is in use. */
    public static final String DEV_KEY_ID = "dev-insecure";
    /**
     * PUBLIC development keys (also in config.yml), used when a configuration names no keys so that commands and
     * throwaway setups run. They protect nothing: anyone can read data sealed with them. Startup warns loudly.
     */
    static final String DEV_KEY = "NQUjhwAg42cWu//+tkEMs6XQDv3txrK3qoiiAIk0myw=";
    static final String DEV_INDEX_KEY = "X6Lff2Hg9Lp8c5fxK/JUyqws3BFaGuhU4UPnB47E+oQ=";

    @Valid
    @NotNull
    @JsonProperty("contactKeys")
    private ContactKeys contactKeys = new ContactKeys();

    /** Region for reading national phone numbers of rows without a jurisdiction. */
    @NotBlank
    @JsonProperty("defaultRegion")
    private String defaultRegion = "US";

    /** The largest import file accepted; imports are streamed, so this bounds time and disk, not memory. */
    @NotNull
    @MinDataSize(1)
    @JsonProperty("maxImportSize")
    private DataSize maxImportSize = DataSize.gibibytes(1);

    @Min(10)
    @Max(5000)
    @JsonProperty("batchSize")
    private int batchSize = 500;

    /** How many rejections an import answers with; all of them can be downloaded. */
    @Min(0)
    @Max(10_000)
    @JsonProperty("rejectionsInResponse")
    private int rejectionsInResponse = 100;

    /** Contact data of an incident is erased this long after the incident closes. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    @JsonProperty("purgeContactDataAfterClose")
    private Duration purgeContactDataAfterClose = Duration.days(90);

    /** How often the purge looks for incidents whose retention ran out. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty("purgeCheckEvery")
    private Duration purgeCheckEvery = Duration.hours(1);

    public ContactKeys getContactKeys() {
        return contactKeys;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public DataSize getMaxImportSize() {
        return maxImportSize;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public int getRejectionsInResponse() {
        return rejectionsInResponse;
    }

    public Duration getPurgeContactDataAfterClose() {
        return purgeContactDataAfterClose;
    }

    public Duration getPurgeCheckEvery() {
        return purgeCheckEvery;
    }

    /** Key ids mapped to base64 AES-256 keys, the active one, and the blind-index key (see {@link AtRestKeyRing}). */
    public static class ContactKeys {
        @NotBlank
        @JsonProperty("activeKeyId")
        private String activeKeyId = DEV_KEY_ID;

        @NotEmpty
        @JsonProperty("keys")
        private Map<String, String> keys = new LinkedHashMap<>(Map.of(DEV_KEY_ID, DEV_KEY));

        @NotBlank
        @JsonProperty("indexKey")
        private String indexKey = DEV_INDEX_KEY;

        public AtRestKeyRing toKeyRing() {
            return new AtRestKeyRing(keys, activeKeyId, indexKey);
        }

        public boolean isDevelopmentKey() {
            return DEV_KEY_ID.equals(activeKeyId);
        }

        // Keys never reach logs or configuration dumps.
        @Override
        public String toString() {
            return "ContactKeys[active=" + activeKeyId + ", ids=" + keys.keySet() + "]";
        }
    }
}
