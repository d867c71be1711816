package org.breachline.people;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import java.util.Objects;

/**
 * How an import reads numbers: {@code defaultRegion} is the ISO 3166-1 region used to read national phone numbers of rows
 * that have no jurisdiction (rows with one use their jurisdiction's country).
 */
public record ImportSettings(String defaultRegion) {
    public ImportSettings {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("default region is not a region with phone numbers: " + defaultRegion);
        }
    }
}
