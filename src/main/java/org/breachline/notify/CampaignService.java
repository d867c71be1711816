package org.breachline.notify;

import org.breachline.text.Echo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jersey.validation.Validators;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;
import org.breachline.http.JsonMergePatch;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentService;
import org.breachline.incident.Stage;
import org.breachline.incident.TimelineKind;
import org.breachline.rules.Jurisdiction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Drafts, approves, launches, pauses, resumes and cancels notice campaigns, and reports their progress. */
public class CampaignService {
    private static final Set<String> PERSON_VARIABLES = Set.of("personName", "personReference");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() { };

    private final Jdbi jdbi;
    private final IncidentService incidents;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final NoticeRenderer renderer;
    private final CapacityPlanner planner;
    private final DeadlineSource deadlines;
    private final ChannelBlocks blocks;
    private final Validator validator = Validators.newValidator();

    public CampaignService(Jdbi jdbi, IncidentService incidents, AuditLog audit, Clock clock, ObjectMapper mapper,
                           NoticeRenderer renderer, CapacityPlanner planner, DeadlineSource deadlines,
                           ChannelBlocks blocks) {
        this.jdbi = jdbi;
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
        this.mapper = mapper;
        this.renderer = renderer;
        this.planner = planner;
        this.deadlines = deadlines;
        this.blocks = blocks;
    }

    public CampaignView create(String incidentRef, CampaignCreate request, Actor actor) {
        validate(request);
        return jdbi.inTransaction(h -> {
            Incident incident = incidents.get(incidentRef);
            if (incident.stage() == Stage.CLOSED) {
                throw ApiException.conflict("campaign.incident_closed", "Incident " + incident.key()
                        + " is closed; reopen it before notifying people.", List.of());
            }
            Instant now = now();
            Campaign campaign = new Campaign(UUID.randomUUID(), incident.id(), request.noticeKind(),
                    request.jurisdictions(), EnumSet.copyOf(request.channels()), request.channelChoice(),
                    request.variables(), request.deadline(), CampaignStatus.DRAFT, actor.name(), now, null, null,
                    null, null, now, List.of());
            h.attach(CampaignDao.class).insert(row(campaign));
            Map<String, Object> data = Map.of("campaign", campaign.id().toString(),
                    "noticeKind", campaign.noticeKind().name(), "channels", campaign.channels().toString());
            incidents.appendTimeline(h, incident.id(), actor, TimelineKind.CAMPAIGN_CREATED,
                    "Drafted a " + campaign.noticeKind().folder() + " campaign over " + campaign.channels(), data);
            audit.record(h, new AuditEvent(actor.name(), "campaign.create", "campaign", campaign.id().toString(), data));
            return view(h, campaign, incident);
        });
    }

    /**
     * Changes a DRAFT by a JSON merge patch (RFC 7396) of its content: notice kind, jurisdictions, channels, channel
     * choice, variables (merged key by key; null removes one) and deadline. The result is validated as a new draft is.
     * An approved (or later) campaign is refused with 409: the approval covers exactly the notice that was read, so
     * the way to change one is to cancel it and draft anew. The editor is recorded and, like the author, may not
     * approve it.
     */
    public CampaignView edit(String campaignId, ObjectNode patch, Actor actor) {
        JsonMergePatch.rejectUnpatchable(patch, NOT_PATCHABLE);
        return jdbi.inTransaction(h -> {
            Campaign before = find(h, campaignId, true);
            if (before.status() != CampaignStatus.DRAFT) {
                throw ApiException.conflict("campaign.not_editable", "Campaign " + before.id() + " is "
                        + before.status() + (before.approvedBy() == null ? "" : " (approved by " + before.approvedBy()
                        + " at " + before.approvedAt() + ")") + ": only a DRAFT can be edited, because an approval "
                        + "covers exactly the notice that was approved. " + (before.status().next().contains(
                        CampaignStatus.CANCELLED) ? "Cancel it and draft a new campaign." : "Draft a new campaign."),
                        List.of(new ApiError.Detail("status", "is " + before.status() + ", must be DRAFT")));
            }
            Incident incident = incidents.get(before.incidentId().toString());
            if (incident.stage() == Stage.CLOSED) {
                throw ApiException.conflict("campaign.incident_closed", "Incident " + incident.key()
                        + " is closed; reopen it before changing its notices.", List.of());
            }
            ObjectNode merged = mapper.valueToTree(before.content());
            JsonMergePatch.apply(merged, patch);
            CampaignCreate content = JsonMergePatch.read(mapper, merged, CampaignCreate.class, "the campaign");
            var violations = validator.validate(content);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            validate(content);
            Campaign after = before.edited(content, actor.name(), now());
            Map<String, Object> changed = changes(before, after);
            if (changed.isEmpty()) {
                return view(h, before, incident);
            }
            h.attach(CampaignDao.class).edit(row(after));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("campaign", after.id().toString());
            data.put("changed", changed);
            incidents.appendTimeline(h, incident.id(), actor, TimelineKind.CAMPAIGN_EDITED, "Edited draft campaign "
                    + after.id() + ": " + String.join(", ", changed.keySet()), data);
            audit.record(h, new AuditEvent(actor.name(), "campaign.edit", "campaign", after.id().toString(), data));
            return view(h, after, incident);
        });
    }

    public List<CampaignView> list(String incidentRef) {
        Incident incident = incidents.get(incidentRef);
        return jdbi.withHandle(h -> h.attach(CampaignDao.class).forIncident(incident.id()).stream()
                .map(r -> view(h, campaign(r), incident)).toList());
    }

    public CampaignView get(String campaignId) {
        return jdbi.withHandle(h -> {
            Campaign c = find(h, campaignId, false);
            return view(h, c, incidents.get(c.incidentId().toString()));
        });
    }

    public CampaignView approve(String campaignId, Actor actor) {
        return change(campaignId, actor, CampaignStatus.APPROVED, (h, c) -> {
            if (c.writtenBy(actor.name())) {
                throw ApiException.conflict("campaign.self_approval", "A campaign must be approved by someone who "
                        + "neither drafted nor edited it (" + c.createdBy()
                        + (c.editedBy().isEmpty() ? "" : ", " + String.join(", ", c.editedBy())) + ").",
                        List.of(new ApiError.Detail("approver", "must differ from createdBy and editedBy")));
            }
            requireSenderAndContact(c);
            return c.approvedBy(actor.name(), now());
        });
    }

    private static void requireSenderAndContact(Campaign c) {
        List<ApiError.Detail> missing = new ArrayList<>();
        for (Set<String> group : c.noticeKind().requiredBeforeApproval()) {
            if (group.stream().noneMatch(name -> given(c.variables().get(name)))) {
                List<String> names = group.stream().sorted().toList();
                missing.add(new ApiError.Detail("variables." + names.get(0), names.size() == 1 ? "is required"
                        : "or one of " + String.join(", ", names.subList(1, names.size())) + " is required"));
            }
        }
        if (!missing.isEmpty()) {
            throw new ApiException(422, "campaign.variables_missing", "A notice must say who sends it and how to "
                    + "reach them; set these variables (PATCH the draft) before approving: " + missing.stream()
                    .map(d -> d.field() + " " + d.problem()).collect(java.util.stream.Collectors.joining("; ")) + ".",
                    missing);
        }
    }

    private static boolean given(Object value) {
        return value != null && !(value instanceof String text && text.isBlank())
                && !(value instanceof java.util.Collection<?> list && list.isEmpty());
    }

    /**
     * Launches an approved campaign: checks the capacity against the deadline (an APPROVER may override a miss),
     * then writes one delivery per (person, channel) in bulk, inside the same transaction as the status change.
     */
    public CampaignView launch(String campaignId, boolean overrideCapacity, Actor actor) {
        if (overrideCapacity && !(actor.role() == Role.APPROVER || actor.role() == Role.ADMIN)) {
            throw new ApiException(403, "auth.forbidden", "Only an APPROVER may launch past a capacity warning.");
        }
        return change(campaignId, actor, CampaignStatus.SENDING, (h, c) -> {
            requireStatus(c, CampaignStatus.APPROVED, CampaignStatus.SENDING);
            Incident incident = incidents.get(c.incidentId().toString());
            CapacityEstimate capacity = capacity(h, c, incident);
            // A deadline already passed is no reason to hold the notices back: they go out at once, late.
            boolean deadlineAhead = capacity != null && capacity.deadline() != null
                    && capacity.deadline().isAfter(now());
            if (deadlineAhead && !capacity.fits() && !overrideCapacity) {
                List<ApiError.Detail> details = capacity.channels().stream().filter(e -> !e.fits())
                        .map(e -> new ApiError.Detail("capacity." + e.channel(), e.advice())).toList();
                throw ApiException.conflict("campaign.capacity_exceeded", "The notices cannot all be out by "
                        + capacity.deadline() + " (" + capacity.deadlineSource() + "). " + details.get(0).problem()
                        + " An APPROVER may launch anyway with {\"overrideCapacity\": true}.", details);
            }
            Instant now = now();
            CampaignDao dao = h.attach(CampaignDao.class);
            boolean everyone = c.jurisdictions().isEmpty();
            int email = c.channels().contains(Channel.EMAIL)
                    ? dao.enqueueEmail(c.id(), c.incidentId(), everyone, c.jurisdictions(), now) : 0;
            boolean smsOnlyWithoutEmail = c.channelChoice() == ChannelChoice.EMAIL_ELSE_SMS
                    && c.channels().contains(Channel.EMAIL);
            int sms = c.channels().contains(Channel.SMS)
                    ? dao.enqueueSms(c.id(), c.incidentId(), everyone, c.jurisdictions(), smsOnlyWithoutEmail, now) : 0;
            // In addition to e-mail and SMS, whatever the channel choice: everyone has a reference for the product.
            int webhook = c.channels().contains(Channel.WEBHOOK)
                    ? dao.enqueueWebhook(c.id(), c.incidentId(), everyone, c.jurisdictions(), now) : 0;
            audit.record(h, new AuditEvent(actor.name(), "campaign.enqueue", "campaign", c.id().toString(),
                    Map.of("email", email, "sms", sms, "webhook", webhook, "capacityOverridden",
                            overrideCapacity && capacity != null && !capacity.fits())));
            return c.withStatus(CampaignStatus.SENDING, now);
        });
    }

    public CampaignView pause(String campaignId, Actor actor) {
        return change(campaignId, actor, CampaignStatus.PAUSED, (h, c) -> requireStatus(c, CampaignStatus.SENDING,
                CampaignStatus.PAUSED).withStatus(CampaignStatus.PAUSED, now()));
    }

    public CampaignView resume(String campaignId, Actor actor) {
        return change(campaignId, actor, CampaignStatus.SENDING, (h, c) -> requireStatus(c, CampaignStatus.PAUSED,
                CampaignStatus.SENDING).withStatus(CampaignStatus.SENDING, now()));
    }

    /** Cancels the campaign: deliveries not yet claimed are cancelled; those in flight finish. */
    public CampaignView cancel(String campaignId, Actor actor) {
        return change(campaignId, actor, CampaignStatus.CANCELLED, (h, c) -> {
            h.attach(CampaignDao.class).cancelQueued(c.id(), now());
            return c.withStatus(CampaignStatus.CANCELLED, now());
        });
    }

    /** Renders the campaign's notices for the standard sample people, per channel; nothing is stored. */
    public Map<Channel, List<NoticePreview>> preview(String incidentRef, CampaignCreate request) {
        validate(request);
        Incident incident = incidents.get(incidentRef);
        Map<String, Object> variables = templateVariables(request.variables(), incident);
        Map<Channel, List<NoticePreview>> previews = new EnumMap<>(Channel.class);
        for (Channel channel : EnumSet.copyOf(request.channels())) {
            previews.put(channel, renderer.preview(request.noticeKind(), channel, variables,
                    SamplePerson.standardSet()));
        }
        return previews;
    }

    /** Marks a campaign completed once nothing of it is waiting or in flight (called by the dispatcher). */
    void completeIfDone(UUID campaignId) {
        jdbi.useTransaction(h -> {
            if (h.attach(CampaignDao.class).completeIfDone(campaignId, now()) == 1) {
                Campaign c = find(h, campaignId.toString(), false);
                Actor system = Actor.system("dispatcher");
                Map<String, Object> data = Map.of("campaign", c.id().toString(), "from", "SENDING", "to", "COMPLETED");
                incidents.appendTimeline(h, c.incidentId(), system, TimelineKind.CAMPAIGN_STATUS_CHANGED,
                        "Campaign " + c.id() + " completed", data);
                audit.record(h, new AuditEvent(system.name(), "campaign.complete", "campaign", c.id().toString(), data));
            }
        });
    }

    /**
     * Takes a COMPLETED campaign back to SENDING because some of its deliveries were queued again, in the caller's
     * transaction; returns whether it was completed. Timeline and audit say who did it and why.
     */
    boolean reopenForRetry(Handle h, UUID campaignId, Actor actor, String why) {
        if (h.attach(CampaignDao.class).reopen(campaignId, now()) == 0) {
            return false;
        }
        Campaign c = find(h, campaignId.toString(), false);
        Map<String, Object> data = Map.of("campaign", c.id().toString(), "from", "COMPLETED", "to", "SENDING",
                "why", why);
        incidents.appendTimeline(h, c.incidentId(), actor, TimelineKind.CAMPAIGN_STATUS_CHANGED,
                "Campaign " + c.id() + " sending again (COMPLETED → SENDING): " + why, data);
        audit.record(h, new AuditEvent(actor.name(), "campaign.reopen", "campaign", c.id().toString(), data));
        return true;
    }

    /** The campaign's template variables: the incident's key plus what the campaign gives. */
    Map<String, Object> templateVariables(Map<String, Object> given, Incident incident) {
        Map<String, Object> variables = new LinkedHashMap<>(given);
        variables.putIfAbsent("incidentKey", incident.key());
        return variables;
    }

    Campaign find(Handle h, String campaignId, boolean lock) {
        UUID id;
        try {
            id = UUID.fromString(campaignId);
        } catch (IllegalArgumentException e) {
            throw notFound(campaignId);
        }
        CampaignDao dao = h.attach(CampaignDao.class);
        return (lock ? dao.lock(id) : dao.find(id)).map(this::campaign).orElseThrow(() -> notFound(campaignId));
    }

    /** One state change: lock, check the move is legal, apply, write, timeline and audit, in one transaction. */
    private CampaignView change(String campaignId, Actor actor, CampaignStatus to, Step step) {
        return jdbi.inTransaction(h -> {
            Campaign before = find(h, campaignId, true);
            if (!before.status().next().contains(to) || to == CampaignStatus.COMPLETED) {
                throw ApiException.conflict("campaign.illegal_transition", "A campaign in " + before.status()
                        + " cannot become " + to + "; it can become " + before.status().next() + ".",
                        List.of(new ApiError.Detail("status", "is " + before.status())));
            }
            Campaign after = step.apply(h, before);
            h.attach(CampaignDao.class).update(row(after));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("campaign", after.id().toString());
            data.put("from", before.status().name());
            data.put("to", after.status().name());
            String verb = switch (to) {
                case APPROVED -> "approve";
                case SENDING -> before.status() == CampaignStatus.PAUSED ? "resume" : "launch";
                case PAUSED -> "pause";
                case CANCELLED -> "cancel";
                default -> to.name().toLowerCase(java.util.Locale.ROOT);
            };
            incidents.appendTimeline(h, after.incidentId(), actor, to == CampaignStatus.APPROVED
                            ? TimelineKind.CAMPAIGN_APPROVED : TimelineKind.CAMPAIGN_STATUS_CHANGED,
                    "Campaign " + after.id() + ": " + verb + " (" + before.status() + " → " + after.status() + ")", data);
            audit.record(h, new AuditEvent(actor.name(), "campaign." + verb, "campaign", after.id().toString(), data));
            return view(h, after, incidents.get(after.incidentId().toString()));
        });
    }

    /** A state change's own work, given the locked campaign; returns the campaign to store. */
    @FunctionalInterface
    private interface Step {
        Campaign apply(Handle h, Campaign before);
    }

    private static Campaign requireStatus(Campaign c, CampaignStatus required, CampaignStatus to) {
        if (c.status() != required) {
            throw ApiException.conflict("campaign.illegal_transition", "A campaign in " + c.status()
                    + " cannot become " + to + ".", List.of(new ApiError.Detail("status", "is " + c.status())));
        }
        return c;
    }

    private CampaignView view(Handle h, Campaign c, Incident incident) {
        CampaignDao dao = h.attach(CampaignDao.class);
        List<ChannelProgress> progress = new ArrayList<>();
        if (c.launchedAt() != null) {
            Map<Channel, ChannelBlock> stopped = blocks.current();
            Map<Channel, Map<DeliveryStatus, Long>> counts = new EnumMap<>(Channel.class);
            for (StatusCount sc : dao.progress(c.id())) {
                counts.computeIfAbsent(Channel.valueOf(sc.channel()), k -> new EnumMap<>(DeliveryStatus.class))
                        .put(DeliveryStatus.valueOf(sc.status()), sc.deliveries());
            }
            for (Channel channel : c.channels()) {
                Map<DeliveryStatus, Long> m = counts.getOrDefault(channel, Map.of());
                long left = m.getOrDefault(DeliveryStatus.QUEUED, 0L) + m.getOrDefault(DeliveryStatus.SENDING, 0L);
                double rate = planner.ratePerSecond(channel);
                Instant eta = left == 0 || c.status() != CampaignStatus.SENDING || stopped.containsKey(channel) ? null
                        : now().plusSeconds((long) Math.ceil(left / rate));
                progress.add(new ChannelProgress(channel, m.getOrDefault(DeliveryStatus.QUEUED, 0L),
                        m.getOrDefault(DeliveryStatus.SENDING, 0L), m.getOrDefault(DeliveryStatus.SENT, 0L),
                        m.getOrDefault(DeliveryStatus.DELIVERED, 0L), m.getOrDefault(DeliveryStatus.FAILED, 0L),
                        m.getOrDefault(DeliveryStatus.UNCERTAIN, 0L), m.getOrDefault(DeliveryStatus.CANCELLED, 0L),
                        eta, channel.carriesLegalNotice(), stopped.get(channel)));
            }
        }
        CapacityEstimate capacity = c.status() == CampaignStatus.DRAFT || c.status() == CampaignStatus.APPROVED
                ? capacity(h, c, incident) : null;
        return new CampaignView(c.id(), incident.key(), c.noticeKind(), c.jurisdictions(), c.channels(),
                c.channelChoice(), c.variables(), c.deadline(), c.status(), c.createdBy(), c.createdAt(),
                c.approvedBy(), c.approvedAt(), c.launchedAt(), c.finishedAt(), progress, capacity, c.editedBy(),
                c.updatedAt());
    }

    private CapacityEstimate capacity(Handle h, Campaign c, Incident incident) {
        DeadlineSource.Due due = c.deadline() != null ? new DeadlineSource.Due(c.deadline(), "the campaign's deadline")
                : deadlines.earliestFor(c.incidentId()).orElse(null);
        CampaignDao dao = h.attach(CampaignDao.class);
        boolean everyone = c.jurisdictions().isEmpty();
        List<AudienceGroup> email = c.channels().contains(Channel.EMAIL)
                ? dao.emailAudience(c.incidentId(), everyone, c.jurisdictions()) : List.of();
        boolean smsOnlyWithoutEmail = c.channelChoice() == ChannelChoice.EMAIL_ELSE_SMS
                && c.channels().contains(Channel.EMAIL);
        List<AudienceGroup> sms = c.channels().contains(Channel.SMS)
                ? dao.smsAudience(c.incidentId(), everyone, c.jurisdictions(), smsOnlyWithoutEmail) : List.of();
        long webhook = c.channels().contains(Channel.WEBHOOK)
                ? dao.audienceSize(c.incidentId(), everyone, c.jurisdictions()) : 0;
        return planner.estimate(c, templateVariables(c.variables(), incident), email, sms, webhook, now(), due);
    }

    private void validate(CampaignCreate request) {
        List<ApiError.Detail> details = new ArrayList<>();
        if (request.noticeKind() == NoticeKind.RESPONDER_REMINDER) {
            details.add(new ApiError.Detail("noticeKind", "is for responders, not affected people"));
        }
        for (Channel channel : request.channels()) {
            if (!request.noticeKind().channels().contains(channel)) {
                details.add(new ApiError.Detail("channels", request.noticeKind() + " cannot be sent by " + channel));
            }
        }
        for (int i = 0; i < request.jurisdictions().size(); i++) {
            String j = request.jurisdictions().get(i);
            if (!Jurisdiction.isValid(j)) {
                details.add(new ApiError.Detail("jurisdictions[" + i + "]",
                        Echo.of(j) + " " + Jurisdiction.problemWith(j)));
            }
        }
        if (Set.copyOf(request.jurisdictions()).size() != request.jurisdictions().size()) {
            details.add(new ApiError.Detail("jurisdictions", "must not repeat a jurisdiction"));
        }
        Set<String> personal = new TreeSet<>(request.variables().keySet());
        personal.retainAll(PERSON_VARIABLES);
        for (String name : personal) {
            details.add(new ApiError.Detail(Echo.member("variables", name), "is filled in per person"));
        }
        Set<String> unknown = new TreeSet<>(request.variables().keySet());
        unknown.removeAll(request.noticeKind().variables());
        for (String name : unknown) {
            details.add(new ApiError.Detail(Echo.member("variables", name), "is not a variable of " + request.noticeKind()));
        }
        request.variables().forEach((name, value) -> {
            VariableType type = request.noticeKind().variableType(name);
            if (!unknown.contains(name) && !type.accepts(value)) {
                details.add(new ApiError.Detail(Echo.member("variables", name), type.expectation()));
            }
        });
        if (details.isEmpty()) {
            try {
                renderer.preview(request.noticeKind(), request.channels().iterator().next(), request.variables(),
                        List.of(SamplePerson.standardSet().get(0)));
            } catch (IllegalArgumentException e) {
                details.add(new ApiError.Detail("variables", e.getMessage()));
            }
        }
        if (!details.isEmpty()) {
            throw new ApiException(422, "request.validation_failed", details.stream()
                    .map(d -> d.field() + " " + d.problem()).reduce((a, b) -> a + "; " + b).orElse(""), details);
        }
    }

    /** Fields of a campaign's view that are not its content: a patch naming them is refused, not ignored. */
    private static final Map<String, String> NOT_PATCHABLE = Map.ofEntries(
            Map.entry("id", "cannot change"), Map.entry("incidentKey", "cannot change"),
            Map.entry("status", "changes through approve, launch, pause, resume and cancel"),
            Map.entry("createdBy", "cannot change"), Map.entry("createdAt", "cannot change"),
            Map.entry("approvedBy", "is set by approve"), Map.entry("approvedAt", "is set by approve"),
            Map.entry("launchedAt", "is set by launch"), Map.entry("finishedAt", "is set when it ends"),
            Map.entry("updatedAt", "is set by each change"), Map.entry("editedBy", "is recorded from the token"),
            Map.entry("progress", "is computed"), Map.entry("capacity", "is computed"));

    /** What an edit changed, field by field, as it was and as it is (campaign-level values; no personal data). */
    private Map<String, Object> changes(Campaign before, Campaign after) {
        JsonNode a = mapper.valueToTree(before.content());
        JsonNode b = mapper.valueToTree(after.content());
        Map<String, Object> changed = new LinkedHashMap<>();
        b.fieldNames().forEachRemaining(f -> {
            if (!a.path(f).equals(b.path(f))) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("from", mapper.convertValue(a.get(f), Object.class));
                change.put("to", mapper.convertValue(b.get(f), Object.class));
                changed.put(f, change);
            }
        });
        return changed;
    }

    private CampaignRow row(Campaign c) {
        return new CampaignRow(c.id(), c.incidentId(), c.noticeKind().name(), json(c.jurisdictions()),
                json(c.channels().stream().map(Enum::name).sorted().toList()), c.channelChoice().name(),
                json(c.variables()), c.deadline(), c.status().name(), c.createdBy(), c.createdAt(), c.approvedBy(),
                c.approvedAt(), c.launchedAt(), c.finishedAt(), c.updatedAt(), json(c.editedBy()));
    }

    private Campaign campaign(CampaignRow r) {
        try {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            mapper.readValue(r.channels(), STRINGS).forEach(c -> channels.add(Channel.valueOf(c)));
            return new Campaign(r.id(), r.incidentId(), NoticeKind.valueOf(r.noticeKind()),
                    mapper.readValue(r.jurisdictions(), STRINGS), channels, ChannelChoice.valueOf(r.channelChoice()),
                    mapper.readValue(r.variables(), VARIABLES), r.deadline(), CampaignStatus.valueOf(r.status()),
                    r.createdBy(), r.createdAt(), r.approvedBy(), r.approvedAt(), r.launchedAt(), r.finishedAt(),
                    r.updatedAt(), mapper.readValue(r.editedBy(), STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign " + r.id() + " is stored unreadably", e);
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("campaign.not_found", "No campaign with id " + Echo.quoted(id) + ".");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
