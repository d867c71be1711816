package org.breachline.notify;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@RegisterConstructorMapper(CampaignRow.class)
@RegisterConstructorMapper(AudienceGroup.class)
@RegisterConstructorMapper(StatusCount.class)
@RegisterConstructorMapper(FailedDeliveryRow.class)
interface CampaignDao {
    String COLUMNS = "id, incident_id, notice_kind, jurisdictions, channels, channel_choice, variables, deadline, "
            + "status, created_by, created_at, approved_by, approved_at, launched_at, finished_at, updated_at, edited_by";
    /** The audience of a campaign among the people of notify_audience (people's published view). */
    String AUDIENCE = " FROM notify_audience a WHERE a.incident_id = :incident "
            + "AND (:everyone = TRUE OR a.jurisdiction IN (<jurisdictions>)) ";
    String EMAIL_RECIPIENT = " AND a.has_email = TRUE ";
    String SMS_RECIPIENT = " AND a.has_phone = TRUE AND (:smsOnlyWithoutEmail = FALSE OR a.has_email = FALSE) ";

    @SqlUpdate("INSERT INTO campaign (" + COLUMNS + ") VALUES (:id, :incidentId, :noticeKind, :jurisdictions, "
            + ":channels, :channelChoice, :variables, :deadline, :status, :createdBy, :createdAt, :approvedBy, "
            + ":approvedAt, :launchedAt, :finishedAt, :updatedAt, :editedBy)")
    void insert(@BindMethods CampaignRow row);

    /** Writes a draft's new content; 1 if it was still a draft. */
    @SqlUpdate("UPDATE campaign SET notice_kind = :noticeKind, jurisdictions = :jurisdictions, channels = :channels, "
            + "channel_choice = :channelChoice, variables = :variables, deadline = :deadline, edited_by = :editedBy, "
            + "updated_at = :updatedAt WHERE id = :id AND status = 'DRAFT'")
    int edit(@BindMethods CampaignRow row);

    @SqlUpdate("UPDATE campaign SET status = :status, approved_by = :approvedBy, approved_at = :approvedAt, "
            + "launched_at = :launchedAt, finished_at = :finishedAt, updated_at = :updatedAt WHERE id = :id")
    void update(@BindMethods CampaignRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM campaign WHERE id = :id")
    Optional<CampaignRow> find(@Bind("id") UUID id);

    /** Locks the campaign for the rest of the transaction, so state changes apply one after another. */
    @SqlQuery("SELECT " + COLUMNS + " FROM campaign WHERE id = :id FOR UPDATE")
    Optional<CampaignRow> lock(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM campaign WHERE incident_id = :incident ORDER BY created_at DESC, id")
    List<CampaignRow> forIncident(@Bind("incident") UUID incident);

    @SqlUpdate("INSERT INTO delivery (campaign_id, person_id, channel, status, attempts, next_attempt_at, updated_at) "
            + "SELECT :campaign, a.person_id, 'EMAIL', 'QUEUED', 0, :now, :now" + AUDIENCE + EMAIL_RECIPIENT)
    int enqueueEmail(@Bind("campaign") UUID campaign, @Bind("incident") UUID incident,
                     @Bind("everyone") boolean everyone,
                     @BindList(value = "jurisdictions", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> jurisdictions,
                     @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO delivery (campaign_id, person_id, channel, status, attempts, next_attempt_at, updated_at) "
            + "SELECT :campaign, a.person_id, 'SMS', 'QUEUED', 0, :now, :now" + AUDIENCE + SMS_RECIPIENT)
    int enqueueSms(@Bind("campaign") UUID campaign, @Bind("incident") UUID incident, @Bind("everyone") boolean everyone,
                   @BindList(value = "jurisdictions", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> jurisdictions,
                   @Bind("smsOnlyWithoutEmail") boolean smsOnlyWithoutEmail, @Bind("now") Instant now);

    /** The webhook goes to every person of the audience: each has a reference, whatever their e-mail or phone. */
    @SqlUpdate("INSERT INTO delivery (campaign_id, person_id, channel, status, attempts, next_attempt_at, updated_at) "
            + "SELECT :campaign, a.person_id, 'WEBHOOK', 'QUEUED', 0, :now, :now" + AUDIENCE)
    int enqueueWebhook(@Bind("campaign") UUID campaign, @Bind("incident") UUID incident,
                       @Bind("everyone") boolean everyone,
                       @BindList(value = "jurisdictions", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> jurisdictions,
                       @Bind("now") Instant now);

    @SqlQuery("SELECT COUNT(*)" + AUDIENCE)
    long audienceSize(@Bind("incident") UUID incident, @Bind("everyone") boolean everyone,
                      @BindList(value = "jurisdictions", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> jurisdictions);

    @SqlQuery("SELECT a.locale, a.jurisdiction, COUNT(*) AS people" + AUDIENCE + EMAIL_RECIPIENT
            + "GROUP BY a.locale, a.jurisdiction")
    List<AudienceGroup> emailAudience(@Bind("incident") UUID incident, @Bind("everyone") boolean everyone,
                                      @BindList(value = "jurisdictions", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> jurisdictions);

    @SqlQuery("SELECT a.locale, a.jurisdiction, COUNT(*) AS people" + AUDIENCE + SMS_RECIPIENT
            + "GROUP BY a.locale, a.jurisdiction")
    List<AudienceGroup> smsAudience(@Bind("incident") UUID incident, @Bind("everyone") boolean everyone,
                                    @BindList(value = "jurisdictions", onEmpty = BindList.EmptyHandling.NULL_STRING) List<String> jurisdictions,
                                    @Bind("smsOnlyWithoutEmail") boolean smsOnlyWithoutEmail);

    @SqlQuery("SELECT channel, status, COUNT(*) AS deliveries FROM delivery WHERE campaign_id = :campaign "
            + "GROUP BY channel, status")
    List<StatusCount> progress(@Bind("campaign") UUID campaign);

    @SqlUpdate("UPDATE delivery SET status = 'CANCELLED', updated_at = :now WHERE campaign_id = :campaign "
            + "AND status = 'QUEUED'")
    int cancelQueued(@Bind("campaign") UUID campaign, @Bind("now") Instant now);

    /** Completes a sending campaign once none of its deliveries is waiting or in flight; 1 if it did. */
    @SqlUpdate("UPDATE campaign SET status = 'COMPLETED', finished_at = :now, updated_at = :now WHERE id = :campaign "
            + "AND status = 'SENDING' AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.campaign_id = :campaign "
            + "AND d.status IN ('QUEUED', 'SENDING'))")
    int completeIfDone(@Bind("campaign") UUID campaign, @Bind("now") Instant now);

    String FAILURES = " FROM delivery WHERE campaign_id = :campaign AND status IN ('FAILED', 'UNCERTAIN') "
            + "AND (CAST(:channel AS VARCHAR(10)) IS NULL OR channel = :channel)";

    @SqlQuery("SELECT id, person_id, channel, status, attempts, last_error, updated_at" + FAILURES
            + " ORDER BY updated_at, id LIMIT :limit OFFSET :offset")
    List<FailedDeliveryRow> failures(@Bind("campaign") UUID campaign, @Bind("channel") String channel,
                                     @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT COUNT(*)" + FAILURES)
    long countFailures(@Bind("campaign") UUID campaign, @Bind("channel") String channel);

    /** Fresh attempts for the chosen failures; the claim columns are cleared so no reconciliation mistakes them. */
    @SqlUpdate("UPDATE delivery SET status = 'QUEUED', attempts = 0, next_attempt_at = :now, claimed_by = NULL, "
            + "claimed_at = NULL, heartbeat_at = NULL, updated_at = :now WHERE campaign_id = :campaign "
            + "AND status IN (<statuses>) AND (CAST(:channel AS VARCHAR(10)) IS NULL OR channel = :channel)")
    int requeue(@Bind("campaign") UUID campaign, @Bind("channel") String channel,
                @BindList("statuses") List<String> statuses, @Bind("now") Instant now);

    @SqlUpdate("UPDATE campaign SET status = 'SENDING', finished_at = NULL, updated_at = :now WHERE id = :campaign "
            + "AND status = 'COMPLETED'")
    int reopen(@Bind("campaign") UUID campaign, @Bind("now") Instant now);
}
