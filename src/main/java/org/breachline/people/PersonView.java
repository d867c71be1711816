package org.breachline.people;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** One affected person as listed; name, email and phone are present only when contact data was asked for and allowed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonView(long id, String reference, String locale, String jurisdiction, boolean hasEmail,
                         boolean hasPhone, Instant contactPurgedAt, String name, String email, String phone) {
}
