package org.breachline.notify;

import org.breachline.text.Echo;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;
import org.breachline.http.ApiException;

import java.util.List;

/** The notice channels over HTTP: which are stopped and why, and resuming one once its configuration is fixed. */
@Path("/api/notify/channels")
@Produces(MediaType.APPLICATION_JSON)
public class NoticeChannelResource {
    private final ChannelBlocks blocks;

    public NoticeChannelResource(ChannelBlocks blocks) {
        this.blocks = blocks;
    }

    @GET
    @PermitAll
    public List<ChannelState> list() {
        return blocks.states();
    }

    @POST
    @Path("/{channel}/resume")
    @RolesAllowed(Role.ADMIN_NAME)
    public ChannelState resume(@PathParam("channel") String name, @Context SecurityContext security) {
        Channel channel = channel(name);
        blocks.resume(channel, Actor.of(security));
        return new ChannelState(channel, channel.carriesLegalNotice(), blocks.current().get(channel));
    }

    private static Channel channel(String name) {
        for (Channel c : Channel.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw ApiException.notFound("notify.channel_not_found", "No notice channel "
                + Echo.quoted(name) + "; the channels are EMAIL, SMS and WEBHOOK.");
    }
}
