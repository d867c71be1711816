package org.breachline.notify;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A new campaign as a client sends it: the notice kind, the audience (every imported person, or those of the given
 * jurisdictions), the channels and how each person's are chosen, the incident variables of the templates, and
 * optionally the deadline the notices must be out by.
 */
public record CampaignCreate(@NotNull NoticeKind noticeKind, @Size(max = 300) List<String> jurisdictions,
                             @NotEmpty Set<Channel> channels, ChannelChoice channelChoice,
                             @Size(max = 100) Map<String, Object> variables, Instant deadline) {
    public CampaignCreate {
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
        channelChoice = channelChoice == null ? ChannelChoice.EMAIL_ELSE_SMS : channelChoice;
        variables = variables == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }
}
