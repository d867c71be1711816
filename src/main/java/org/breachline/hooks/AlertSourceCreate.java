package org.breachline.hooks;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;

/** The body of {@code POST /api/alert-sources}: a new source; its secret is generated, never chosen. */
public record AlertSourceCreate(
        @NotNull @Pattern(regexp = AlertSourceName.PATTERN,
                message = "must be 1 to 64 lowercase letters, digits, '-' or '_'") String name,
        @NotNull PayloadFormat format,
        @NotNull AuthScheme auth,
        Severity defaultSeverity,
        Duration dedupWindow,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9-]+", message = "must be a header name") String signatureHeader,
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9-]+", message = "must be a header name") String timestampHeader) {
}
