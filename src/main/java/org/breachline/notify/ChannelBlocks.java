package org.breachline.notify;

import io.dropwizard.lifecycle.Managed;
import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.breachline.auth.Actor;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stops and resumes whole notice channels. A provider that refuses the sender itself (Twilio 20003: the credentials
 * are wrong or the account is suspended) would fail every delivery one by one as if each address were bad; instead
 * the dispatcher stops the channel here, its deliveries stay queued with their attempts untouched, and campaign
 * views show the reason. The block is in the database, so every instance honours it. It lasts until an ADMIN resumes
 * the channel or the service starts again (a configuration fix needs a restart anyway): then the next send tells.
 */
public final class ChannelBlocks implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelBlocks.class);

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;

    public ChannelBlocks(Jdbi jdbi, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
    }

    /** The stopped channels now (one small query: the dispatcher asks every round). */
    public Map<Channel, ChannelBlock> current() {
        Map<Channel, ChannelBlock> blocks = new EnumMap<>(Channel.class);
        for (ChannelBlockDao.Row r : jdbi.withExtension(ChannelBlockDao.class, ChannelBlockDao::all)) {
            Channel channel = Channel.valueOf(r.channel());
            blocks.put(channel, new ChannelBlock(channel, r.reason(), r.blockedAt(), r.blockedBy()));
        }
        return blocks;
    }

    /** Every channel with its block, if any. */
    public List<ChannelState> states() {
        Map<Channel, ChannelBlock> blocks = current();
        return java.util.Arrays.stream(Channel.values())
                .map(c -> new ChannelState(c, c.carriesLegalNotice(), blocks.get(c))).toList();
    }

    /** Stops the channel (unless it is stopped already); returns whether this call stopped it. */
    public boolean block(Channel channel, String reason, String worker) {
        String clipped = reason.length() > 500 ? reason.substring(0, 500) : reason;
        boolean stopped = jdbi.inTransaction(h -> {
            if (h.attach(ChannelBlockDao.class).block(channel.name(), clipped,
                    clock.instant().truncatedTo(ChronoUnit.MICROS), worker) == 0) {
                return false;
            }
            audit.record(h, new AuditEvent(Actor.system("dispatcher").name(), "notify.channel_block", "channel",
                    channel.name(), Map.of("reason", clipped, "worker", worker)));
            return true;
        });
        if (stopped) {
            LOG.error("Notice channel {} stopped: {}. Its deliveries stay queued until an ADMIN resumes it "
                    + "(POST /api/notify/channels/{}/resume) or the service restarts.", channel, clipped, channel);
        }
        return stopped;
    }

    /** Lets the channel send again; the block lifted, if there was one. */
    public Optional<ChannelBlock> resume(Channel channel, Actor actor) {
        return jdbi.inTransaction(h -> {
            ChannelBlockDao dao = h.attach(ChannelBlockDao.class);
            Optional<ChannelBlock> lifted = dao.all().stream().filter(r -> r.channel().equals(channel.name()))
                    .findFirst().map(r -> new ChannelBlock(channel, r.reason(), r.blockedAt(), r.blockedBy()));
            if (lifted.isPresent() && dao.lift(channel.name()) == 1) {
                audit.record(h, new AuditEvent(actor.name(), "notify.channel_resume", "channel", channel.name(),
                        Map.of("reason", lifted.get().reason())));
                return lifted;
            }
            return Optional.empty();
        });
    }

    /** A (re)started service may run with a fixed configuration: every block is lifted, and the next send tells. */
    @Override
    public void start() {
        for (Channel channel : current().keySet()) {
            resume(channel, Actor.system("startup"));
        }
    }
}
